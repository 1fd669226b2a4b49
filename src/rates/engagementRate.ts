import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { addIssue, issuesOf, throwIssues } from './_lib/issues.js';
import { rateOf } from './_lib/rateOf.js';
import { readCount } from './_lib/readCount.js';
import { readConfidence, readOptionsObject } from './_lib/readOptions.js';
import type { EngagementRate, RateCount } from './RateResult.js';

/**
 * Options of {@link engagementRate}.
 *
 * @category Rates
 */
export interface EngagementRateOptions {
  /** Confidence level of the interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number;
  /**
   * The `n` of the interval when the counts are weighted totals: Kish's effective sample size
   * `(sum w)^2 / sum w^2` of the trials' weights. Default: `trials`.
   */
  readonly effectiveTrials?: number;
}

/**
 * A rate, `successes / trials`, with its Wilson interval: open rate, click-through rate, repeat
 * purchase rate and every other "share of those who could that did".
 *
 * @remarks
 * `rate = successes / trials`, with the Wilson score interval
 * `(p + z^2/2n ± z * sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)` (Wilson, 1927; R's
 * `prop.test(successes, trials, correct = FALSE)$conf.int`). Unlike `p ± z * sqrt(p(1-p)/n)` it
 * stays within [0, 1] and never has width 0: 0 opens of 10 is [0, 0.2775], not [0, 0].
 *
 * Counts are taken as SQL returns them ({@link RateCount}): numbers, bigints, or decimal strings
 * as node-postgres returns `count(*)` and `sum(...)`. They need not be whole numbers: weighted
 * totals (`sum(weight)`) are rates too; then pass `effectiveTrials`, Kish's effective sample size,
 * so that the interval is as wide as the weights make it (as `csat` does with survey weights).
 *
 * @param successes - Those who did it (unique opens, clickers, repeat buyers), 0..trials.
 * @param trials - Those who could (delivered emails, buyers), more than 0.
 * @param options - Confidence level, and the effective number of trials of weighted counts.
 * @returns The rate, the counts read as numbers, the interval and its `n`.
 * @throws {@link EngagekitError} `INVALID_OPTION` (every problem listed) for a count that is not a
 * finite number >= 0, `successes > trials`, or a bad option; `EMPTY_INPUT` when `trials` is 0
 * (there is no rate of nothing).
 *
 * @example
 * ```ts
 * import { engagementRate } from 'engagekit';
 *
 * // 42 unique opens of 380 delivered, counts as node-postgres returns them.
 * const open = engagementRate('42', '380');
 * Number(open.rate.toFixed(4)); // => 0.1105
 * [Number(open.interval.lower.toFixed(4)), Number(open.interval.upper.toFixed(4))]; // => [0.0828, 0.146]
 * engagementRate(0n, 10n).interval.lower; // => 0
 * ```
 * @category Rates
 */
export function engagementRate(
  successes: RateCount,
  trials: RateCount,
  options: EngagementRateOptions = {},
): EngagementRate {
  const issues = issuesOf('engagementRate');
  const done = readCount(successes, issues, ['successes']);
  const tried = readCount(trials, issues, ['trials']);
  if (issues.list.length === 0 && done > tried) {
    addIssue(issues, ['successes'], `(${done}) must not exceed trials (${tried})`);
  }
  const given = readOptionsObject(options, issues, ['confidence', 'effectiveTrials']);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  let effectiveTrials: number | undefined;
  if (given.effectiveTrials !== undefined) {
    const value = given.effectiveTrials;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) effectiveTrials = value;
    else {
      addIssue(
        issues,
        ['options', 'effectiveTrials'],
        `must be a finite number > 0 (Kish's effective sample size), got ${describeValue(value)}`,
      );
    }
  }
  throwIssues(issues, 'INVALID_OPTION');
  if (tried === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'engagementRate: trials is 0; a rate needs at least one trial (there is no open rate of an unsent email)',
      ['trials'],
    );
  }
  return rateOf(done, tried, effectiveTrials ?? tried, confidence);
}
