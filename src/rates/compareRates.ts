import { describeValue } from '../errors/formatPath.js';
import { addIssue, type Issues, issuesOf, throwIssues } from './_lib/issues.js';
import { compareSamples } from './_lib/rateOf.js';
import { LEAST_COUNT } from './_lib/readCount.js';
import { readChoice, readConfidence, readOptionsObject } from './_lib/readOptions.js';
import type { EngagementRate, RateComparison, RateDifferenceMethod } from './RateResult.js';

/**
 * What {@link compareRates} needs of each rate; any {@link EngagementRate} has it.
 *
 * @category Rates
 */
export type RateSample = Pick<EngagementRate, 'rate' | 'effectiveTrials'>;

/**
 * Options of {@link compareRates}.
 *
 * @category Rates
 */
export interface CompareRatesOptions {
  /** Confidence level of the interval of the difference; default 0.95. */
  readonly confidence?: number;
  /** `'newcombe'` (default) or `'wald'`; see {@link RateDifferenceMethod}. */
  readonly method?: RateDifferenceMethod;
}

/** Reads one sample; records its problems. */
function readSample(sample: unknown, issues: Issues, name: 'a' | 'b'): [number, number] {
  if (sample === null || typeof sample !== 'object') {
    addIssue(
      issues,
      [name],
      `must be a rate such as engagementRate(...) returns, got ${describeValue(sample)}`,
    );
    return [0, 1];
  }
  const { rate, effectiveTrials } = sample as Record<string, unknown>;
  let share = 0;
  let n = 1;
  if (typeof rate === 'number' && rate >= 0 && rate <= 1) share = rate;
  else addIssue(issues, [name, 'rate'], `must be a share in [0, 1], got ${describeValue(rate)}`);
  if (
    typeof effectiveTrials === 'number' &&
    Number.isFinite(effectiveTrials) &&
    effectiveTrials >= LEAST_COUNT
  ) {
    n = effectiveTrials;
  } else {
    addIssue(
      issues,
      [name, 'effectiveTrials'],
      `must be a finite number of at least 2.2e-308 (the least normal number; below it the variance of the rate overflows), got ${describeValue(effectiveTrials)}`,
    );
  }
  return [share, n];
}

/**
 * Compares two rates: the difference `b - a` with its interval, and the two-sided p-value of "no
 * difference". "Did the new subject line really lift the open rate?"
 *
 * @remarks
 * The p-value is the pooled two-proportion z test: with `p = (a na + b nb) / (na + nb)`,
 * `z = (b - a) / sqrt(p (1 - p) (1/na + 1/nb))` and `pValue = 2 P(Z > |z|)`, the same as R's
 * `prop.test(c(xb, xa), c(nb, na), correct = FALSE)$p.value` (its X-squared is `z^2`).
 *
 * The interval of the difference is, by default, Newcombe's hybrid score interval (R. G.
 * Newcombe, 1998, "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17(8), method 10): from the Wilson
 * intervals `[la, ua]` and `[lb, ub]` of the two rates, `d - sqrt((b - lb)^2 + (ua - a)^2)` to
 * `d + sqrt((ub - b)^2 + (a - la)^2)`. It keeps the good coverage of the Wilson interval for small
 * samples and rates near 0 or 1, where the Wald interval `d ± z * standardError` (R's `prop.test`,
 * `method: 'wald'`) is too narrow. Both are clipped to [-1, 1].
 *
 * Weighted rates compare on their effective trials. When both rates are 0 (or both 1) there is no
 * variance: `z` is `null` and `pValue` is 1.
 *
 * @param a - The reference rate, e.g. last week's or the control's `engagementRate(...)`.
 * @param b - The rate compared with it.
 * @param options - Confidence level and interval method.
 * @returns The difference, its unpooled standard error, z, p-value and interval.
 * @throws {@link EngagekitError} `INVALID_OPTION` (every problem listed) when a rate is not in
 * [0, 1] or its effective trials are not a finite number of at least 2.2e-308 (the least normal
 * number: below it the standard error overflows), or for bad options.
 *
 * @example
 * ```ts
 * import { compareRates, engagementRate } from 'engagekit';
 *
 * // Newcombe's example (a): 56 of 70 against 48 of 80.
 * const change = compareRates(engagementRate(48, 80), engagementRate(56, 70));
 * Number(change.difference.toFixed(4)); // => 0.2
 * [Number(change.interval.lower.toFixed(4)), Number(change.interval.upper.toFixed(4))]; // => [0.0524, 0.3339]
 * Number(change.pValue.toFixed(5)); // => 0.00805
 * ```
 * @category Rates
 */
export function compareRates(
  a: RateSample,
  b: RateSample,
  options: CompareRatesOptions = {},
): RateComparison {
  const issues = issuesOf('compareRates');
  const [rateA, trialsA] = readSample(a, issues, 'a');
  const [rateB, trialsB] = readSample(b, issues, 'b');
  const given = readOptionsObject(options, issues, ['confidence', 'method']);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  const method = readChoice(given.method, ['newcombe', 'wald'] as const, 'newcombe', issues, [
    'options',
    'method',
  ]);
  throwIssues(issues, 'INVALID_OPTION');
  return compareSamples(rateA, trialsA, rateB, trialsB, confidence, method);
}
