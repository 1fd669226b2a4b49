import { normalCriticalValue } from './normalDistribution.js';

/**
 * The Wilson score interval of a binomial proportion `successes / n` (n > 0) at a confidence level,
 * without validation: `lower` is exactly 0 when there is no success and `upper` exactly 1 when
 * every trial succeeded (Wilson 1927; R's `prop.test(x, n, correct = FALSE)`).
 */
export function wilson(
  successes: number,
  n: number,
  confidence: number,
): { readonly lower: number; readonly upper: number } {
  const z = normalCriticalValue(confidence);
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
