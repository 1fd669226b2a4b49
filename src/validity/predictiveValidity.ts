import { describeValue } from '../_internal/formatPath.js';
import { neumaierSum } from '../_internal/neumaier.js';
import { rocAuc } from '../_internal/rocAuc.js';
import { EngagekitError } from '../errors/EngagekitError.js';

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

function invalid(path: readonly (string | number)[], message: string): never {
  throw new EngagekitError('INVALID_OPTION', `predictiveValidity: ${message}`, path);
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
  if (!Array.isArray(predictor)) {
    invalid(
      ['predictor'],
      `predictor must be an array of numbers, got ${describeValue(predictor)}`,
    );
  }
  if (!Array.isArray(outcome)) {
    invalid(['outcome'], `outcome must be an array of booleans, got ${describeValue(outcome)}`);
  }
  if (predictor.length !== outcome.length) {
    invalid(
      ['outcome'],
      `outcome has ${outcome.length} values but predictor has ${predictor.length}; pass one outcome per score`,
    );
  }
  const n = predictor.length;
  if (n === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'predictiveValidity: predictor and outcome are empty; pass at least one positive and one negative outcome',
      ['predictor'],
    );
  }
  const values = new Float64Array(n);
  const labels = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const value = predictor[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      invalid(
        ['predictor', i],
        `predictor[${i}] must be a finite number, got ${describeValue(value)}`,
      );
    }
    const label = outcome[i];
    if (typeof label !== 'boolean') {
      invalid(['outcome', i], `outcome[${i}] must be true or false, got ${describeValue(label)}`);
    }
    values[i] = value;
    labels[i] = label ? 1 : 0;
    if (label) positives++;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `predictiveValidity: outcome is ${positives === 0 ? 'false' : 'true'} for all ${n} scores, so AUC is undefined; pass at least one positive and one negative outcome`,
      ['outcome'],
    );
  }
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
  const sum = neumaierSum(values);
  // A sum of huge scores can overflow where their mean does not.
  const mean = Number.isFinite(sum) ? sum / n : neumaierSum(values.map((value) => value / n));
  // Deviations are scaled by the largest one, so that tiny or huge scores neither underflow nor
  // overflow when squared; r does not depend on the scale.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i]! - mean));
  if (!(scale > 0)) return null;
  const squares = new Float64Array(n);
  const positiveDeviations = new Float64Array(positives);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i]! - mean) / scale;
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
