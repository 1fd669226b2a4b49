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
  // (p + z^2/2n) / (1 + z^2/n) and its half-width, multiplied through by n: finite for any n > 0
  // (z^2 / n overflows for an effective sample size below about 1e-308)
  const denominator = n + z * z;
  const centre = (p * n + (z * z) / 2) / denominator;
  const half = (z * Math.sqrt(p * (1 - p) * n + (z * z) / 4)) / denominator;
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}
