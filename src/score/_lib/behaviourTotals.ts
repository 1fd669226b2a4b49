import { finiteTotal } from '../../math/finiteTotal.js';
import { addNeumaier } from '../../math/neumaier.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import type { EventColumns } from './readEvents.js';

/**
 * Per-behaviour totals at `at`, before caps: for each behaviour, the Neumaier-compensated sum of
 * `weight * boost * decay(at - event.at)` over its events with `event.at <= at`, in the order of
 * `events` (or of `positions`, indexes into `events`, when given: the sweep passes the events
 * alive at `at`, which gives the same doubles since every other event adds exactly 0). Throws
 * `OVERFLOW` (naming `fn`, at path `['events']`) when a total is not finite.
 */
export function behaviourTotals(
  compiled: CompiledModel,
  events: EventColumns,
  at: number,
  fn = 'scoreAt',
  positions?: ArrayLike<number>,
): Float64Array {
  const count = compiled.behaviourIds.length;
  const sums = new Float64Array(count);
  const compensations = new Float64Array(count);
  const length = positions === undefined ? events.length : positions.length;
  for (let k = 0; k < length; k++) {
    const i = positions === undefined ? k : positions[k]!;
    const time = events.at[i]!;
    if (time > at) continue;
    const b = events.behaviour[i]!;
    const value =
      events.weight[i]! * compiled.boost[b]! * decayFactor(compiled.decays[b]!, at - time);
    addNeumaier(sums, compensations, b, value);
  }
  for (let b = 0; b < count; b++) {
    sums[b] = finiteTotal(
      sums[b]! + compensations[b]!,
      fn,
      ['events'],
      `the total of behaviour ${JSON.stringify(compiled.behaviourIds[b])} at ${at}`,
    );
  }
  return sums;
}

/** A behaviour's total clamped to `[-cap, cap]`. */
export function capped(total: number, cap: number): number {
  return Math.min(cap, Math.max(total, -cap));
}

/**
 * The compensated sum of the per-behaviour totals, each clamped to its cap. Throws `OVERFLOW`
 * (naming `fn`, at path `['events']`) when the sum is not finite.
 */
export function cappedScore(
  compiled: CompiledModel,
  totals: Float64Array,
  fn = 'scoreAt',
  at?: number,
): number {
  let sum = 0;
  let compensation = 0;
  for (let b = 0; b < totals.length; b++) {
    const value = capped(totals[b]!, compiled.cap[b]!);
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return finiteTotal(
    sum + compensation,
    fn,
    ['events'],
    at === undefined ? 'the score' : `the score at ${at}`,
  );
}
