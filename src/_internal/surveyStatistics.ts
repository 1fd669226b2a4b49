import type { CsatResult, ScalePointCount } from '../survey/csat.js';
import type { SurveyInterval } from '../survey/nps.js';
import { neumaierSum } from './neumaier.js';
import { normalQuantile } from './normalDistribution.js';

/** The Wilson interval without validation. */
export function wilson(successes: number, n: number, confidence: number): SurveyInterval {
  const z = normalQuantile(0.5 + confidence / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / denominator;
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

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

/**
 * CSAT from the count of each answer on the scale `lowest..highest` (`counts[k]` answers of
 * `lowest + k`): what `csat` returns, for callers that count answers as they stream them.
 * Trusts its input: `n > 0`, `threshold` on the scale.
 */
export function csatFromCounts(
  counts: Float64Array,
  lowest: number,
  highest: number,
  threshold: number,
  confidence: number,
): CsatResult {
  let n = 0;
  for (const count of counts) n += count;
  let satisfied = 0;
  for (let value = threshold; value <= highest; value++) satisfied += counts[value - lowest]!;
  const { lower, upper } = wilson(satisfied, n, confidence);
  return {
    score: (100 * satisfied) / n,
    n,
    satisfied,
    mean: scaleMean(counts, lowest, n),
    distribution: scaleDistribution(counts, lowest),
    confidence,
    interval: { lower: 100 * lower, upper: 100 * upper },
  };
}
