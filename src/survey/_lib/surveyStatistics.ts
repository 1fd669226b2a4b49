import { ldexp } from '../../math/ldexp.js';
import { addNeumaier, neumaierSum } from '../../math/neumaier.js';
import { wilson } from '../../math/wilson.js';
import type { CsatResult, ScalePointCount } from '../CsatResult.js';
import type { SurveyInterval } from '../SurveyInterval.js';

/** The mean answer of per-point counts, a compensated sum over n. */
export function scaleMean(counts: Float64Array, lowest: number, n: number): number {
  const terms = new Float64Array(counts.length);
  for (let k = 0; k < counts.length; k++) terms[k] = counts[k]! * (lowest + k);
  return Math.min(lowest + counts.length - 1, Math.max(lowest, neumaierSum(terms) / n));
}

/** Per-point counts as `{ value, count }` rows. */
export function scaleDistribution(counts: Float64Array, lowest: number): ScalePointCount[] {
  return Array.from(counts, (count, k) => ({ value: lowest + k, count }));
}

/** Survey weights summed per scale point, for the weighted shares and means. */
export interface PointWeights {
  /** `sums[k]`: the total weight of the answers `lowest + k`, times `2^exponent` (compensated). */
  readonly sums: Float64Array;
  /** The total of every weight, times `2^exponent`. */
  readonly total: number;
  /**
   * The power of two the weights were multiplied by (see {@link ldexp}), so that the largest is
   * in (1/2, 1]: weights of any magnitude (5e-324, 1e-200, 1e200) neither overflow nor underflow
   * when squared.
   */
  readonly exponent: number;
  /** Kish's effective sample size `(sum w)^2 / sum w^2`, at least 1; 0 when every weight is 0. */
  readonly effectiveSampleSize: number;
}

/**
 * Running, compensated sums of survey weights per scale point and of their squares, the weights
 * multiplied by a power of two `2^exponent` that keeps the largest in (1/2, 1] (rescaling when a
 * larger weight arrives multiplies by a power of two, so it is exact).
 */
export interface WeightTally {
  /** Sums per scale point, then the sum of squares. */
  readonly sums: Float64Array;
  readonly compensations: Float64Array;
  /** `undefined` until the first positive weight. */
  exponent: number | undefined;
}

/** An empty {@link WeightTally} for a scale of `points` points. */
export function createWeightTally(points: number): WeightTally {
  return {
    sums: new Float64Array(points + 1),
    compensations: new Float64Array(points + 1),
    exponent: undefined,
  };
}

/**
 * The integer `e` with `x * 2^e` in (1/2, 1], for a positive finite `x`: from 1074 for the
 * smallest subnormal (5e-324 = 2^-1074) to -1024 for the largest double.
 */
function exponentFor(x: number): number {
  let exponent = -Math.ceil(Math.log2(x));
  // Math.log2 may be off by one near a power of two; settle it exactly (at most a step or two).
  while (ldexp(x, exponent) > 1) exponent--;
  while (ldexp(x, exponent) <= 0.5) exponent++;
  return exponent;
}

/** Adds an answer on scale point `k` (0-based) of weight `weight` (checked, finite and >= 0). */
export function addWeight(tally: WeightTally, k: number, weight: number): void {
  if (weight === 0) return;
  if (tally.exponent === undefined || ldexp(weight, tally.exponent) > 1) {
    const exponent = exponentFor(weight);
    if (tally.exponent !== undefined) {
      const shift = exponent - tally.exponent;
      const squares = tally.sums.length - 1;
      for (let slot = 0; slot <= squares; slot++) {
        const by = slot === squares ? 2 * shift : shift;
        tally.sums[slot] = ldexp(tally.sums[slot]!, by);
        tally.compensations[slot] = ldexp(tally.compensations[slot]!, by);
      }
    }
    tally.exponent = exponent;
  }
  const scaled = ldexp(weight, tally.exponent);
  addNeumaier(tally.sums, tally.compensations, k, scaled);
  addNeumaier(tally.sums, tally.compensations, tally.sums.length - 1, scaled * scaled);
}

