/**
 * A count as a database driver returns it: a number, a bigint (DuckDB's `BIGINT`, `count(*)` in
 * many drivers), or a decimal string (node-postgres returns `bigint` and `numeric` as text, e.g.
 * `'1204'` or `'17.50'`).
 *
 * @remarks
 * Numbers must be finite and >= 0. Bigints must be >= 0 and are converted with `Number()`: above
 * 2^53 they round to the nearest double, a relative error below 1e-16 that no rate can show.
 * Strings must be plain non-negative decimals (`'12'`, `'12.50'`, `'1.5e3'`); a blank string,
 * `'NaN'`, `'Infinity'`, a sign other than `+`, or anything else is refused, never read as 0.
 *
 * @category Rates
 */
export type RateCount = number | bigint | string;

/**
 * A confidence interval `lower <= upper`, in the unit of the estimate it belongs to.
 *
 * @category Rates
 */
export interface RateInterval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * A rate (a share of trials that succeeded) with its Wilson interval.
 *
 * @category Rates
 */
export interface EngagementRate {
  /** `successes / trials`, in [0, 1]. */
  readonly rate: number;
  /** The successes, as numbers (weighted totals when the counts are weighted). */
  readonly successes: number;
  /** The trials, as numbers (weighted totals when the counts are weighted). */
  readonly trials: number;
  /** The `n` of the interval: `trials`, or Kish's effective sample size of weighted counts. */
  readonly effectiveTrials: number;
  /** Confidence level of `interval`. */
  readonly confidence: number;
  /** Wilson score interval of `rate`, in [0, 1]. */
  readonly interval: RateInterval;
}

/**
 * How the interval of a difference of two rates is computed: `'newcombe'` (the hybrid score
 * interval built from the two Wilson intervals) or `'wald'` (R's `prop.test`).
 *
 * @category Rates
 */
export type RateDifferenceMethod = 'newcombe' | 'wald';

/**
 * The difference between two rates and whether it is more than noise.
 *
 * @category Rates
 */
export interface RateComparison {
  /** `b - a`, from -1 to 1. */
  readonly difference: number;
  /** Unpooled standard error of the difference, `sqrt(pa(1 - pa)/na + pb(1 - pb)/nb)`. */
  readonly standardError: number;
  /** The pooled two-proportion z statistic; `null` when both rates are 0 or both are 1. */
  readonly z: number | null;
  /** Two-sided p-value of "no difference" (pooled z test, = `prop.test(correct = FALSE)`). */
  readonly pValue: number;
  /** Confidence level of `interval`. */
  readonly confidence: number;
  /** How `interval` was computed. */
  readonly method: RateDifferenceMethod;
  /** Confidence interval of the difference, within [-1, 1]. */
  readonly interval: RateInterval;
}

/**
 * A group as it is reported: a string, a number, a `Date` (a week as `date_trunc` returns it) or
 * `null` (SQL's NULL group); a bigint key is reported as its decimal string.
 *
 * @category Rates
 */
export type RateGroupKey = string | number | Date | null;

/**
 * Which group each group is compared with: the one before it (`'previous'`, week over week) or
 * the first (`'first'`, a control or a baseline week).
 *
 * @category Rates
 */
export type RateCompareWith = 'previous' | 'first';

/**
 * The rate of one group (a campaign, a channel, a week), see {@link engagementRates}.
 *
 * @category Rates
 */
export interface RateGroup {
  /** The group, as given (a bigint as its decimal string). */
  readonly group: RateGroupKey;
  /** `successes / trials`, in [0, 1]; `null` when the group has no trials (no rate of nothing). */
  readonly rate: number | null;
  /** Successes of the group (weighted totals when rows carry weights). */
  readonly successes: number;
  /** Trials of the group (weighted totals when rows carry weights). */
  readonly trials: number;
  /** The `n` of the interval: `trials`, or Kish's effective sample size of weighted rows. */
  readonly effectiveTrials: number;
  /** Confidence level of `interval` and of the comparison's interval. */
  readonly confidence: number;
  /** Wilson interval of `rate`; `null` when `rate` is. */
  readonly interval: RateInterval | null;
  /**
   * This group against the one it is compared with (`compareWith`), `b` being this group;
   * `null` for the first group, without `compareWith`, or when either has no trials.
   */
  readonly comparison: RateComparison | null;
}

/**
 * An email rate from events, see {@link openRate}: the overall rate, the recipients left out, and
 * the rate per group with `by`.
 *
 * @category Rates
 */
export interface EventRate extends EngagementRate {
  /**
   * Units (recipients of a campaign, or customers) with a success event but no trial event, such
   * as an open of a campaign with no delivery in the events: in neither count, and counted here
   * so that nothing is left out unseen.
   */
  readonly unmatched: number;
  /** The rate per campaign or calendar period with `by`; empty without. */
  readonly groups: readonly RateGroup[];
}

/**
 * One event as the rate helpers read it: the events the library scores (`customerId`,
 * `behaviour`, `at`), with an optional `campaign`. Other fields are not read.
 *
 * @category Rates
 */
export interface RateEvent {
  /**
   * Whose event it is: a string, a number or a bigint (`7`, `7n` and `'7'` are one customer).
   * Optional in the type, as in the library's events, but required of every event a rate reads.
   */
  readonly customerId?: string | number | bigint;
  /** The behaviour, e.g. `'emailOpen'`. */
  readonly behaviour: string;
  /** When it happened. */
  readonly at: Date | number;
  /** The email campaign (or send) it belongs to; events without one form one campaign. */
  readonly campaign?: string | number | bigint | null;
}
