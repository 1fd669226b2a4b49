import { normalQuantile } from '../../math/normalDistribution.js';
import { twoSidedZTest } from '../../math/twoSidedZTest.js';
import { wilson } from '../../math/wilson.js';
import type {
  EngagementRate,
  RateComparison,
  RateDifferenceMethod,
  RateInterval,
} from '../RateResult.js';

/**
 * The Wilson interval of a share `rate` of `n` trials (`n` may be an effective sample size, not a
 * whole number): exactly 0 below when the rate is 0, exactly 1 above when it is 1.
 */
export function wilsonOfRate(rate: number, n: number, confidence: number): RateInterval {
  return wilson(rate === 1 ? n : rate * n, n, confidence);
}

/** The {@link EngagementRate} of checked totals: `trials > 0`, `0 <= successes <= trials`. */
export function rateOf(
  successes: number,
  trials: number,
  effectiveTrials: number,
  confidence: number,
): EngagementRate {
  const rate = successes === trials ? 1 : successes / trials;
  return {
    rate,
    successes,
    trials,
    effectiveTrials,
    confidence,
    interval: wilsonOfRate(rate, effectiveTrials, confidence),
  };
}

/**
 * Compares the rates `a` and `b` (shares of `na` and `nb` trials, checked): the difference `b - a`,
 * its unpooled standard error, the pooled z test and the interval of the difference (Newcombe's
 * hybrid score interval or Wald).
 */
export function compareSamples(
  a: number,
  na: number,
  b: number,
  nb: number,
  confidence: number,
  method: RateDifferenceMethod,
): RateComparison {
  const difference = b - a;
  const standardError = Math.sqrt((a * (1 - a)) / na + (b * (1 - b)) / nb);
  let interval: RateInterval;
  if (method === 'wald') {
    const margin = normalQuantile(0.5 + confidence / 2) * standardError;
    interval = { lower: difference - margin, upper: difference + margin };
  } else {
    // Newcombe (1998), method 10: the Wilson limits of each rate, combined.
    const wa = wilsonOfRate(a, na, confidence);
    const wb = wilsonOfRate(b, nb, confidence);
    interval = {
      lower: difference - Math.hypot(b - wb.lower, wa.upper - a),
      upper: difference + Math.hypot(wb.upper - b, a - wa.lower),
    };
  }
  interval = {
    lower: Math.min(1, Math.max(-1, interval.lower)),
    upper: Math.max(-1, Math.min(1, interval.upper)),
  };
  const pooled = (a * na + b * nb) / (na + nb);
  const pooledError = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return {
    difference,
    standardError,
    ...twoSidedZTest(difference, pooledError),
    confidence,
    method,
    interval,
  };
}
