import { EngagekitError } from '../errors/EngagekitError.js';
import { neumaierSum } from '../math/neumaier.js';
import { studentTCriticalValue } from '../math/studentT.js';
import { addIssue, issuesOf, throwIssues } from './_lib/issues.js';
import { medianEstimate } from './_lib/orderStatistics.js';
import { readAt, readRecord } from './_lib/readEventParts.js';
import { readConfidence, readOptionsObject } from './_lib/readOptions.js';
import { readFieldNames } from './_lib/readRows.js';
import type { RateInterval } from './RateResult.js';

/**
 * Options of {@link sessionDuration}.
 *
 * @category Rates
 */
export interface SessionDurationOptions {
  /** The fields of a session row: `start` (default `'start'`) and `end` (default `'end'`). */
  readonly fields?: { readonly start?: string; readonly end?: string };
  /** Confidence level of the intervals; default 0.95. */
  readonly confidence?: number;
}

/**
 * How long sessions last, see {@link sessionDuration}. All times in milliseconds.
 *
 * @category Rates
 */
export interface SessionDuration {
  /** Sessions read. */
  readonly sessions: number;
  /** Their total duration. */
  readonly total: number;
  /** The average session duration, `total / sessions`. */
  readonly mean: number;
  /** Student's t interval of the mean; `null` with a single session (no spread to measure). */
  readonly meanInterval: RateInterval | null;
  /** The sample standard deviation of the durations; 0 with a single session. */
  readonly standardDeviation: number;
  /** The median duration. */
  readonly median: number;
  /** Distribution-free interval of the median (order statistics). */
  readonly medianInterval: RateInterval;
  /** The exact coverage of `medianInterval`: at least `confidence` unless sessions are very few. */
  readonly medianCoverage: number;
  /** Confidence level asked for. */
  readonly confidence: number;
}

/**
 * The average session duration from session rows `{ start, end }`, with its interval, and the
 * median with its own.
 *
 * @remarks
 * Average session duration = total duration of the sessions / number of sessions, as web analytics
 * report it (Google Analytics' "average session duration"). Durations are `end - start`; a
 * session of one hit has duration 0 and counts. The mean's interval is Student's t,
 * `mean ± t(n - 1) * sd / sqrt(n)` (R's `t.test(durations)$conf.int`, its lower end clamped at
 * 0), fair for the large samples sessions come in even though durations are skewed; the median,
 * which a few very long sessions do not pull, has the distribution-free interval of
 * {@link visitFrequency}. Sums are compensated (Neumaier). Instants are `Date`s or epoch
 * milliseconds, as node-postgres returns `timestamptz`.
 *
 * @param sessions - One row per session, with its start and end.
 * @param options - The fields of the rows and the confidence level.
 * @returns The count, total, mean and median durations with their intervals.
 * @throws {@link EngagekitError} `INVALID_ACTIVITY` (every problem listed) for a row without a
 * valid start or end or that ends before it starts; `INVALID_OPTION` for bad options;
 * `EMPTY_INPUT` when there is no session.
 *
 * @example
 * ```ts
 * import { sessionDuration } from 'engagekit';
 *
 * const minute = 60_000;
 * const sessions = [
 *   { start: 0, end: 4 * minute },
 *   { start: 10 * minute, end: 12 * minute },
 *   { start: 30 * minute, end: 30 * minute },
 *   { start: 50 * minute, end: 60 * minute },
 * ];
 * const duration = sessionDuration(sessions);
 * duration.mean / minute; // => 4
 * duration.median / minute; // => 3
 * ```
 * @category Rates
 */
export function sessionDuration(
  sessions: readonly Readonly<Record<string, unknown>>[],
  options: SessionDurationOptions = {},
): SessionDuration {
  const issues = issuesOf('sessionDuration');
  const given = readOptionsObject(options, issues, ['fields', 'confidence']);
  const fields = readFieldNames(given.fields, { start: 'start', end: 'end' }, issues);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  throwIssues(issues, 'INVALID_OPTION');
  if (!Array.isArray(sessions)) {
    addIssue(issues, ['sessions'], 'must be an array of session rows { start, end }');
  }
  const list: readonly unknown[] = Array.isArray(sessions) ? sessions : [];
  const durations = new Float64Array(list.length);
  for (let index = 0; index < list.length; index++) {
    const row = readRecord(
      list[index],
      issues,
      ['sessions', index],
      'a session row { start, end }',
    );
    if (row === undefined) continue;
    const start = readAt(row[fields.start], issues, ['sessions', index, fields.start]);
    const end = readAt(row[fields.end], issues, ['sessions', index, fields.end]);
    if (start === undefined || end === undefined) continue;
    if (end < start) {
      addIssue(
        issues,
        ['sessions', index, fields.end],
        `(${new Date(end).toISOString()}) is before ${fields.start} (${new Date(start).toISOString()}); a session cannot end before it starts`,
      );
      continue;
    }
    durations[index] = end - start;
  }
  throwIssues(issues, 'INVALID_ACTIVITY');
  const n = list.length;
  if (n === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'sessionDuration: sessions is empty; there is no average duration of no session',
      ['sessions'],
    );
  }
  const total = neumaierSum(durations);
  const mean = total / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) squares[i] = (durations[i]! - mean) ** 2;
  const standardDeviation = n < 2 ? 0 : Math.sqrt(neumaierSum(squares) / (n - 1));
  let meanInterval: RateInterval | null = null;
  if (n >= 2) {
    const margin = (studentTCriticalValue(confidence, n - 1) * standardDeviation) / Math.sqrt(n);
    meanInterval = { lower: Math.max(0, mean - margin), upper: mean + margin };
  }
  const { median, interval, coverage } = medianEstimate(durations.sort(), confidence);
  return {
    sessions: n,
    total,
    mean,
    meanInterval,
    standardDeviation,
    median,
    medianInterval: interval,
    medianCoverage: coverage,
    confidence,
  };
}
