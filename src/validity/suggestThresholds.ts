import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import type { DefaultSegment } from '../model/modelSchema.js';
import { readPairs } from './_lib/readPairs.js';
import { rocAuc } from './_lib/rocAuc.js';
import { segmentOutcomes } from './_lib/segmentOutcomes.js';
import type { SegmentOutcome } from './OutcomeRate.js';

/**
 * Options of {@link suggestThresholds}: how to choose the thresholds.
 *
 * @category Validity
 */
export type SuggestThresholdsOptions =
  | {
      /** `high` maximises Youden's J; `low` maximises it again among the scores below `high`. */
      readonly method: 'youden';
    }
  | {
      /** Thresholds that put about these shares of the observations in `high` and `low`. */
      readonly method: 'shares';
      /** Target share of `high`, in (0, 1). */
      readonly high: number;
      /** Target share of `low`, in (0, 1); `high + low` at most 1. */
      readonly low: number;
    };

/**
 * One threshold read as a yes/no rule `score >= threshold`, over all observations.
 *
 * @category Validity
 */
export interface ThresholdCut {
  readonly threshold: number;
  /** Share of positives at or above the threshold (true positive rate). */
  readonly sensitivity: number;
  /** Share of negatives below the threshold (true negative rate). */
  readonly specificity: number;
  /** Youden's J = sensitivity + specificity - 1, in [-1, 1]. */
  readonly youden: number;
}

/**
 * Thresholds suggested by {@link suggestThresholds}, with what they would give. Nothing is applied:
 * pass `segments` to `defineModel` yourself if the evidence convinces you.
 *
 * @category Validity
 */
export interface ThresholdSuggestion {
  readonly method: 'youden' | 'shares';
  /** The suggested thresholds, in the shape of a model's `segments`. */
  readonly segments: { readonly high: number; readonly low: number };
  /** Each threshold as a yes/no rule over all observations. */
  readonly cuts: { readonly high: ThresholdCut; readonly low: ThresholdCut };
  /** The shares of the observations that would fall in each segment. */
  readonly shares: { readonly high: number; readonly low: number; readonly disengaged: number };
  /**
   * AUC of the segment itself (high > low > disengaged) as the predictor: how much of the score's
   * power to separate survives cutting it into three segments.
   */
  readonly auc: number;
  /** Outcome rate, Wilson interval and lift per segment under the suggested thresholds. */
  readonly lift: readonly SegmentOutcome[];
}

const fn = 'suggestThresholds';
const SHARE = { above: 0, below: 1, expected: 'a share between 0 and 1 (exclusive)' };

/** Reads the options, recording every problem before throwing `INVALID_OPTION`. */
function readOptions(options: unknown): SuggestThresholdsOptions {
  const issues = issueList(fn);
  const any = readFields(issues, ['options'], options, {
    known: ['method', 'high', 'low'],
    required: ['method'],
    strict: false,
  });
  if (any === undefined) issues.throwIfAny('INVALID_OPTION');
  const method = issues.oneOf(['options', 'method'], any!.method, ['youden', 'shares'] as const);
  issues.throwIfAny('INVALID_OPTION');
  if (method === 'youden') {
    readFields(issues, ['options'], options, { known: ['method'] });
    issues.throwIfAny('INVALID_OPTION');
    return { method };
  }
  readFields(issues, ['options'], options, { known: ['method', 'high', 'low'] });
  const high = issues.number(['options', 'high'], any!.high, SHARE);
  const low = issues.number(['options', 'low'], any!.low, SHARE);
  if (high !== undefined && low !== undefined && high + low > 1) {
    issues.add(
      ['options', 'low'],
      `must be at most 1 - high (${1 - high}): high + low must be at most 1`,
    );
  }
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  return { method: 'shares', high: high!, low: low! };
}

/**
 * Suggests high/low segment thresholds from how scores went with a later outcome, and says what
 * they would give; never applies them.
 *
 * @remarks
 * Feed it the scores and outcomes of a {@link backtest} (`observations`). Segments are `high` when
 * `score >= high`, `low` when `score >= low`, else `disengaged`, as in the model. Thresholds are
 * always observed scores.
 *
 * - `method: 'youden'`: `high` is the threshold `c` maximising Youden's J = sensitivity +
 *   specificity - 1 of the rule `score >= c` (Youden 1950, Cancer 3(1), 32-35); `low` maximises J
 *   again among the observations scoring below `high` (the best split of the rest). Ties go to
 *   the higher threshold. Throws `EMPTY_INPUT` when the observations below `high` lack positives or
 *   negatives, so that no `low` can be learnt from them (use `'shares'` then).
 * - `method: 'shares'`: with scores sorted from highest, `high` is the score at position
 *   `ceil(high share * n)` and `low` at `ceil((high + low share) * n)`; ties at a threshold all join
 *   the higher segment, so actual `shares` can exceed the targets. When `low` would equal `high`,
 *   the next lower observed score is used.
 *
 * The result reports each threshold as a yes/no rule (sensitivity, specificity, J), the segment
 * shares, the AUC of the three-level segment as a predictor, and the outcome rate, Wilson 95%
 * interval and lift per segment.
 *
 * @param predictor - Scores, finite numbers.
 * @param outcome - Whether the outcome followed, one per score; both values must occur.
 * @param options - `{ method: 'youden' }` or `{ method: 'shares', high, low }`.
 * @returns The suggested thresholds and what they would give.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options or values (naming the field;
 * every problem listed in `error.issues`);
 * `EMPTY_INPUT` with no pairs, with only one kind of outcome, or when two distinct thresholds
 * cannot be drawn from the data.
 *
 * @example
 * ```ts
 * import { suggestThresholds } from 'engagekit';
 *
 * const scores = [2, 5, 8, 12, 15, 20, 24, 31, 40, 55];
 * const bought = [false, false, false, true, false, false, true, true, true, true];
 * const byYouden = suggestThresholds(scores, bought, { method: 'youden' });
 * byYouden.segments; // => { high: 24, low: 12 }
 * byYouden.cuts.high; // => { threshold: 24, sensitivity: 0.8, specificity: 1, youden: 0.8 }
 * byYouden.auc; // => 0.96
 * suggestThresholds(scores, bought, { method: 'shares', high: 0.2, low: 0.3 }).segments;
 * // => { high: 40, low: 20 }
 * ```
 * @category Validity
 */
