import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { type Instant, readInstant } from '../time/instant.js';
import {
  type CalendarOptions,
  type CalendarPeriod,
  dayReader,
  formatDay,
  periodIndex,
  periodStart,
  readTimeZone,
  readWeekStartsOn,
} from '../time/zone.js';
import { readUserDays } from './_lib/userDays.js';
import type { ActivityRow } from './ActivityRow.js';

/**
 * Options of {@link cohortTable}.
 *
 * @category Activity
 */
export interface CohortTableOptions extends CalendarOptions {
  /** Cohorts and offsets by `'day'`, `'week'` (from `weekStartsOn`) or `'month'`. */
  readonly period: CalendarPeriod;
  /** The instant of the report: activity after it is ignored, unfinished periods are incomplete. */
  readonly asOf: Instant;
  /** Most offsets per cohort (offset 0 included). Default: up to the period of `asOf`. */
  readonly offsets?: number;
  /** Each user's own day 0, as in {@link retention}. */
  readonly start?: readonly ActivityRow[];
}

/**
 * One cell of a {@link cohortTable}: a cohort's activity `offset` periods after its own.
 *
 * @category Activity
 */
export interface CohortCell {
  /** Periods after the cohort's period (0 = the cohort's own period). */
  readonly offset: number;
  /** Users of the cohort active in that period (so far, when incomplete). */
  readonly active: number;
  /** `active / size` once the period is over; `null` while it is incomplete (never 0%). */
  readonly rate: number | null;
  /** Whether the period had completely elapsed by `asOf`. */
  readonly complete: boolean;
}

/**
 * One row of a {@link cohortTable}.
 *
 * @category Activity
 */
export interface CohortRow {
  /** First day (`YYYY-MM-DD`, local) of the cohort's period. */
  readonly cohort: string;
  /** Users whose day 0 falls in that period. */
  readonly size: number;
  /** Offsets 0, 1, ... up to the period of `asOf` (or `offsets - 1`). */
  readonly cells: CohortCell[];
}

/** The most offsets (columns) one cohort may have: the periods a lifecycle report may span. */
const MAX_OFFSETS = 100_000;

/** The most cells a whole table may have (about 80 MB of cell objects). */
const MAX_CELLS = 1_000_000;

/**
 * The classic cohort retention table: users grouped by the day, week or month of their day 0, and
 * for each later period the share of the cohort that was active.
 *
 * @remarks
 * A user belongs to the cohort of the local calendar period (in `timeZone`; weeks start on
 * `weekStartsOn`, Monday by default) holding its day 0 (first activity, or `start`). Cell `k`
 * counts the cohort's users with any activity in the k-th period after the cohort's. A cell
 * whose period has not completely elapsed by `asOf` is marked `complete: false` with `rate: null`
 * (its `active` count so far is kept), so an unfinished week never reads as a drop; periods after
 * that of `asOf` are not listed. With `period: 'week'`, offset 1 is W1 retention by calendar week.
 * Cohorts come oldest first; only periods holding a day 0 get a row. The table is bounded before
 * it is built, like {@link lifecycle}: at most 100000 offsets per cohort and 1000000 cells.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `period`, `asOf`, `offsets`, `timeZone`, `weekStartsOn`, `start`.
 * @returns One row per cohort.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options (every one listed in
 * `error.issues`), or when the table would be too large: a cohort with more than 100000 offsets up
 * to `asOf` (a year-0001 row in a daily table) or more than 1000000 cells in all (limit `offsets`
 * or use a longer period); `INVALID_ACTIVITY` for malformed rows (an instant outside +-8.64e15 ms
 * included); `EMPTY_INPUT` when no user has activity (or a start) at or before `asOf`.
 *
 * @example
 * ```ts
 * import { cohortTable } from 'engagekit';
 *
 * const activity = [
 *   { userId: 'ann', at: Date.parse('2026-01-10T09:00:00Z') },
 *   { userId: 'ann', at: Date.parse('2026-02-03T09:00:00Z') },
 *   { userId: 'bob', at: Date.parse('2026-01-20T09:00:00Z') },
 *   { userId: 'cy', at: Date.parse('2026-02-14T09:00:00Z') },
 *   { userId: 'cy', at: Date.parse('2026-03-02T09:00:00Z') },
 * ];
 * cohortTable(activity, { period: 'month', asOf: Date.parse('2026-03-05T00:00:00Z') });
 * // => [
 * //   { cohort: '2026-01-01', size: 2, cells: [
 * //     { offset: 0, active: 2, rate: 1, complete: true },
 * //     { offset: 1, active: 1, rate: 0.5, complete: true },
 * //     { offset: 2, active: 0, rate: null, complete: false },
 * //   ] },
 * //   { cohort: '2026-02-01', size: 1, cells: [
 * //     { offset: 0, active: 1, rate: 1, complete: true },
 * //     { offset: 1, active: 1, rate: null, complete: false },
 * //   ] },
 * // ]
 * ```
 * @category Activity
 */
