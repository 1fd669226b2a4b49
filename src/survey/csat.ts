import * as z from 'zod';
import { confidenceSchema, countResponses, scaleSchema } from '../_internal/surveyInput.js';
import { csatFromCounts } from '../_internal/surveyStatistics.js';
import { parseWith } from '../_internal/zodIssues.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { SurveyInterval } from './nps.js';

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
 * Options of {@link csat}.
 *
 * @category Survey
 */
export interface CsatOptions {
  /** `[lowest, highest]` integer scale; default `[1, 5]`. */
  readonly scale?: readonly [number, number];
  /** Answers at or above this are satisfied; default `highest - 1`, the top-2-box (4 on 1..5). */
  readonly satisfiedAtLeast?: number;
  /** Confidence level of the interval; default 0.95. */
  readonly confidence?: number;
}

/**
 * A customer satisfaction score with its uncertainty.
 *
 * @category Survey
 */
export interface CsatResult {
  /** Percent of satisfied answers, 0..100. */
  readonly score: number;
  /** Number of answers. */
  readonly n: number;
  /** Answers at or above `satisfiedAtLeast`. */
  readonly satisfied: number;
  /** Mean answer. */
  readonly mean: number;
  /** Answers per scale point, lowest first, every point listed. */
  readonly distribution: readonly ScalePointCount[];
  /** Confidence level of `interval`. */
  readonly confidence: number;
  /** Wilson interval of `score`, in percent, within [0, 100]. */
  readonly interval: SurveyInterval;
}

const optionsSchema = z.strictObject({
  scale: scaleSchema.optional(),
  satisfiedAtLeast: z.number().int({ error: 'must be a whole number on the scale' }).optional(),
  confidence: confidenceSchema.optional(),
});

/**
 * Customer satisfaction (CSAT): the percent of answers at or above a threshold, with the mean, the
 * distribution and a Wilson interval.
 *
 * @remarks
 * `score = 100 * satisfied / n`, by default the top-2-box of a 1..5 scale (4 and 5). The interval
 * is the Wilson score interval of the proportion (see {@link wilsonInterval}) in percent, which
 * stays inside [0, 100] and keeps a sensible width when every answer is satisfied or none is. The
 * mean is a compensated (Neumaier) sum over n.
 *
 * @param responses - Answers, integers on the scale.
 * @param options - Scale, satisfaction threshold and confidence level.
 * @returns Score, counts, mean, distribution and interval.
 * @throws {@link EngagekitError} `INVALID_RESPONSE` (with the index) for an answer that is not an
 * integer on the scale; `EMPTY_INPUT` when there is none; `INVALID_OPTION` for a bad scale,
 * threshold off the scale or bad confidence level.
 *
 * @example
 * ```ts
 * import { csat } from 'engagekit';
 *
 * // Delighted's example: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones.
 * const answers = [
 *   ...Array(42).fill(5), ...Array(32).fill(4), ...Array(10).fill(3),
 *   ...Array(9).fill(2), ...Array(14).fill(1),
 * ];
 * const result = csat(answers);
 * [result.satisfied, result.n]; // => [74, 107]
 * Number(result.score.toFixed(2)); // => 69.16
 * ```
 * @category Survey
 */
export function csat(responses: readonly number[], options: CsatOptions = {}): CsatResult {
  const parsed = parseWith(optionsSchema, options, {
    fn: 'csat',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const [lowest, highest] = parsed.scale ?? [1, 5];
  const threshold = parsed.satisfiedAtLeast ?? highest - 1;
  if (threshold < lowest || threshold > highest) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `csat: options.satisfiedAtLeast (${threshold}) must be on the scale ${lowest}..${highest}`,
      ['options', 'satisfiedAtLeast'],
    );
  }
  const counts = countResponses('csat', responses, lowest, highest);
  return csatFromCounts(counts, lowest, highest, threshold, parsed.confidence ?? 0.95);
}