export function suggestThresholds(
  predictor: readonly number[],
  outcome: readonly boolean[],
  options: SuggestThresholdsOptions,
): ThresholdSuggestion {
  const parsed = readOptions(options);
  const { values, labels, positives, negatives } = readPairs(predictor, outcome, fn);
  const n = values.length;
  const order = Array.from(values.keys()).sort((i, j) => values[j]! - values[i]!);
  let high: number;
  let low: number;
  if (parsed.method === 'youden') {
    high = bestYouden(values, labels, order);
    const rest = order.filter((i) => values[i]! < high);
    const restPositives = rest.reduce((sum, i) => sum + labels[i]!, 0);
    if (restPositives === 0 || restPositives === rest.length) {
      throw new EngagekitError(
        'EMPTY_INPUT',
        `${fn}: the ${rest.length} observations scoring below the suggested high threshold ${high} ${rest.length === 0 ? 'do not exist' : `all have outcome ${restPositives > 0}`}, so no low threshold can be learnt from them; use options.method 'shares'`,
        ['options', 'method'],
      );
    }
    low = bestYouden(values, labels, rest);
  } else {
    // 0.3 * 10 is 3.0000000000000004 in floating point: round away such dust before ceil.
    const position = (share: number) =>
      Math.min(n, Math.max(1, Math.ceil(Number((share * n).toPrecision(12)))));
    const highIndex = position(parsed.high) - 1;
    const lowIndex = position(parsed.high + parsed.low) - 1;
    high = values[order[highIndex]!]!;
    low = values[order[Math.max(lowIndex, highIndex)]!]!;
    if (low >= high) {
      const next = order.find((i) => values[i]! < high);
      if (next === undefined) {
        throw new EngagekitError(
          'EMPTY_INPUT',
          `${fn}: no score is below the high threshold ${high} (scores tie), so there is no distinct low threshold; use smaller options.high`,
          ['options', 'high'],
        );
      }
      low = values[next]!;
    }
  }
  const segments: DefaultSegment[] = Array.from(values, (value) =>
    value >= high ? 'high' : value >= low ? 'low' : 'disengaged',
  );
  const levels = Float64Array.from(segments, (segment) =>
    segment === 'high' ? 2 : segment === 'low' ? 1 : 0,
  );
  const count = { high: 0, low: 0, disengaged: 0 };
  for (const segment of segments) count[segment]++;
  return {
    method: parsed.method,
    segments: { high, low },
    cuts: {
      high: cut(values, labels, high, positives, negatives),
      low: cut(values, labels, low, positives, negatives),
    },
    shares: { high: count.high / n, low: count.low / n, disengaged: count.disengaged / n },
    auc: rocAuc(levels, labels, positives, negatives).auc,
    lift: segmentOutcomes(['high', 'low', 'disengaged'], segments, labels, positives / n),
  };
}

/** The observed score `c` maximising J of `score >= c` over `indices` (sorted high to low). */
function bestYouden(values: Float64Array, labels: Uint8Array, indices: readonly number[]): number {
  let positives = 0;
  for (const i of indices) positives += labels[i]!;
  const negatives = indices.length - positives;
  let best = Number.NEGATIVE_INFINITY;
  let bestValue = values[indices[0]!]!;
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = 0; k < indices.length; ) {
    const value = values[indices[k]!]!;
    while (k < indices.length && values[indices[k]!]! === value) {
      if (labels[indices[k]!] === 1) truePositives++;
      else falsePositives++;
      k++;
    }
    const youden = truePositives / positives - falsePositives / negatives;
    if (youden > best) {
      best = youden;
      bestValue = value;
    }
  }
  return bestValue;
}

function cut(
  values: Float64Array,
  labels: Uint8Array,
  threshold: number,
  positives: number,
  negatives: number,
): ThresholdCut {
  let truePositives = 0;
  let trueNegatives = 0;
  values.forEach((value, i) => {
    if (value >= threshold) truePositives += labels[i]!;
    else trueNegatives += 1 - labels[i]!;
  });
  const sensitivity = truePositives / positives;
  const specificity = trueNegatives / negatives;
  // J = sensitivity - false positive rate, which rounds better than sensitivity + specificity - 1.
  const youden = sensitivity - (negatives - trueNegatives) / negatives;
  return { threshold, sensitivity, specificity, youden };
}
