import { addNeumaier } from '../../math/neumaier.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import type { EventColumns } from './readEvents.js';

/**
 * Per-behaviour totals at `at`, before caps: for each behaviour, the Neumaier-compensated sum of
 * `weight * boost * decay(at - event.at)` over its events with `event.at <= at`.
 */
export function behaviourTotals(
  compiled: CompiledModel,
  events: EventColumns,
  at: number,
): Float64Array {
  const count = compiled.behaviourIds.length;
  const sums = new Float64Array(count);
  const compensations = new Float64Array(count);
  for (let i = 0; i < events.length; i++) {
    const time = events.at[i]!;
    if (time > at) continue;
    const b = events.behaviour[i]!;
    const value =
      events.weight[i]! * compiled.boost[b]! * decayFactor(compiled.decays[b]!, at - time);
    addNeumaier(sums, compensations, b, value);
  }
  for (let b = 0; b < count; b++) sums[b] = sums[b]! + compensations[b]!;
  return sums;
}

/** A behaviour's total clamped to `[-cap, cap]`. */
export function capped(total: number, cap: number): number {
  return Math.min(cap, Math.max(total, -cap));
}

/** The compensated sum of the per-behaviour totals, each clamped to its cap. */
export function cappedScore(compiled: CompiledModel, totals: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (let b = 0; b < totals.length; b++) {
    const value = capped(totals[b]!, compiled.cap[b]!);
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}
