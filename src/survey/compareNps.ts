import { type IssueList, issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { normalCriticalValue } from '../math/normalDistribution.js';
import { twoSidedZTest } from '../math/twoSidedZTest.js';
import { npsEstimate } from './_lib/npsSummary.js';
import { CONFIDENCE, NPS_METHODS } from './_lib/surveyInput.js';
import type { NpsIntervalMethod, NpsResult } from './NpsResult.js';
import type { SurveyInterval } from './SurveyInterval.js';

/**
 * What {@link compareNps} needs of each sample; any {@link NpsResult} has it.
 *
 * @category Survey
 */
export type NpsSample = Pick<
  NpsResult,
  'score' | 'promoterRate' | 'detractorRate' | 'effectiveSampleSize'
>;

/**
 * Options of {@link compareNps}.
 *
 * @category Survey
 */
export interface CompareNpsOptions {
  /** Confidence level of the interval of the difference; default 0.95. */
  readonly confidence?: number;
  /** `'wald'` (default) or `'adjustedWald'` (Sauro & Lewis; better for small samples). */
  readonly method?: NpsIntervalMethod;
}

/**
 * The difference between two Net Promoter Scores and whether it is more than noise.
 *
 * @category Survey
 */
export interface NpsComparison {
  /** `b - a` in points (adjusted scores with `'adjustedWald'`), from -200 to 200. */
  readonly difference: number;
  /** Standard error of the difference, in points. */
  readonly standardError: number;
  /** `difference / standardError`; `null` when the standard error is 0 (Wald on degenerate samples). */
  readonly z: number | null;
  /** Two-sided p-value of "no difference"; 1 or 0 when the standard error is 0. */
  readonly pValue: number;
  /** Confidence level of `interval`. */
  readonly confidence: number;
  /** How the standard error was computed. */
  readonly method: NpsIntervalMethod;
  /** Confidence interval of the difference, clamped to [-200, 200]. */
  readonly interval: SurveyInterval;
}

const RATE = { min: 0, max: 1, expected: 'a share in [0, 1]' };

/** Reads one sample (any object with these fields, such as an {@link NpsResult}). */
function readSample(issues: IssueList, name: 'a' | 'b', value: unknown): NpsSample | undefined {
  const fields = readFields(issues, [name], value, {
    known: ['score', 'promoterRate', 'detractorRate', 'effectiveSampleSize'],
    required: ['score', 'promoterRate', 'detractorRate', 'effectiveSampleSize'],
    strict: false,
  });
  if (fields === undefined) return undefined;
  const score = issues.number([name, 'score'], fields.score, {
    min: -100,
    max: 100,
    expected: 'an NPS in [-100, 100]',
  });
  const promoterRate = issues.number([name, 'promoterRate'], fields.promoterRate, RATE);
  const detractorRate = issues.number([name, 'detractorRate'], fields.detractorRate, RATE);
  // Kish's effective sample size (sum w)^2 / sum w^2 is at least 1 whenever an answer counts.
  const effectiveSampleSize = issues.number(
    [name, 'effectiveSampleSize'],
    fields.effectiveSampleSize,
    { min: 1, expected: 'an effective sample size of at least 1 (one response)' },
  );
  if (promoterRate === undefined || detractorRate === undefined) return undefined;
  if (promoterRate + detractorRate > 1 + 1e-12) {
    issues.add(
      [name, 'detractorRate'],
      `must not exceed 1 - promoterRate (shares add up to at most 1), got ${detractorRate}`,
    );
    return undefined;
  }
  if (score === undefined || effectiveSampleSize === undefined) return undefined;
  return { score, promoterRate, detractorRate, effectiveSampleSize };
}

/**
 * Compares two Net Promoter Scores: the difference `b - a`, its standard error, z and the two-sided
 * p-value. "Did NPS really go up from last quarter?"
 *
 * @remarks
 * Each score has variance `(p + d - (p - d)^2) / n` (the trinomial variance, n = effective sample
 * size); the samples are independent, so the difference has standard error
 * `100 * sqrt(var_a + var_b)`, `z = difference / standardError` and `pValue = 2 * P(Z > |z|)` with the
 * normal upper tail computed as R's `pnorm` (Cody, 1969). The interval is
 * `difference ± z_(confidence) * standardError`.
 *
 * With `method: 'adjustedWald'` each sample first gets 3 more responses, 3/4 of them promoters and
 * 3/4 detractors (so `p' = (promoters + 0.75) / (n + 3)`, likewise `d'`, `n' = n + 3`), and the
 * difference is between adjusted scores: J. Sauro and J. R. Lewis, "How to Statistically Compare
 * Two Net Promoter Scores" (MeasuringU, 2021), building on B. Rocks (2016), "Interval Estimation
 * for the Net Promoter Score", The American Statistician 70(4). Use it for small samples; it never
 * has a standard error of 0.
 *
 * With Wald and two samples each all in one category the standard error is 0: then `z` is `null`
 * and `pValue` is 1 when the scores are equal, 0 otherwise.
 *
 * @param a - The earlier or reference sample, e.g. `nps(lastQuarter)`.
 * @param b - The sample compared with it, e.g. `nps(thisQuarter)`.
 * @param options - Confidence level and method.
 * @returns Difference, standard error, z, p-value and interval.
 * @throws {@link EngagekitError} `INVALID_OPTION` when a sample is not an object, its score is not
 * in [-100, 100], its rates are not shares in [0, 1] adding up to at most 1, or its effective
 * sample size is below 1 (Kish's `(sum w)^2 / sum w^2` never is), or for bad options; paths
 * `['a', field]`, `['b', field]`, `['options', field]`. `error.issues` lists every problem found.
 *
 * @example
 * ```ts
 * import { compareNps, npsFromCounts } from 'engagekit';
 *
 * const lastQuarter = npsFromCounts({ promoters: 40, passives: 30, detractors: 30 });
 * const thisQuarter = npsFromCounts({ promoters: 50, passives: 30, detractors: 20 });
 * const change = compareNps(lastQuarter, thisQuarter);
 * change.difference; // => 20
 * Number(change.pValue.toFixed(4)); // => 0.0794
 * ```
 * @category Survey
 */
export function compareNps(
  a: NpsSample,
  b: NpsSample,
  options: CompareNpsOptions = {},
): NpsComparison {
  const issues = issueList('compareNps');
  const sampleA = readSample(issues, 'a', a);
  const sampleB = readSample(issues, 'b', b);
  const fields = readFields(issues, ['options'], options, {
    known: ['confidence', 'method'],
    optional: true,
  });
  const level =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  const how =
    fields?.method === undefined
      ? 'wald'
      : issues.oneOf(['options', 'method'], fields.method, NPS_METHODS);
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const [first, second, confidence, method] = [sampleA!, sampleB!, level!, how!];
  const estimateA = npsEstimate(
    first.promoterRate,
    first.detractorRate,
    first.effectiveSampleSize,
    method,
  );
  const estimateB = npsEstimate(
    second.promoterRate,
    second.detractorRate,
    second.effectiveSampleSize,
    method,
  );
  // Wald is centred on the observed scores, taken as given so that 40/30/30 stays exactly 10.
  const difference =
    method === 'wald' ? second.score - first.score : estimateB.centre - estimateA.centre;
  const standardError = Math.hypot(estimateA.standardError, estimateB.standardError);
  const margin = normalCriticalValue(confidence) * standardError;
  const interval = {
    lower: Math.min(200, Math.max(-200, difference - margin)),
    upper: Math.max(-200, Math.min(200, difference + margin)),
  };
  return {
    difference,
    standardError,
    ...twoSidedZTest(difference, standardError),
    confidence,
    method,
    interval,
  };
}
