import { compiledDecayFactor } from '../../model/_lib/compiledDecayFactor.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { EngagementEvent, ScoreOptions } from '../EngagementEvent.js';
import {
  badBehaviour,
  badCustomerId,
  badInstant,
  badWeight,
  checkEventArray,
  notAnEvent,
  readIgnore,
  unknownBehaviour,
  weightOverflows,
} from './readEvents.js';
import { scoresOfSums } from './scoresOfSums.js';

/** Events per block of the one pass (see below). */
const BLOCK = 256;

/** Every customer's score at each instant asked, from {@link populationSums}. */
export interface PopulationSums {
  /** The customers' ids in first-seen order (events of unknown behaviours included). */
  readonly ids: readonly string[];
  /** Per instant asked, each customer's score: `scores[k][c]` is `ids[c]`'s at `times[k]`. */
  readonly scores: readonly Float64Array[];
  /** Whether some counted event has a negative weight. */
  readonly negativeWeight: boolean;
  /**
   * The (sum, compensation) pairs, customer `c`, behaviour `b`, instant `k` at
   * `2 * ((c * behaviours + b) * times.length + k)`.
   */
  readonly pairs: Float64Array;
}

/** What `atRisk`'s screen asks of {@link populationSums} beyond the scores. */
export interface PopulationScreen {
  /** Events after it do not count at any instant (by default the latest of `times`). */
  readonly countedUpTo: number;
  /** Filled with each counted event's customer (its index in `ids`); others are left as given. */
  readonly eventCustomer: Int32Array;
}

/**
 * The population functions' one pass over the event objects: checks each event as `readEvents`
 * does (the same errors, the first bad event first, then the first bad `customerId`), interns
 * its customer id and adds its decayed boost straight into that customer's (sum, compensation)
 * pair for its behaviour, at each of `times` (one or two instants), with no allocation per event
 * and no columns in between. The totals get the very doubles `scoreAt` gives on each customer's
 * own events: the same terms (`weight * boost * decayFactor`), added in the events' order with
 * the same compensation; then each customer's totals are clamped and summed as `cappedScore`
 * does.
 *
 * Returns `undefined` when the pairs outgrow eight per event (and 2^20) as customers appear, or
 * when a total is not finite: the caller then takes the exact path (columns grouped by customer,
 * sorted by id), which scores the same or throws the `OVERFLOW` error naming the total.
 */