export function cohortTable(
  activity: readonly ActivityRow[],
  options: CohortTableOptions,
): CohortRow[] {
  const fn = 'cohortTable';
  const issues = issueList(fn);
  const fields = readFields(issues, ['options'], options, {
    known: ['period', 'asOf', 'offsets', 'timeZone', 'weekStartsOn', 'start'],
    required: ['period', 'asOf'],
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const given = fields!;
  const period = issues.oneOf(['options', 'period'], given.period, ['day', 'week', 'month']);
  const asOf = issues.attempt(() =>
    readInstant(given.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' }),
  );
  const limit =
    given.offsets === undefined
      ? Number.POSITIVE_INFINITY
      : issues.number(['options', 'offsets'], given.offsets, {
          integer: true,
          min: 1,
          max: 10_000,
          expected: 'a whole number from 1 to 10000',
        });
  const timeZone = issues.attempt(() => readTimeZone(given.timeZone, fn, ['options', 'timeZone']));
  const weekStartsOn = issues.attempt(() =>
    readWeekStartsOn(given.weekStartsOn, fn, ['options', 'weekStartsOn']),
  );
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const dayOf = dayReader(timeZone!);
  const data = readUserDays(activity, {
    fn,
    dayOf,
    until: asOf!,
    starts: given.start as readonly ActivityRow[] | undefined,
  });
  const current = periodIndex(dayOf(asOf!), period!, weekStartsOn!);
  const widths = new Map<number, number>();
  let cells = 0;
  for (let u = 0; u < data.userIds.length; u++) {
    const cohort = periodIndex(data.day0[u]!, period!, weekStartsOn!);
    if (widths.has(cohort)) continue;
    const width = Math.min(limit!, current - cohort + 1);
    cells += width;
    if (width > MAX_OFFSETS || cells > MAX_CELLS) {
      throw new EngagekitError(
        'INVALID_OPTION',
        width > MAX_OFFSETS
          ? `${fn}: the cohort of ${formatDay(periodStart(cohort, period!, weekStartsOn!))} would have ${width} ${period}s up to asOf, more than ${MAX_OFFSETS}; limit options.offsets, use a longer period, or check that day 0 (${formatDay(data.day0[u]!)}) is right`
          : `${fn}: the table would have more than ${MAX_CELLS} cells; limit options.offsets or use a longer period`,
        ['options', given.offsets === undefined ? 'period' : 'offsets'],
      );
    }
    widths.set(cohort, width);
  }
  const cohorts = new Map<number, { size: number; active: number[] }>();
  for (let u = 0; u < data.userIds.length; u++) {
    const cohort = periodIndex(data.day0[u]!, period!, weekStartsOn!);
    let entry = cohorts.get(cohort);
    if (entry === undefined) {
      entry = { size: 0, active: new Array<number>(widths.get(cohort)!).fill(0) };
      cohorts.set(cohort, entry);
    }
    entry.size++;
    let previous = Number.NaN;
    for (let k = data.offsets[u]!; k < data.offsets[u + 1]!; k++) {
      const offset = periodIndex(data.days[k]!, period!, weekStartsOn!) - cohort;
      if (offset === previous) continue;
      previous = offset;
      if (offset >= entry.active.length) break;
      entry.active[offset]!++;
    }
  }
  return [...cohorts.keys()]
    .sort((a, b) => a - b)
    .map((cohort) => {
      const { size, active } = cohorts.get(cohort)!;
      return {
        cohort: formatDay(periodStart(cohort, period!, weekStartsOn!)),
        size,
        cells: active.map((count, offset) => {
          const complete = cohort + offset < current;
          return { offset, active: count, rate: complete ? count / size : null, complete };
        }),
      };
    });
}
