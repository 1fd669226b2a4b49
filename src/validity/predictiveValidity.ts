import { neumaierSum } from '../math/neumaier.js';
import { readPairs } from './_lib/readPairs.js';
import { rocAuc } from './_lib/rocAuc.js';

/**
 * How well a predictor separates a later yes/no outcome: the result of {@link predictiveValidity}.
 *
 * @category Validity
 */
export interface PredictiveValidity {
  /** Number of (predictor, outcome) pairs. */
  readonly n: number;
  /** Pairs whose outcome is `true`. */
  readonly positives: number;
  /** Pairs whose outcome is `false`. */
  readonly negatives: number;
  /** `positives / n`. */
  readonly outcomeRate: number;
  /**
   * ROC AUC in [0, 1]: the chance that a random positive has a higher predictor than a random
   * negative, ties counting one half. 0.5 is no better than a coin, 1 perfect, 0 perfectly inverted.
   */
  readonly auc: number;
  /** DeLong standard error of `auc`; `null` with fewer than two positives or two negatives. */
  readonly standardError: number | null;
  /** 95% interval of `auc` (DeLong, normal approximation, clamped to [0, 1]), or `null`. */
  readonly interval: { readonly lower: number; readonly upper: number } | null;
  /**
   * Point-biserial correlation: Pearson's r of the predictor with the outcome coded 1/0, in
   * [-1, 1]; `null` when every predictor value is the same (r is 0/0 then).
   */
  readonly correlation: number | null;
}

/**
 * ROC AUC (with DeLong's 95% interval) and point-biserial correlation of a score with a later yes/no
 * outcome.
 *
 * @remarks
 * AUC is the Mann-Whitney statistic divided by `positives * negatives`: over every (positive,
 * negative) pair, 1 when the positive's predictor is higher, 1/2 when equal, 0 when lower
 * (Hanley & McNeil 1982, Radiology 143(1), 29-36). Computed in O(n log n) from one sort. It depends
 * only on the order of the predictor, so any strictly increasing transform leaves it unchanged.
 *
 * The interval is DeLong's (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44(3), 837-845):
 * `Var(AUC) = S10 / positives + S01 / negatives`, where `S10` and `S01` are the sample variances
 * of the positives' and negatives' placement values (the share of the other class each one beats,
 * ties one half); the interval is `AUC ± 1.959964 * sqrt(Var)` clamped to [0, 1], as R's pROC
 * `ci.auc(method = "delong")` computes it. It needs two positives and two negatives, else `null`.
 * It assumes independent pairs; the same customer scored at several instants is not independent,
 * so read such an interval as too narrow.
 *
 * The correlation is Pearson's r of the predictor with the outcome as 1/0 (the point-biserial
 * correlation), `(mean1 - mean0) * sqrt(positives * negatives) / (n * sd)` with `sd` the population
 * standard deviation of the predictor; sums are compensated (Neumaier).
 *
 * @param predictor - Scores, finite numbers; higher should mean the outcome is more likely.
 * @param outcome - Whether the outcome happened, one boolean per score.
 * @returns AUC, its standard error and interval, the correlation and the counts.
 * @throws {@link EngagekitError} `INVALID_OPTION` when the arrays differ in length or hold a value
 * that is not a finite number / a boolean (path `['predictor', i]` or `['outcome', i]`);
 * `EMPTY_INPUT` when there are no pairs, or no positive or no negative outcome (AUC is undefined).
 *
 * @example
 * ```ts
 * import { predictiveValidity } from 'engagekit';
 *
 * // scikit-learn's roc_auc_score example: 3 of the 4 (positive, negative) pairs are ordered right.
 * const result = predictiveValidity([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
 * result.auc; // => 0.75
 * result.positives; // => 2
 * Number(result.correlation?.toFixed(4)); // => 0.6476
 * predictiveValidity([5, 1, 3, 3], [true, false, true, false]).auc; // => 0.875
 * ```
 * @category Validity
 */
export function predictiveValidity(
  predictor: readonly number[],
  outcome: readonly boolean[],
): PredictiveValidity {
  const { values, labels, positives, negatives } = readPairs(
    predictor,
    outcome,
    'predictiveValidity',
  );
  const n = values.length;
  return {
    n,
    positives,
    negatives,
    outcomeRate: positives / n,
    ...rocAuc(values, labels, positives, negatives),
    correlation: pointBiserial(values, labels, positives, negatives),
  };
}

/** Pearson's r of `values` with `labels` (1/0); null when the values are all equal. */
function pointBiserial(
  values: Float64Array,
  labels: Uint8Array,
  positives: number,
  negatives: number,
): number | null {
  const n = values.length;
  // Work on the scores divided by the largest magnitude: r does not depend on the scale, and in
  // [-1, 1] neither huge scores overflow nor tiny ones underflow when squared.
  let magnitude = 0;
  for (let i = 0; i < n; i++) magnitude = Math.max(magnitude, Math.abs(values[i]!));
  if (magnitude === 0) return null;
  const scaled = values.map((value) => value / magnitude);
  const mean = neumaierSum(scaled) / n;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(scaled[i]! - mean));
  if (!(scale > 0)) return null;
  const squares = new Float64Array(n);
  const positiveDeviations = new Float64Array(positives);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (scaled[i]! - mean) / scale;
    squares[i] = deviation * deviation;
    if (labels[i] === 1) positiveDeviations[k++] = deviation;
  }
  // Over the positives, sum (x - mean) = positives * (mean1 - mean) and
  // mean1 - mean0 = (mean1 - mean) * n / negatives.
  const meanDifference = ((neumaierSum(positiveDeviations) / positives) * n) / negatives;
  const deviation = Math.sqrt(neumaierSum(squares) / n);
  const r = (meanDifference * Math.sqrt(positives * negatives)) / (n * deviation);
  return Math.max(-1, Math.min(1, r));
}
