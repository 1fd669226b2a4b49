import type { SurveyInterval } from './SurveyInterval.js';

/**
 * How an NPS interval is computed: `'wald'` (the trinomial normal approximation around the observed
 * score) or `'adjustedWald'` (add 3 to n and 3/4 to promoters and to detractors first; better
 * coverage for small samples).
 *
 * @category Survey
 */
export type NpsIntervalMethod = 'wald' | 'adjustedWald';

/**
 * A Net Promoter Score with its uncertainty.
 *
 * @category Survey
 */
export interface NpsResult {
  /** %promoters - %detractors, from -100 to 100 (weighted when weights are given). */
  readonly score: number;
  /** Number of responses. */
  readonly n: number;
  /** Responses 9-10. */
  readonly promoters: number;
  /** Responses 7-8. */
  readonly passives: number;
  /** Responses 0-6. */
  readonly detractors: number;
  /** Share of promoters, 0..1 (weighted when weights are given). */
  readonly promoterRate: number;
  /** Share of passives, 0..1 (weighted when weights are given). */
  readonly passiveRate: number;
  /** Share of detractors, 0..1 (weighted when weights are given). */
  readonly detractorRate: number;
  /** Kish effective sample size `(sum w)^2 / sum w^2`; equals `n` without weights. */
  readonly effectiveSampleSize: number;
  /** Confidence level of `marginOfError` and `interval`. */
  readonly confidence: number;
  /** How the interval was computed. */
  readonly method: NpsIntervalMethod;
  /** Standard error of the score, in points. */
  readonly standardError: number;
  /** Half-width of the interval before clamping, in points (z times the standard error). */
  readonly marginOfError: number;
  /** Confidence interval of the score, clamped to [-100, 100]. */
  readonly interval: SurveyInterval;
}
