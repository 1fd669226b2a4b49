import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { readGroupKey } from './_lib/groupKey.js';
import { addIssue, issuesOf, throwIssues } from './_lib/issues.js';
import { type GroupTotals, rateGroups } from './_lib/rateGroups.js';
import { LEAST_COUNT, readCount } from './_lib/readCount.js';
import { readChoice, readConfidence, readOptionsObject } from './_lib/readOptions.js';
import { readFieldNames, readRowArray, requiredField, rowAt } from './_lib/readRows.js';
import type {
  RateCompareWith,
  RateDifferenceMethod,
  RateGroup,
  RateGroupKey,
} from './RateResult.js';

/**
 * Options of {@link engagementRates}.
 *
 * @category Rates
 */
export interface EngagementRatesOptions {
  /**
   * The columns of the rows: `group` (default `'group'`), `successes` (default `'successes'`),
   * `trials` (default `'trials'`) and the optional `weight` (default `'weight'`).
   */
  readonly fields?: {
    readonly group?: string;
    readonly successes?: string;
    readonly trials?: string;
    readonly weight?: string;
  };
  /** Confidence level of the intervals; default 0.95. */
  readonly confidence?: number;
  /** Compare each group with the one before it, or with the first; default: no comparison. */
  readonly compareWith?: RateCompareWith;
  /** Interval of the differences: `'newcombe'` (default) or `'wald'`. */
  readonly method?: RateDifferenceMethod;
}

const DEFAULT_FIELDS = {
  group: 'group',
  successes: 'successes',
  trials: 'trials',
  weight: 'weight',
} as const;

/** Compensated running totals of one group. */
interface Tally {
  key: RateGroupKey;
  weighted: boolean;
  /** successes, trials and sum of w^2 n, each a sum and its Neumaier compensation. */
  readonly sums: Float64Array;
}

function add(sums: Float64Array, at: number, value: number): void {
  const sum = sums[at]!;
  const next = sum + value;
  sums[at + 1]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
  sums[at] = next;
}

/**
 * Rates per group (campaign, channel, week) from count rows as SQL returns them, each with its
 * Wilson interval and, on request, its comparison with the previous or the first group.
 *
 * @remarks
 * Each row holds a group, its successes and trials ({@link RateCount}s: numbers, bigints or
 * decimal strings, as `count(*)` and `sum(...)` come from node-postgres, DuckDB or ClickHouse) and
 * an optional weight. Rows of the same group add up, so the rows of a `GROUP BY week, segment`
 * become one rate per week; groups are reported in the order they first appear (keep SQL's
 * `ORDER BY`). Each group's rate is `sum(w s) / sum(w n)` over its rows (`w` = the row's weight, 1
 * when missing or null, as in SQL), with a Wilson interval on Kish's effective sample size
 * `(sum w n)^2 / sum(w^2 n)` (each of a row's `n` trials carries the row's weight): weights that
 * re-balance segments (post-stratification) widen the interval as they should. Unweighted, the
 * effective trials are the trials. Sums are compensated (Neumaier).
 *
 * A group with no trials (a week with no sends) has `rate: null`, never 0 or NaN. With
 * `compareWith`, each group's `comparison` is {@link compareRates} of the other group (as `a`)
 * and this one (as `b`). Zero rows give an empty list.
 *
 * @param rows - One object per row, e.g. the rows of `SELECT campaign, count(*) AS trials, ...`.
 * @param options - Column names, confidence level, comparison and its interval method.
 * @returns One {@link RateGroup} per group, in order of first appearance.
 * @throws {@link EngagekitError} `INVALID_OPTION` (every problem listed, with the row index) for
 * a missing column, a count or weight that is not a finite number >= 0, successes above trials in
 * a row, a group key that is not a string, number, bigint, Date or null, a weight whose square
 * times the trials overflows or falls below 2.2e-308 (the effective sample size is lost), a group
 * whose effective trials fall below 2.2e-308 when groups are compared, or a bad option;
 * `OVERFLOW` when a group's weighted trials are beyond the range of a number.
 *
 * @example
 * ```ts
 * import { engagementRates } from 'engagekit';
 *
 * // SELECT date_trunc('week', sent_at) AS week, count(*) AS sends, count(clicked_at) AS clicks ...
 * const rows = [
 *   { week: '2026-10-05', sends: '1200', clicks: '66' },
 *   { week: '2026-10-12', sends: '1180', clicks: '47' },
 * ];
 * const weeks = engagementRates(rows, {
 *   fields: { group: 'week', trials: 'sends', successes: 'clicks' },
 *   compareWith: 'previous',
 * });
 * weeks.map((week) => [week.group, Number(week.rate?.toFixed(4))]); // => [['2026-10-05', 0.055], ['2026-10-12', 0.0398]]
 * Number(weeks[1]?.comparison?.pValue.toFixed(3)); // => 0.082
 * ```
 * @category Rates
 */
