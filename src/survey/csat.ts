import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import {
  CONFIDENCE,
  countResponses,
  readScale,
  readThreshold,
  readWeights,
} from './_lib/surveyInput.js';
import { csatFromCounts, pointWeights } from './_lib/surveyStatistics.js';
import type { CsatResult } from './CsatResult.js';

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
  /**
   * Survey weights, one finite number >= 0 per response. The score and mean use the weighted
   * answers; the interval uses Kish's effective sample size.
   */
  readonly weights?: readonly number[];
}

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
 * With `weights`, the score is the weighted share of satisfied answers and the mean the weighted
 * mean; the Wilson interval takes Kish's effective sample size `(sum w)^2 / sum w^2` as its `n`
 * (Kish, 1965), so unequal weights widen it, as {@link nps} does. `n`, `satisfied` and the
 * distribution stay counts of answers; an answer of weight 0 counts there but not in the score.
 *
 * @param responses - Answers, integers on the scale.
 * @param options - Scale, satisfaction threshold, confidence level and survey weights.
 * @returns Score, counts, mean, distribution and interval.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad scale, a threshold off the scale, a bad
 * confidence level or an unknown option; `INVALID_RESPONSE` (with the index) for an answer that is
 * not an integer on the scale, or a bad or mismatched weight; `EMPTY_INPUT` when there is none or
 * every weight is 0. `error.issues` lists every problem found, not only the first.
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
 *
 * // Weighted: the satisfied answer counts three times as much as each other one.
 * const weighted = csat([5, 2, 3], { weights: [3, 1, 1] });
 * weighted.score; // => 60
 * weighted.effectiveSampleSize; // => 25 / 11
 * ```
 * @category Survey
 */
export function csat(responses: readonly number[], options: CsatOptions = {}): CsatResult {
  const issues = issueList('csat');
  const fields = readFields(issues, ['options'], options, {
    known: ['scale', 'satisfiedAtLeast', 'confidence', 'weights'],
    optional: true,
  });
  const scale =
    fields?.scale === undefined ? [1, 5] : readScale(issues, ['options', 'scale'], fields.scale);
  const confidence =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  let threshold: number | undefined;
  if (scale !== undefined) {
    const [lowest, highest] = scale;
    threshold =
      fields?.satisfiedAtLeast === undefined
        ? highest - 1
        : readThreshold(
            issues,
            ['options', 'satisfiedAtLeast'],
            fields.satisfiedAtLeast,
            lowest,
            highest,
          );
  }
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const [lowest, highest] = scale!;
  const counts = countResponses(issues, responses, lowest, highest);
  const weights =
    fields?.weights === undefined || counts === undefined
      ? undefined
      : readWeights(issues, fields.weights, responses.length);
  issues.throwIfAny('INVALID_RESPONSE');
  const weighted =
    weights === undefined ? undefined : pointWeights(responses, weights, lowest, counts!.length);
  return csatFromCounts(counts!, lowest, highest, threshold!, confidence!, weighted);
}
