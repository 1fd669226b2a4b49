import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { ldexp } from '../math/ldexp.js';
import { neumaierSum } from '../math/neumaier.js';
import { studentTCriticalValue } from '../math/studentT.js';
import {
  CONFIDENCE,
  countResponses,
  readScale,
  readThreshold,
  readWeights,
} from './_lib/surveyInput.js';
import { pointWeights, scaleDistribution, shareAtLeast } from './_lib/surveyStatistics.js';
import type { ScalePointCount } from './CsatResult.js';
import type { SurveyInterval } from './SurveyInterval.js';

/**
 * Options of {@link ces}.
 *
 * @category Survey
 */
export interface CesOptions {
  /** `[lowest, highest]` integer scale, higher = easier; default `[1, 7]`. */
  readonly scale?: readonly [number, number];
  /** What `score` is: `'mean'` (default) or `'shareEasy'` (percent of easy answers). */
  readonly aggregate?: 'mean' | 'shareEasy';
  /**
   * Answers at or above this count as easy; default the first point above the scale's midpoint
   * (5 on 1..7, 4 on 1..5).
   */
  readonly easyAtLeast?: number;
  /** Confidence level of `shareEasyInterval` and `meanInterval`; default 0.95. */
  readonly confidence?: number;
  /**
   * Survey weights, one finite number >= 0 per response. The mean and the share of easy answers
   * use the weighted answers, with design-based intervals (see {@link ces}).
   */
  readonly weights?: readonly number[];
}

/**
 * A customer effort score.
 *
 * @category Survey
 */
export interface CesResult {
  /** The mean answer, or the percent of easy answers with `aggregate: 'shareEasy'`. */
  readonly score: number;
  /** Which aggregate `score` is. */
  readonly aggregate: 'mean' | 'shareEasy';
  /** Number of answers. */
  readonly n: number;
  /** Kish effective sample size `(sum w)^2 / sum w^2`; equals `n` without weights. */
  readonly effectiveSampleSize: number;
  /** Mean answer (weighted when weights are given). */
  readonly mean: number;
  /**
   * Student's t interval of the mean at `confidence`, clipped to the scale; `null` with fewer than
   * two answers (the spread of one answer is unknown).
   */
  readonly meanInterval: SurveyInterval | null;
  /** Answers at or above `easyAtLeast` (a count, not weighted). */
  readonly easy: number;
  /** Percent of easy answers, 0..100 (weighted when weights are given). */
  readonly shareEasy: number;
  /** Wilson interval of `shareEasy`, in percent. */
  readonly shareEasyInterval: SurveyInterval;
  /** Confidence level of `shareEasyInterval` and `meanInterval`. */
  readonly confidence: number;
  /** Answers per scale point, lowest first, every point listed (counts, not weighted). */
  readonly distribution: readonly ScalePointCount[];
}

/**
 * Customer effort score (CES): how easy customers found it to get done what they came for.
 *
 * @remarks
 * Answers are on an agreement scale where higher means easier ("The company made it easy for me to
 * handle my issue", 1 = strongly disagree .. 7 = strongly agree; Gartner's CES 2.0). `mean` is the
 * average answer, with Student's t interval `mean ± t(n - 1) * s / sqrt(n)` (as R's `t.test`,
 * clipped to the scale); `shareEasy` is the percent at or above `easyAtLeast`, with a Wilson
 * interval (see {@link wilsonInterval}). `score` is whichever `aggregate` asks for. For a scale
 * where lower means easier, reverse the answers first (`lowest + highest - answer`).
 *
 * With `weights` (survey weights, e.g. inverse response probabilities), `mean` is the weighted
 * mean `sum w y / sum w` and its interval `mean ± t(m - 1) * se` with the linearisation
 * (with-replacement) standard error `se^2 = m / (m - 1) * sum w^2 (y - mean)^2 / (sum w)^2` over
 * the `m` answers of positive weight: what R's `survey` package gives for
 * `svymean(~y, svydesign(ids = ~1, weights = ~w))` with `confint(..., df = degf(design))` on the
 * answers of positive weight (an answer of weight 0 is treated as not in the sample; R, given
 * such rows, keeps them as out of the domain and scales the variance by `n / (n - 1)` over all
 * rows instead); with equal weights it is the unweighted interval. The weights are used as
 * shares of their total, so their scale (1e-200 or 1e200) changes nothing. `shareEasy` is the
 * weighted share, its Wilson interval taking Kish's effective sample size `(sum w)^2 / sum w^2`
 * as `n`, as {@link nps} and {@link csat} do. `n`, `easy` and the distribution stay counts of
 * answers.
 *
 * @param responses - Answers, integers on the scale.
 * @param options - Scale, aggregate, easy threshold, confidence level and survey weights.
 * @returns Score, mean, share of easy answers with its interval, and the distribution.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad or unknown options; `INVALID_RESPONSE`
 * (with the index) for an answer that is not an integer on the scale, or a bad or mismatched
 * weight; `EMPTY_INPUT` when there is none or every weight is 0. `error.issues` lists every
 * problem found, not only the first.
 *
 * @example
 * ```ts
 * import { ces } from 'engagekit';
 *
 * const answers = [7, 6, 6, 5, 4, 2, 7, 5];
 * ces(answers).score; // => 5.25
 * ces(answers, { aggregate: 'shareEasy' }).score; // => 75
 *
 * // Weighted: the first four answers count twice.
 * ces(answers, { weights: [2, 2, 2, 2, 1, 1, 1, 1] }).score; // => 5.5
 * ```
 * @category Survey
 */
