import * as z from 'zod';
import { parseWith } from '../errors/zodIssues.js';
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

const optionsSchema = z.strictObject({
  period: z.enum(['day', 'week', 'month']),
  asOf: z.custom<Instant>(() => true),
  offsets: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(10_000, { error: 'must be at most 10000' })
    .optional(),
  timeZone: z.unknown().optional(),
  weekStartsOn: z.unknown().optional(),
  start: z.unknown().optional(),
});

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
 * Cohorts come oldest first; only periods holding a day 0 get a row.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `period`, `asOf`, `offsets`, `timeZone`, `weekStartsOn`, `start`.
 * @returns One row per cohort.
 * @throws {@link EngagekitError} `INVALID_ACTIVITY` for a malformed row; `INVALID_OPTION` for bad
 * options; `EMPTY_INPUT` when no user has activity (or a start) at or before `asOf`.
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
  const parsed = parseWith(optionsSchema, options, {
    fn,
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const asOf = readInstant(parsed.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' });
  const dayOf = dayReader(readTimeZone(parsed.timeZone, fn, ['options', 'timeZone']));
  const weekStartsOn = readWeekStartsOn(parsed.weekStartsOn, fn, ['options', 'weekStartsOn']);
  const { period } = parsed;
  const data = readUserDays(activity, {
    fn,
    dayOf,
    until: asOf,
    starts: parsed.start as readonly ActivityRow[] | undefined,
  });
  const current = periodIndex(dayOf(asOf), period, weekStartsOn);
  const limit = parsed.offsets ?? Number.POSITIVE_INFINITY;
  const cohorts = new Map<number, { size: number; active: number[] }>();
  for (let u = 0; u < data.userIds.length; u++) {
    const cohort = periodIndex(data.day0[u]!, period, weekStartsOn);
    let entry = cohorts.get(cohort);
    if (entry === undefined) {
      const width = Math.min(limit, current - cohort + 1);
      entry = { size: 0, active: new Array<number>(width).fill(0) };
      cohorts.set(cohort, entry);
    }
    entry.size++;
    let previous = Number.NaN;
    for (let k = data.offsets[u]!; k < data.offsets[u + 1]!; k++) {
      const offset = periodIndex(data.days[k]!, period, weekStartsOn) - cohort;
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
        cohort: formatDay(periodStart(cohort, period, weekStartsOn)),
        size,
        cells: active.map((count, offset) => {
          const complete = cohort + offset < current;
          return { offset, active: count, rate: complete ? count / size : null, complete };
        }),
      };
    });
}
