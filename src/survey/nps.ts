import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { npsSummary, npsTally } from './_lib/npsSummary.js';
import { CONFIDENCE, countResponses, NPS_METHODS, readWeights } from './_lib/surveyInput.js';
import { pointWeights } from './_lib/surveyStatistics.js';
import type { NpsIntervalMethod, NpsResult } from './NpsResult.js';

/**
 * Options of {@link nps} and {@link npsFromCounts}.
 *
 * @category Survey
 */
export interface NpsOptions {
  /** Confidence level of the interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number;
  /** How the interval is computed; default `'wald'`. */
  readonly method?: NpsIntervalMethod;
  /**
   * Survey weights, one finite number >= 0 per response ({@link nps} only). The score uses the
   * weighted shares; the interval uses Kish's effective sample size.
   */
  readonly weights?: readonly number[];
}

/**
 * The Net Promoter Score of 0-10 "how likely are you to recommend us?" answers, with its margin of
 * error and confidence interval.
 *
 * @remarks
 * Promoters answer 9-10, passives 7-8, detractors 0-6; `score = 100 * (p - d)` with `p` and `d` the
 * shares of promoters and detractors. The interval is `score ± z * 100 * sqrt((p + d - (p - d)^2) /
 * n)`: the variance of one response scored +1/0/-1 (a trinomial), over n. `z` is the normal quantile
 * of the confidence level, computed with Wichura's AS 241 (as R's `qnorm`), 1.959964 at 0.95. The
 * interval is clamped to [-100, 100].
 *
 * With `weights`, `p` and `d` are weighted shares and `n` is Kish's effective sample size
 * `(sum w)^2 / sum w^2` (Kish, 1965, "Survey Sampling"): unequal weights widen the interval.
 * Responses with weight 0 still count in `n` and the category counts but not in the score.
 *
 * When every answer is in one category the Wald interval has width 0; pass
 * `method: 'adjustedWald'` for small samples: add 3 to n and 3/4 to promoters and to detractors,
 * then centre the interval on the adjusted score (J. Sauro and J. R. Lewis, "Confidence Intervals
 * for Net Promoter Scores", MeasuringU, 2021, after B. Rocks, 2016, "Interval Estimation for the
 * Net Promoter Score", The American Statistician 70(4)). The adjusted interval need not contain the
 * observed score for tiny samples.
 *
 * @param responses - Answers, integers 0..10.
 * @param options - Confidence level, interval method and survey weights.
 * @returns Counts, shares, the score, its standard error, margin of error and interval.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad confidence level, method or unknown
 * option (`options` that is not an object included); `INVALID_RESPONSE` (with the index) for an
 * answer that is not an integer 0..10 or a bad or mismatched weight; `EMPTY_INPUT` when there are
 * no responses or every weight is 0. `error.issues` lists every problem found, not only the first.
 *
 * @example
 * ```ts
 * import { nps } from 'engagekit';
 *
 * const answers = [10, 9, 9, 10, 8, 7, 6, 3, 10, 9];
 * const result = nps(answers);
 * result.score; // => 40
 * [result.promoters, result.passives, result.detractors]; // => [6, 2, 2]
 * Number(result.marginOfError.toFixed(2)); // => 49.58
 * Number(result.interval.upper.toFixed(2)); // => 89.58
 * ```
 * @example
 * ```ts
 * import { nps } from 'engagekit';
 *
 * // Weighted: the first answer stands for three customers.
 * const weighted = nps([10, 0, 8], { weights: [3, 1, 1] });
 * weighted.score; // => 40
 * Number(weighted.effectiveSampleSize.toFixed(4)); // => 2.2727
 * ```
 * @category Survey
 */
export function nps(responses: readonly number[], options: NpsOptions = {}): NpsResult {
  const issues = issueList('nps');
  const fields = readFields(issues, ['options'], options, {
    known: ['confidence', 'method', 'weights'],
    optional: true,
  });
  const confidence =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  const method =
    fields?.method === undefined
      ? 'wald'
      : issues.oneOf(['options', 'method'], fields.method, NPS_METHODS);
  issues.throwIfAny('INVALID_OPTION');
  const counts = countResponses(issues, responses, 0, 10);
  const weights =
    fields?.weights === undefined || counts === undefined
      ? undefined
      : readWeights(issues, fields.weights, responses.length);
  issues.throwIfAny('INVALID_RESPONSE');
  const weighted = weights === undefined ? undefined : pointWeights(responses, weights, 0, 11);
  // Every problem was thrown above: the values read are all there.
  return npsSummary(npsTally(counts!, weighted), confidence!, method!);
}