export function populationSums(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions,
  times: readonly number[],
  screen?: PopulationScreen,
): PopulationSums | undefined {
  checkEventArray(events, fn);
  const ignore = readIgnore(options, fn);
  const count = events.length;
  const behaviours = compiled.behaviourIds.length;
  const budget = Math.max(1 << 20, 8 * count);
  const { index, boost } = compiled;
  const instants = times.length;
  const first = times[0]!;
  const second = instants > 1 ? times[1]! : first;
  const latest = screen === undefined ? Math.max(first, second) : screen.countedUpTo;
  const eventCustomer = screen?.eventCustomer;
  let negativeWeight = false;
  // Room for a customer per 8 events at first (the pairs then grow by doubling).
  let capacity = Math.min(count, Math.max(1024, count >>> 3));
  let sums = new Float64Array(2 * capacity * behaviours * instants);
  const firstSeen = new Map<string, number>();
  const ids: string[] = [];
  let badCustomer = -1;
  // The last id met and its customer: rows grouped by customer (as a database often returns
  // them) skip the lookup.
  // (The map itself at first: no event's customerId is that object.)
  let lastId: unknown = firstSeen;
  let lastCustomer = 0;
  // Events go in blocks: a first loop reads each id's length, so that the ids' headers (which the
  // map's lookup reads) come into the cache together rather than one miss at a time; the second
  // checks and interns each event and lists its slot, term and instant; a third reads each
  // listed slot (again many misses in flight at once), and the last adds the terms.
  const blockSlot = new Int32Array(BLOCK);
  const blockAmount = new Float64Array(BLOCK);
  const blockMillis = new Float64Array(BLOCK);
  const blockBehaviour = new Int32Array(BLOCK);
  let touched = 0;
  for (let from = 0; from < count; from += BLOCK) {
    const to = Math.min(count, from + BLOCK);
    for (let i = from; i < to; i++) {
      const event = events[i] as { customerId?: unknown } | null;
      if (event !== null && typeof event === 'object' && typeof event.customerId === 'string') {
        touched += event.customerId.length;
      }
    }
    let listed = 0;
    for (let i = from; i < to; i++) {
      const event = events[i];
      if (event === null || typeof event !== 'object') notAnEvent(fn, i, event);
      const id = event.customerId as string;
      let c = id === lastId ? lastCustomer : firstSeen.get(id);
      if (c === undefined) {
        if (typeof id === 'string' && id !== '') {
          c = ids.length;
          if (c === capacity) {
            if ((c + 1) * behaviours > budget) return undefined;
            capacity = Math.min(count, 2 * capacity, Math.floor(budget / behaviours));
            const grown = new Float64Array(2 * capacity * behaviours * instants);
            grown.set(sums);
            sums = grown;
          }
          firstSeen.set(id, c);
          ids.push(id);
          lastId = id;
          lastCustomer = c;
        } else {
          if (badCustomer < 0) badCustomer = i;
          c = 0;
        }
      } else {
        lastId = id;
        lastCustomer = c;
      }
      const behaviourId = event.behaviour;
      if (typeof behaviourId !== 'string') badBehaviour(fn, i, behaviourId);
      const time = event.at;
      const millis =
        typeof time === 'number' ? time : time instanceof Date ? time.getTime() : Number.NaN;
      if (!(Math.abs(millis) <= MAX_INSTANT)) badInstant(fn, i, time);
      // A null or missing weight counts 1, as a NULL weight does in the SQL of toSql.
      const w = event.weight as number | null | undefined;
      if (w != null && (typeof w !== 'number' || !Number.isFinite(w))) badWeight(fn, i, w);
      const b = index.get(behaviourId);
      if (b === undefined) {
        if (ignore) continue;
        unknownBehaviour(fn, i, behaviourId, compiled);
      }
      const amount = (w ?? 1) * boost[b]!;
      if (w != null && !Number.isFinite(amount)) weightOverflows(fn, i, compiled, b, w);
      if (badCustomer >= 0 || millis > latest) continue;
      if (w != null && w < 0) negativeWeight = true;
      if (eventCustomer !== undefined) eventCustomer[i] = c;
      // (sum, compensation) of customer c, behaviour b, instant k at
      // 2 * ((c * behaviours + b) * instants + k).
      blockSlot[listed] = 2 * (c * behaviours + b) * instants;
      blockAmount[listed] = amount;
      blockMillis[listed] = millis;
      blockBehaviour[listed] = b;
      listed++;
    }
    for (let m = 0; m < listed; m++) touched += sums[blockSlot[m]!]!;
    for (let m = 0; m < listed; m++) {
      const b = blockBehaviour[m]!;
      const millis = blockMillis[m]!;
      let slot = blockSlot[m]!;
      for (let k = 0; k < instants; k++, slot += 2) {
        const at = k === 0 ? first : second;
        if (millis > at) continue;
        const factor = compiledDecayFactor(compiled, b, at - millis);
        const value = blockAmount[m]! * factor;
        const sum = sums[slot]!;
        const next = sum + value;
        sums[slot + 1]! +=
          Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
        sums[slot] = next;
      }
    }
  }
  // Keeps the reads above, whose sum is otherwise unused: it is NaN only when some sum is not
  // finite, and then the exact path runs anyway.
  if (Number.isNaN(touched)) return undefined;
  if (badCustomer >= 0) badCustomerId(fn, badCustomer, events[badCustomer]!.customerId);
  const scores: Float64Array[] = [];
  for (let k = 0; k < instants; k++) {
    const own = instants === 1 ? sums : gather(sums, k, instants, ids.length * behaviours);
    const score = scoresOfSums(compiled, own, ids.length);
    if (score === undefined) return undefined;
    scores.push(score);
  }
  return { ids, scores, negativeWeight, pairs: sums };
}

/** The (sum, compensation) pairs of instant `k` out of pairs interleaved for `instants` instants. */
function gather(sums: Float64Array, k: number, instants: number, pairs: number): Float64Array {
  const own = new Float64Array(2 * pairs);
  for (let p = 0; p < pairs; p++) {
    own[2 * p] = sums[2 * (p * instants + k)]!;
    own[2 * p + 1] = sums[2 * (p * instants + k) + 1]!;
  }
  return own;
}