export function ces(responses: readonly number[], options: CesOptions = {}): CesResult {
  const issues = issueList('ces');
  const fields = readFields(issues, ['options'], options, {
    known: ['scale', 'aggregate', 'easyAtLeast', 'confidence', 'weights'],
    optional: true,
  });
  const scale =
    fields?.scale === undefined ? [1, 7] : readScale(issues, ['options', 'scale'], fields.scale);
  const aggregate =
    fields?.aggregate === undefined
      ? 'mean'
      : issues.oneOf(['options', 'aggregate'], fields.aggregate, ['mean', 'shareEasy'] as const);
  const confidence =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  let threshold: number | undefined;
  if (scale !== undefined) {
    const [lowest, highest] = scale;
    // The first point above the midpoint; halved first, so that no sum of two ends overflows.
    threshold =
      fields?.easyAtLeast === undefined
        ? Math.floor(lowest / 2 + highest / 2) + 1
        : readThreshold(issues, ['options', 'easyAtLeast'], fields.easyAtLeast, lowest, highest);
  }
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const [lowest, highest] = scale!;
  const counts = countResponses(issues, responses, lowest, highest);
  const n = Array.isArray(responses) ? responses.length : 0;
  const weights =
    fields?.weights === undefined || counts === undefined
      ? undefined
      : readWeights(issues, fields.weights, n);
  issues.throwIfAny('INVALID_RESPONSE');
  const counted = counts!;
  const level = confidence!;
  const weighted =
    weights === undefined ? undefined : pointWeights(responses, weights, lowest, counted.length);
  const {
    count: easy,
    share,
    interval,
    effectiveSampleSize,
    mean,
  } = shareAtLeast(counted, lowest, highest, threshold!, level, weighted);
  const shareEasy = weighted === undefined ? (100 * easy) / n : 100 * share;
  // Answers that count in the spread: every one, or those of positive weight.
  let m = n;
  if (weights !== undefined) m = weights.filter((weight) => weight > 0).length;
  let meanInterval: SurveyInterval | null = null;
  if (m >= 2) {
    let variance: number;
    if (weights === undefined || weighted === undefined) {
      const squares = new Float64Array(counted.length);
      counted.forEach((count, k) => {
        squares[k] = count * (lowest + k - mean) ** 2;
      });
      variance = neumaierSum(squares) / (n - 1) / n;
    } else {
      // Each weight as a share of the total, so that no weight's square overflows or underflows.
      const { exponent, total } = weighted;
      const squares = Float64Array.from(
        responses,
        (response, i) => ((ldexp(weights[i]!, exponent) / total) * (response - mean)) ** 2,
      );
      variance = (m / (m - 1)) * neumaierSum(squares);
    }
    const half = studentTCriticalValue(level, m - 1) * Math.sqrt(variance);
    meanInterval = {
      lower: Math.max(lowest, mean - half),
      upper: Math.min(highest, mean + half),
    };
  }
  return {
    score: aggregate === 'mean' ? mean : shareEasy,
    aggregate: aggregate!,
    n,
    effectiveSampleSize,
    mean,
    meanInterval,
    easy,
    shareEasy,
    shareEasyInterval: { lower: 100 * interval.lower, upper: 100 * interval.upper },
    confidence: level,
    distribution: scaleDistribution(counted, lowest),
  };
}
