import type { RateCompareWith, RateDifferenceMethod } from './RateResult.js';

/**
 * Options shared by {@link repeatPurchaseRate} and {@link referralRate}.
 *
 * @category Rates
 */
export interface CustomerRateOptions {
  /**
   * Also give the rate per calendar `'day'`, `'week'` or `'month'` of each customer's first
   * counted event (first purchase, first eligible event), in `groups`: cohorts.
   */
  readonly by?: 'day' | 'week' | 'month';
  /** Time zone of the calendar periods of `by`; default `'UTC'`. */
  readonly timeZone?: string;
  /** First day of a week for `by: 'week'`: 0 = Sunday ... 6 = Saturday; default 1 (Monday). */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Confidence level of the intervals; default 0.95. */
  readonly confidence?: number;
  /** Compare each group with the previous one or the first; default: no comparison. */
  readonly compareWith?: RateCompareWith;
  /** Interval of the differences: `'newcombe'` (default) or `'wald'`. */
  readonly method?: RateDifferenceMethod;
}
