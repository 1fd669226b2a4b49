import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { wilson } from '../math/wilson.js';
import { CONFIDENCE } from './_lib/surveyInput.js';
import type { SurveyInterval } from './SurveyInterval.js';

/**
 * Options of {@link wilsonInterval}.
 *
 * @category Survey
 */
export interface WilsonIntervalOptions {
  /** Confidence level, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number;
}

const COUNT = {
  integer: true,
  min: 0,
  max: 9_007_199_254_740_991, // Number.MAX_SAFE_INTEGER, as a literal a bundler can drop unused
  expected: 'a whole number >= 0 (at most 2^53 - 1)',
};

/**
 * The Wilson score interval of a proportion `successes / n`, as a share in [0, 1].
 *
 * @remarks
 * `(p + z^2/2n ± z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)` with `p = successes / n` and `z` the
 * normal quantile of the confidence level (Wilson, 1927, "Probable inference, the law of succession,
 * and statistical inference", JASA 22(158)). Unlike the Wald interval it never has width 0 and stays
 * inside [0, 1] (clipped there against rounding): 0 successes of 10 give [0, 0.2775] at 95%. Equal
 * to R's `prop.test(successes, n, correct = FALSE)$conf.int`.
 *
 * @param successes - Whole number, 0..n.
 * @param n - Whole number of trials, at least 1.
 * @param options - Confidence level.
 * @returns `{ lower, upper }` in [0, 1].
 * @throws {@link EngagekitError} `INVALID_OPTION` for counts that are not whole numbers with
 * `0 <= successes <= n <= 2^53 - 1`, or a bad confidence level (every problem listed in
 * `error.issues`); `EMPTY_INPUT` when `n` is 0.
 *
 * @example
 * ```ts
 * import { wilsonInterval } from 'engagekit';
 *
 * const { lower, upper } = wilsonInterval(0, 10);
 * lower; // => 0
 * Number(upper.toFixed(4)); // => 0.2775
 * ```
 * @category Survey
 */
export function wilsonInterval(
  successes: number,
  n: number,
  options: WilsonIntervalOptions = {},
): SurveyInterval {
  const issues = issueList('wilsonInterval');
  const read = issues.number(['successes'], successes, COUNT);
  const trials = issues.number(['n'], n, COUNT);
  if (read !== undefined && trials !== undefined && trials > 0 && read > trials) {
    issues.add(['successes'], `(${read}) must not exceed n (${trials})`);
  }
  const fields = readFields(issues, ['options'], options, {
    known: ['confidence'],
    optional: true,
  });
  const confidence =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  issues.throwIfAny('INVALID_OPTION');
  if (n === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'wilsonInterval: n is 0; a proportion needs at least one trial',
      ['n'],
    );
  }
  // Every problem was thrown above: the confidence read is there.
  return wilson(successes, n, confidence!);
}
