import { EngagekitError } from '../errors/EngagekitError.js';
import { type Instant, readInstant } from '../time/instant.js';
import type { PreparedColumns } from './prepareColumns.js';

/** Windows of at most this many events are summed directly, exactly as `scoreAt` does. */
const DIRECT = 16;

/**
 * First index in `[from, to)` (times ascending) of an event with `at - time < limit` (with `strict`,
 * `<= limit`): the older events all come before it. Compares elapsed times exactly as the decay
 * formulas do, so boundaries agree with `scoreAt`.
 */
function firstAfter(
  time: Float64Array,
  from: number,
  to: number,
  at: number,
  limit: number,
  strict: boolean,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const elapsed = at - time[middle]!;
    if (strict ? elapsed > limit : elapsed >= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Re-scores every customer of a {@link prepareColumns} index at an instant: the same numbers as
 * {@link scoreColumns}, in O(customers x behaviours x log(events per group)).
 *
 * @remarks
 * For each customer and behaviour, binary searches find the events inside the decay window
 * (`time <= at`, and `at - time` below the duration or cutoff); a window of at most 16 events is
 * summed directly, a larger one from the prefix sums (error bound in {@link prepareColumns}). Each
 * behaviour's total is clamped to its cap and the behaviours are added with compensation. When
 * `at` is after every event, the search for the newest event costs one comparison.
 *
 * @param prepared - The index from {@link prepareColumns}.
 * @param at - The instant to score at.
 * @returns The score of each customer, indexed by customer.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at`; `INVALID_OPTION` when
 * `prepared` is not a prepared index.
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
 * Array.from(scorePrepared(prepared, -1)); // => [0]
 * ```
 * @category Fast paths
 */
export function scorePrepared(prepared: PreparedColumns, at: Instant): Float64Array {
  const now = readInstant(at, { fn: 'scorePrepared', path: ['at'] });
  if (
    prepared === null ||
    typeof prepared !== 'object' ||
    !(prepared.groupStart instanceof Uint32Array) ||
    !(prepared.prefix instanceof Float64Array)
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      'scorePrepared: prepared must be the result of prepareColumns(model, columns, customerCount)',
      ['prepared'],
    );
  }
  const { compiled, customerCount, behaviourCount, groupStart, time, value, prefix, prefixTime } =
    prepared;
  const { kind, end, grace, span, rate, cap } = compiled;
  const scores = new Float64Array(customerCount);
  for (let c = 0; c < customerCount; c++) {
    let score = 0;
    let scoreCompensation = 0;
    for (let b = 0; b < behaviourCount; b++) {
      const g = c * behaviourCount + b;
      const from = groupStart[g]!;
      const to = groupStart[g + 1]!;
      if (from === to) continue;
      // Events [from, last] happened at or before `now`.
      let last = to - 1;
      if (time[last]! > now) {
        let low = from;
        let high = to;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (time[middle]! <= now) low = middle + 1;
          else high = middle;
        }
        last = low - 1;
      }
      if (last < from) continue;
      const k = kind[b]!;
      const limit = end[b]!;
      // Events before `start` are at least `limit` old: worth nothing.
      const start =
        limit === Number.POSITIVE_INFINITY
          ? from
          : firstAfter(time, from, last + 1, now, limit, false);
      if (start > last) continue;
      let total = 0;
      if (last - start < DIRECT) {
        let compensation = 0;
        for (let i = start; i <= last; i++) {
          const elapsed = now - time[i]!;
          let factor = 1;
          if (k === 1) factor = Math.exp(-rate[b]! * elapsed);
          else if (k === 0 && elapsed > grace[b]!) factor = (limit - elapsed) / span[b]!;
          const v = value[i]! * factor;
          const next = total + v;
          compensation += Math.abs(total) >= Math.abs(v) ? total - next + v : v - next + total;
          total = next;
        }
        total += compensation;
      } else if (k === 1) {
        total = prefix[last]! * Math.exp(-rate[b]! * (now - time[last]!));
        if (start > from) {
          total -= prefix[start - 1]! * Math.exp(-rate[b]! * (now - time[start - 1]!));
        }
      } else {
        const before = start > from ? prefix[start - 1]! : 0;
        if (k === 0) {
          // Events [start, full) are on the ramp, [full, last] still inside the grace period.
          const full = firstAfter(time, start, last + 1, now, grace[b]!, true);
          const ramp = full > start ? prefix[full - 1]! - before : 0;
          const rampTime =
            full > start ? prefixTime[full - 1]! - (start > from ? prefixTime[start - 1]! : 0) : 0;
          total =
            (full <= last ? prefix[last]! - (full > from ? prefix[full - 1]! : 0) : 0) +
            ((limit - now + time[from]!) * ramp + rampTime) / span[b]!;
        } else total = prefix[last]! - before;
      }
      const bounded = Math.min(cap[b]!, Math.max(total, -cap[b]!));
      const next = score + bounded;
      scoreCompensation +=
        Math.abs(score) >= Math.abs(bounded) ? score - next + bounded : bounded - next + score;
      score = next;
    }
    scores[c] = score + scoreCompensation;
  }
  return scores;
}
