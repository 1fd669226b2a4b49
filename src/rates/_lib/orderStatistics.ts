import type { RateInterval } from '../RateResult.js';

/**
 * The `probability` quantile of sorted values, interpolated as R's `quantile(type = 7)` (and
 * d3-array's `quantileSorted`): `h = (n - 1) p`, between the values at `floor(h)` and `ceil(h)`.
 */
export function quantileSorted(sorted: Float64Array, probability: number): number {
  const h = (sorted.length - 1) * probability;
  const below = Math.floor(h);
  const low = sorted[below]!;
  const high = sorted[Math.min(sorted.length - 1, below + 1)]!;
  return low + (h - below) * (high - low);
}

/** The median of sorted values and its distribution-free interval, with the interval's coverage. */
export interface MedianEstimate {
  readonly median: number;
  readonly interval: RateInterval;
  /** The exact coverage of `interval`, at least the confidence level asked for (see remarks). */
  readonly coverage: number;
}

/**
 * The median of sorted values with its distribution-free confidence interval from order
 * statistics: with `k` the smallest whole number with `P(X <= k) >= (1 - confidence) / 2` for
 * `X ~ Binomial(n, 1/2)` (R's `qbinom`), the interval is `[x_(k), x_(n - k + 1)]` (1-based) and
 * covers the median with probability `1 - 2 P(X <= k - 1)`, at least `confidence`. So
 * `DescTools::MedianCI(method = "exact")` does. With too few values for that (k = 0, e.g. n <= 5 at
 * 95%) the interval is `[min, max]` and its coverage, `1 - 2^(1 - n)`, is below the level asked.
 */
export function medianEstimate(sorted: Float64Array, confidence: number): MedianEstimate {
  const n = sorted.length;
  const tail = (1 - confidence) / 2;
  // Binomial(n, 1/2) probabilities from P(X = 0) = 2^-n upwards, in logarithms (n may be large).
  let logProbability = -n * Math.LN2;
  let below = 0; // P(X <= k - 1)
  let k = 0;
  for (;;) {
    const next = below + Math.exp(logProbability); // P(X <= k)
    if (next >= tail || k >= n) break;
    below = next;
    logProbability += Math.log(n - k) - Math.log(k + 1);
    k++;
  }
  if (k === 0) {
    k = 1;
    below = 2 ** -n;
  }
  return {
    median: quantileSorted(sorted, 0.5),
    interval: { lower: sorted[k - 1]!, upper: sorted[n - k]! },
    coverage: Math.max(0, 1 - 2 * below),
  };
}
