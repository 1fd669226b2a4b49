import { EngagekitError } from '../errors/EngagekitError.js';
import { addCompensated } from '../math/neumaier.js';
import { type Instant, readInstant } from '../time/instant.js';
import { capped } from './_lib/behaviourTotals.js';
import { preparedSums } from './_lib/preparedSums.js';
import { customerArray, overflowOf } from './kernel/checkColumns.js';
import type { PreparedColumns } from './prepareColumns.js';
import { scoreRuleColumns } from './rules/scoreColumnsWithRules.js';

/** First index in `[from, to)` (times ascending) of an event after `at`. */
function firstAfterInstant(time: Float64Array, from: number, to: number, at: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (time[middle]! <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * First index in `[from, to)` (times ascending) of an event less than `limit` old at `at`: the
 * older ones are worth nothing. Computes the age as the decay formulas do, so the boundary agrees
 * with {@link scoreAt}.
 */
function firstLive(
  time: Float64Array,
  from: number,
  to: number,
  at: number,
  limit: number,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (at - time[middle]! >= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Adds the decayed values at `at` of behaviour `b`'s events `[from, to)` (all at or before `at`)
 * to their customers' compensated sums, the pairs `(sums[2c], sums[2c + 1])`.
 */
function addEvents(
  prepared: PreparedColumns,
  b: number,
  from: number,
  to: number,
  at: number,
  sums: Float64Array,
): void {
  const { time, customer, value, compiled } = prepared;
  const k = compiled.kind[b]!;
  const boost = compiled.boost[b]!;
  const halfLife = compiled.halfLife[b]!;
  const limit = compiled.end[b]!;
  const grace = compiled.grace[b]!;
  const span = compiled.span[b]!;
  const weighted = value.length > 0;
  for (let i = from; i < to; i++) {
    const elapsed = at - time[i]!;
    let factor = 1;
    // The exponent of scoreAt's `2 ** (-elapsed / halfLife)`: the same factor, bit for bit.
    if (k === 1) factor = 2 ** (-elapsed / halfLife);
    else if (k === 0 && elapsed > grace) factor = (limit - elapsed) / span;
    const v = (weighted ? value[i]! : boost) * factor;
    const pair = 2 * customer[i]!;
    // Knuth's TwoSum: the rounding error of s + v, without a branch.
    const s = sums[pair]!;
    const total = s + v;
    const virtual = total - s;
    sums[pair + 1]! += s - (total - virtual) + (v - virtual);
    sums[pair] = total;
  }
}

/**
 * Adds each customer's total `values[c * stride + column] * factor`, clamped to `[-cap, cap]`,
 * to the compensated pairs `sums`.
 */
function addClamped(
  values: Float64Array,
  column: number,
  stride: number,
  factor: number,
  cap: number,
  sums: Float64Array,
): void {
  for (let pair = 0, at = column; pair < sums.length; pair += 2, at += stride) {
    const total = values[at]! * factor;
    if (total === 0) continue;
    // A total that overflowed stays NaN through the clamp, and so makes the score NaN.
    addCompensated(sums, pair, total - total === 0 ? capped(total, cap) : Number.NaN);
  }
}

/**
 * Re-scores every customer of a {@link prepareColumns} index at an instant: the same numbers as
 * {@link scoreColumns}, in O(customers x behaviours + live events of expiring behaviours) at or
 * after the newest event.
 *
 * @remarks
 * At or after the index's newest event (the usual case: the events so far, scored now and again
 * later), each never-expiring behaviour costs one multiplication per customer: its total at the
 * newest event times `2 ** (-(at - newest) / halfLife)` (one power per behaviour), or the total
 * itself for a permanent behaviour. Each expiring behaviour's events still counting at `at` are
 * one run of its time-sorted events in each block of customers, found by binary search and
 * summed directly, block by block (so that the block's sums stay in the processor's cache). Before the
 * newest event, the never-expiring behaviours' events up to `at` are summed directly too (the
 * cost of {@link scoreColumns} on those events), so a single event dated later than the instants
 * you score at (a clock-skewed timestamp, say) makes every such re-score O(events).
 *
 * Sums are compensated (Neumaier) and each behaviour's total is clamped to its cap. Events summed
 * directly decay by `2 ** (-elapsed / halfLife)`, bit for bit {@link scoreAt}'s factor. A
 * never-expiring total decays in two steps (to the newest event, then to `at`), each exponent
 * rounded once: a term `h` half-lives old is then within about `h` ulps of `scoreAt`'s, relative
 * to the term (a few ulps for the terms that matter; 900 half-lives out, 2^-900 of the boost
 * carries an error of about 1e-13 of itself). Tested against `scoreAt` to 1e-9 relative or 1e-6
 * absolute.
 *
 * @param prepared - The index from {@link prepareColumns}.
 * @param at - The instant to score at.
 * @returns The score of each customer, indexed by customer.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at`; `INVALID_OPTION` when
 * `prepared` is not a prepared index; `OVERFLOW` (path `['columns']`, one issue per customer)
 * when a score or a capped behaviour's total is beyond the range of a number.
 *
 * @example
 * ```ts
 * import { defineModel, exponential, prepareColumns, scorePrepared } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 8, decay: exponential({ days: 7 }) } } });
 * const day = 86_400_000;
 * const prepared = prepareColumns(
 *   model,
 *   { customer: Uint32Array.of(0, 0), behaviour: Uint8Array.of(0, 0), at: Float64Array.of(0, 7 * day) },
 *   1,
 * );
 * Array.from(scorePrepared(prepared, 7 * day)); // => [12]
 * Array.from(scorePrepared(prepared, 14 * day)); // => [6]
 * Array.from(scorePrepared(prepared, day * 3.5)); // => [5.65685424949238]
 * Array.from(scorePrepared(prepared, -1)); // => [0]
 * ```
 * @category Fast paths
 */
export function scorePrepared(prepared: PreparedColumns, at: Instant): Float64Array {
  const now = readInstant(at, { fn: 'scorePrepared', path: ['at'] });
  if (
    prepared === null ||
    typeof prepared !== 'object' ||
    !(prepared.segmentStart instanceof Uint32Array) ||
    !(prepared.summary instanceof Float64Array) ||
    !(prepared.summarised instanceof Uint16Array)
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      'scorePrepared: prepared must be the result of prepareColumns(model, columns, customerCount)',
      ['prepared'],
    );
  }
  const { compiled, customerCount, blocks, segmentStart, time, newest, summarised, summary } =
    prepared;
  if (compiled.rules !== undefined) {
    // Models with rules (issue 18): the rules' JS path over the events prepareColumns selected.
    if (prepared.rules === undefined) {
      throw new EngagekitError(
        'INVALID_OPTION',
        'scorePrepared: prepared lacks the rules of its model; build it with prepareColumns(model, columns, customerCount)',
        ['prepared', 'rules'],
      );
    }
    return scoreRuleColumns(
      compiled,
      compiled.rules,
      prepared.rules,
      now,
      customerCount,
      'scorePrepared',
    );
  }
  const { kind, end, halfLife, cap } = compiled;
  const behaviourCount = kind.length;
  // Each customer's compensated sum, (sum, compensation) pairs (kept by the index between calls).
  const sums = preparedSums(prepared);
  const later = now >= newest;
  // Events still counting, summed directly: every behaviour's before the newest event, the
  // expiring ones' (inside their window) at or after it. Block by block, so that the block's sums
  // stay in the cache while every behaviour's events of the block are added.
  const counted = (b: number): boolean => !(later && end[b] === Number.POSITIVE_INFINITY);
  /** Adds behaviour b's counting events of block k to `into`. */
  const addSegment = (b: number, k: number, into: Float64Array): void => {
    const limit = end[b]!;
    const from = segmentStart[b * blocks + k]!;
    const to = segmentStart[b * blocks + k + 1]!;
    const last = later ? to : firstAfterInstant(time, from, to, now);
    const first =
      limit === Number.POSITIVE_INFINITY ? from : firstLive(time, from, last, now, limit);
    if (first < last) addEvents(prepared, b, first, last, now, into);
  };
  for (let k = 0; k < blocks; k++) {
    for (let b = 0; b < behaviourCount; b++) {
      if (counted(b) && cap[b] === Number.POSITIVE_INFINITY) addSegment(b, k, sums);
    }
  }
  // Capped behaviours are summed apart in `own`, then clamped.
  let own: Float64Array | undefined;
  for (let b = 0; b < behaviourCount; b++) {
    if (!counted(b) || cap[b] === Number.POSITIVE_INFINITY) continue;
    if (own === undefined) own = customerArray('scorePrepared', 2 * customerCount, customerCount);
    else own.fill(0);
    for (let k = 0; k < blocks; k++) addSegment(b, k, own);
    for (let pair = 0; pair < own.length; pair += 2) own[pair]! += own[pair + 1]!;
    addClamped(own, 0, 2, 1, cap[b]!, sums);
  }
  const width = later ? summarised.length : 0;
  // The never-expiring behaviours at or after the newest event: one factor per behaviour.
  const factor = new Float64Array(width);
  const uncapped: number[] = [];
  for (let j = 0; j < width; j++) {
    const b = summarised[j]!;
    factor[j] = kind[b] === 1 ? 2 ** (-(now - newest) / halfLife[b]!) : 1;
    if (cap[b] === Number.POSITIVE_INFINITY) uncapped.push(j);
    else addClamped(summary, j, width, factor[j]!, cap[b]!, sums);
  }
  const columns = Int32Array.from(uncapped);
  const scores = customerArray('scorePrepared', customerCount, customerCount);
  let overflows = 0;
  for (let c = 0; c < customerCount; c++) {
    let s = sums[2 * c]!;
    let e = sums[2 * c + 1]!;
    const base = c * width;
    for (let u = 0; u < columns.length; u++) {
      const j = columns[u]!;
      const v = summary[base + j]! * factor[j]!;
      const next = s + v;
      const virtual = next - s;
      e += s - (next - virtual) + (v - virtual);
      s = next;
    }
    const score = s + e;
    if (score - score !== 0) overflows++;
    scores[c] = score;
  }
  if (overflows > 0) throw overflowOf('scorePrepared', scores, overflows);
  return scores;
}
