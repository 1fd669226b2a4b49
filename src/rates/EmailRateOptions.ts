import type { RateCompareWith, RateDifferenceMethod } from './RateResult.js';

/**
 * Options of {@link openRate}, {@link clickThroughRate} and {@link clickToOpenRate}.
 *
 * @category Rates
 */
export interface EmailRateOptions {
  /**
   * The behaviours of the events: `delivered` (default `'emailDelivered'`; name your send event
   * here if you have no delivery events, and bounces then count as sent), `opened` (default
   * `'emailOpen'`) and `clicked` (default `'emailClick'`).
   */
  readonly behaviours?: {
    readonly delivered?: string;
    readonly opened?: string;
    readonly clicked?: string;
  };
  /**
   * `openRate` and `clickToOpenRate`: whether a click counts as an open (an "inferred open": the
   * recipient read the email although the tracking pixel did not load). Default `true`.
   */
  readonly clickImpliesOpen?: boolean;
  /**
   * Also give the rate per `'campaign'`, or per calendar `'day'`, `'week'` or `'month'` of each
   * recipient's first delivery (of the first open, for `clickToOpenRate`), in `groups`.
   */
  readonly by?: 'campaign' | 'day' | 'week' | 'month';
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