/** The per-point totals of a tally, with Kish's effective sample size (Kish, 1965). */
export function finishWeights(tally: WeightTally): PointWeights {
  const points = tally.sums.length - 1;
  const sums = new Float64Array(points + 1);
  for (let k = 0; k <= points; k++) sums[k] = tally.sums[k]! + tally.compensations[k]!;
  const total = neumaierSum(sums, points);
  return {
    sums: sums.subarray(0, points),
    total,
    exponent: tally.exponent ?? 0,
    // (sum w)^2 >= sum w^2 for weights >= 0, so Kish's n is at least 1; rounding may not say less.
    effectiveSampleSize: total === 0 ? 0 : Math.max(1, (total * total) / sums[points]!),
  };
}

/**
 * Sums checked weights per scale point. Trusts its input: answers on the scale, weights >= 0, one
 * positive.
 */
export function pointWeights(
  responses: readonly number[],
  weights: Float64Array,
  lowest: number,
  points: number,
): PointWeights {
  const tally = createWeightTally(points);
  let largest = 0;
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, weights[i]!);
  // Scaled to the largest weight from the start: no rescaling on the way.
  if (largest > 0) tally.exponent = exponentFor(largest);
  for (let i = 0; i < responses.length; i++) addWeight(tally, responses[i]! - lowest, weights[i]!);
  return finishWeights(tally);
}

/** The share of answers at or above a threshold, weighted or not, with its Wilson interval. */
export interface ShareAtLeast {
  /** Answers at or above the threshold (a count, not weighted). */
  readonly count: number;
  /** Number of answers. */
  readonly n: number;
  /** The share, 0..1 (weighted when weights are given). */
  readonly share: number;
  /** Wilson interval of `share`, 0..1, on `effectiveSampleSize`. */
  readonly interval: SurveyInterval;
  /** Kish's effective sample size; `n` without weights. */
  readonly effectiveSampleSize: number;
  /** The mean answer (weighted when weights are given). */
  readonly mean: number;
}

/**
 * The share of answers at or above `threshold` on `lowest..highest` from per-point counts and,
 * with survey weights, per-point weight totals; the Wilson interval takes Kish's effective sample
 * size as its `n`. Without weights: `count / n` and the interval of `count` of `n`, exactly.
 * Trusts its input: `n > 0`, `threshold` on the scale.
 */
export function shareAtLeast(
  counts: Float64Array,
  lowest: number,
  highest: number,
  threshold: number,
  confidence: number,
  weighted?: PointWeights,
): ShareAtLeast {
  let n = 0;
  for (const count of counts) n += count;
  let count = 0;
  for (let value = threshold; value <= highest; value++) count += counts[value - lowest]!;
  if (weighted === undefined) {
    return {
      count,
      n,
      share: count / n,
      interval: wilson(count, n, confidence),
      effectiveSampleSize: n,
      mean: scaleMean(counts, lowest, n),
    };
  }
  const { sums, total, effectiveSampleSize } = weighted;
  let atLeast = 0;
  for (let value = threshold; value <= highest; value++) atLeast += sums[value - lowest]!;
  const share = Math.min(1, atLeast / total);
  return {
    count,
    n,
    share,
    interval: wilson(share * effectiveSampleSize, effectiveSampleSize, confidence),
    effectiveSampleSize,
    mean: scaleMean(sums, lowest, total),
  };
}

/**
 * CSAT from the count of each answer on the scale `lowest..highest` (`counts[k]` answers of
 * `lowest + k`): what `csat` returns, for callers that count answers as they stream them; with
 * `weighted`, the score, mean and interval are those of the weighted answers.
 * Trusts its input: `n > 0`, `threshold` on the scale.
 */
export function csatFromCounts(
  counts: Float64Array,
  lowest: number,
  highest: number,
  threshold: number,
  confidence: number,
  weighted?: PointWeights,
): CsatResult {
  const { count, n, share, interval, effectiveSampleSize, mean } = shareAtLeast(
    counts,
    lowest,
    highest,
    threshold,
    confidence,
    weighted,
  );
  return {
    score: weighted === undefined ? (100 * count) / n : 100 * share,
    n,
    effectiveSampleSize,
    satisfied: count,
    mean,
    distribution: scaleDistribution(counts, lowest),
    confidence,
    interval: { lower: 100 * interval.lower, upper: 100 * interval.upper },
  };
}