export function engagementRates(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: EngagementRatesOptions = {},
): RateGroup[] {
  const issues = issuesOf('engagementRates');
  const given = readOptionsObject(options, issues, [
    'fields',
    'confidence',
    'compareWith',
    'method',
  ]);
  const fields = readFieldNames(given.fields, DEFAULT_FIELDS, issues);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  const compareWith =
    given.compareWith === undefined
      ? undefined
      : readChoice(given.compareWith, ['previous', 'first'] as const, 'previous', issues, [
          'options',
          'compareWith',
        ]);
  const method = readChoice(given.method, ['newcombe', 'wald'] as const, 'newcombe', issues, [
    'options',
    'method',
  ]);
  const list = readRowArray(rows, issues, 'count rows');
  const tallies = new Map<string, Tally>();
  for (let index = 0; index < list.length; index++) {
    const row = rowAt(list[index], index, issues);
    if (row === undefined) continue;
    const before = issues.list.length + issues.more;
    const groupValue = requiredField(row, fields.group, 'group', index, issues);
    const { key, id } =
      groupValue === undefined
        ? { key: null, id: '' }
        : readGroupKey(groupValue, issues, ['rows', index, fields.group]);
    const successesValue = requiredField(row, fields.successes, 'successes', index, issues);
    const trialsValue = requiredField(row, fields.trials, 'trials', index, issues);
    const successes =
      successesValue === undefined
        ? 0
        : readCount(successesValue, issues, ['rows', index, fields.successes]);
    const trials =
      trialsValue === undefined
        ? 0
        : readCount(trialsValue, issues, ['rows', index, fields.trials]);
    const weightValue = row[fields.weight];
    const weight =
      weightValue === undefined || weightValue === null
        ? 1
        : readCount(weightValue, issues, ['rows', index, fields.weight]);
    if (issues.list.length + issues.more > before) continue;
    if (successes > trials) {
      addIssue(
        issues,
        ['rows', index, fields.successes],
        `(${describeValue(successesValue)}) must not exceed ${fields.trials} (${describeValue(trialsValue)})`,
      );
      continue;
    }
    const square = weight * weight * trials;
    if (weight > 0 && trials > 0 && square < LEAST_COUNT) {
      addIssue(
        issues,
        ['rows', index, fields.weight],
        `(${describeValue(weightValue)}) squared times ${fields.trials} (${describeValue(trialsValue)}) is below the least normal number (2.2e-308), where the effective sample size is lost; scale the weights up (only their ratios count)`,
      );
      continue;
    }
    if (!Number.isFinite(square)) {
      addIssue(
        issues,
        ['rows', index, fields.weight],
        `(${describeValue(weightValue)}) squared times ${fields.trials} (${describeValue(trialsValue)}) overflows a number; scale the weights down`,
      );
      continue;
    }
    let tally = tallies.get(id);
    if (tally === undefined) {
      tally = { key, weighted: false, sums: new Float64Array(6) };
      tallies.set(id, tally);
    }
    if (weight !== 1) tally.weighted = true;
    add(tally.sums, 0, weight * successes);
    add(tally.sums, 2, weight * trials);
    add(tally.sums, 4, weight * weight * trials);
  }
  throwIssues(issues, 'INVALID_OPTION');
  const groups: GroupTotals[] = [];
  for (const { key, weighted, sums } of tallies.values()) {
    const successes = sums[0]! + sums[1]!;
    const trials = sums[2]! + sums[3]!;
    const squares = sums[4]! + sums[5]!;
    // Kish's (sum w t)^2 / sum w^2 t, as a ratio first: the square of the sum may overflow
    const effectiveTrials = !weighted ? trials : squares > 0 ? trials * (trials / squares) : 0;
    if (!Number.isFinite(trials) || !Number.isFinite(effectiveTrials)) {
      throw new EngagekitError(
        'OVERFLOW',
        `engagementRates: the weighted trials of group ${describeValue(key)} (${trials}, effective ${effectiveTrials}) are beyond the range of a number; scale the weights or counts down`,
        ['rows'],
      );
    }
    if (compareWith !== undefined && effectiveTrials > 0 && effectiveTrials < LEAST_COUNT) {
      throw new EngagekitError(
        'INVALID_OPTION',
        `engagementRates: the effective trials of group ${describeValue(key)} (${effectiveTrials}) are below 2.2e-308, the least normal number, where the standard error of a comparison overflows; scale the counts or weights up`,
        ['rows'],
      );
    }
    groups.push({ key, successes: Math.min(successes, trials), trials, effectiveTrials });
  }
  return rateGroups(groups, confidence, compareWith, method);
}
