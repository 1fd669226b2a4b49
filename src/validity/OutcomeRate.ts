import type { Segment } from '../model/modelSchema.js';

/**
 * The outcome rate of a group of observations, with its Wilson interval and lift.
 *
 * @category Validity
 */
export interface OutcomeRate {
  /** Observations in the group. */
  readonly n: number;
  /** Observations in the group whose outcome happened. */
  readonly positives: number;
  /** `positives / n`; `null` for an empty group. */
  readonly rate: number | null;
  /**
   * Wilson 95% score interval of `rate` (Wilson 1927; R's `prop.test(correct = FALSE)`);
   * `null` for an empty group.
   */
  readonly interval: { readonly lower: number; readonly upper: number } | null;
  /**
   * `rate / overall outcome rate`: 2 means twice as likely as the average observation, 1 no
   * better than average; `null` for an empty group. Divide `interval` by the overall rate for
   * bounds on the lift (treating the overall rate as known).
   */
  readonly lift: number | null;
}

/**
 * The outcome rate of one segment.
 *
 * @category Validity
 */
export interface SegmentOutcome extends OutcomeRate {
  readonly segment: Segment;
}

/**
 * The outcome rate of one score decile.
 *
 * @category Validity
 */
export interface DecileOutcome extends OutcomeRate {
  /** 1 holds the highest scores, 10 the lowest. */
  readonly decile: number;
  /** Lowest score in the decile. */
  readonly minScore: number;
  /** Highest score in the decile. */
  readonly maxScore: number;
}
