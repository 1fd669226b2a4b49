import type { SurveyInterval } from './SurveyInterval.js';

/**
 * How many answers each point of a rating scale got.
 *
 * @category Survey
 */
export interface ScalePointCount {
  /** The scale point. */
  readonly value: number;
  /** Answers equal to it. */
  readonly count: number;
}

/**
 * A customer satisfaction score with its uncertainty.
 *
 * @category Survey
 */
export interface CsatResult {
  /** Percent of satisfied answers, 0..100 (weighted when weights are given). */
  readonly score: number;
  /** Number of answers. */
  readonly n: number;
  /** Kish effective sample size `(sum w)^2 / sum w^2`; equals `n` without weights. */
  readonly effectiveSampleSize: number;
  /** Answers at or above `satisfiedAtLeast` (a count, not weighted). */
  readonly satisfied: number;
  /** Mean answer (weighted when weights are given). */
  readonly mean: number;
  /** Answers per scale point, lowest first, every point listed (counts, not weighted). */
  readonly distribution: readonly ScalePointCount[];
  /** Confidence level of `interval`. */
  readonly confidence: number;
  /** Wilson interval of `score`, in percent, within [0, 100]. */
  readonly interval: SurveyInterval;
}
