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

/** The most periods one lifecycle report may have. */
const MAX_PERIODS = 100_000;

/**
 * Options of {@link lifecycle}.
 *
 * @category Activity
 */
export interface LifecycleOptions extends CalendarOptions {
  /** `'day'`, `'week'` (from `weekStartsOn`) or `'month'`. */
  readonly period: CalendarPeriod;
  /** The instant of the report: activity after it is ignored; its period is the last row. */
  readonly asOf: Instant;
}

/**
 * One period of a {@link lifecycle} report.
 *
 * @category Activity
 */
export interface LifecycleRow {
  /** First day (`YYYY-MM-DD`, local) of the period. */
  readonly period: string;
  /** Users active in the period: `new + returning + resurrecting`. */
  readonly active: number;
  /** Active for the first time ever. */
  readonly new: number;
  /** Active in this period and in the previous one. */
  readonly returning: number;
  /** Active in this period, not in the previous one, but in some earlier one. */
  readonly resurrecting: number;
  /** Active in the previous period but not in this one. */
  readonly dormant: number;
  /** Whether the period had completely elapsed by `asOf` (the last one usually has not). */
  readonly complete: boolean;
}

/**
 * Growth accounting per period: how many users were new, returning, resurrecting or dormant.
 *
 * @remarks
 * Periods are local calendar days, weeks or months in `timeZone`, from the first period with
 * activity to the period of `asOf`. A user active in period t is `new` if t is its first active
 * period, `returning` if it was also active in t - 1, `resurrecting` otherwise; a user active in
 * t - 1 and not in t is `dormant` in t. So `active(t) = new + returning + resurrecting` and
 * `active(t - 1) = returning + dormant`. The quick ratio of growth accounting is
 * `(new + resurrecting) / dormant`. The categories are those of the lifecycle reports of
 * product-analytics tools (Mixpanel, Amplitude, PostHog).
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `period`, `asOf`, `timeZone`, `weekStartsOn`.
 * @returns One row per period, oldest first.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options (every one listed in
 * `error.issues`) or more than 100000 periods; `INVALID_ACTIVITY` for malformed rows (an instant
 * outside +-8.64e15 ms included); `EMPTY_INPUT` when there is no activity at or before `asOf`.
 *
 * @example
 * ```ts
 * import { lifecycle } from 'engagekit';
 *
 * const week = (d: number) => Date.UTC(2026, 0, 5 + 7 * d, 12); // Mondays from 5 January 2026
 * const activity = [
 *   { userId: 'ann', at: week(0) },
 *   { userId: 'ann', at: week(1) },
 *   { userId: 'bob', at: week(0) },
 *   { userId: 'bob', at: week(2) },
 *   { userId: 'cy', at: week(2) },
 * ];
 * lifecycle(activity, { period: 'week', asOf: week(3) }).map((row) => [row.period, row.new, row.returning, row.resurrecting, row.dormant]);
 * // => [
 * //   ['2026-01-05', 2, 0, 0, 0],
 * //   ['2026-01-12', 0, 1, 0, 1],
 * //   ['2026-01-19', 1, 0, 1, 1],
 * //   ['2026-01-26', 0, 0, 0, 2],
 * // ]
 * ```
 * @category Activity
 */
export function lifecycle(
  activity: readonly ActivityRow[],
  options: LifecycleOptions,
): LifecycleRow[] {
  const fn = 'lifecycle';
  const issues = issueList(fn);
  const fields = readFields(issues, ['options'], options, {
    known: ['period', 'asOf', 'timeZone', 'weekStartsOn'],
    required: ['period', 'asOf'],
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const given = fields!;
  const read = {
    period: issues.oneOf(['options', 'period'], given.period, ['day', 'week', 'month'] as const),
    asOf: issues.attempt(() =>
      readInstant(given.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' }),
    ),
    timeZone: issues.attempt(() => readTimeZone(given.timeZone, fn, ['options', 'timeZone'])),
    weekStartsOn: issues.attempt(() =>
      readWeekStartsOn(given.weekStartsOn, fn, ['options', 'weekStartsOn']),
    ),
  };
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const [period, asOf, weekStartsOn] = [read.period!, read.asOf!, read.weekStartsOn!];
  const dayOf = dayReader(read.timeZone!);
  const data = readUserDays(activity, { fn, dayOf, until: asOf });
  const current = periodIndex(dayOf(asOf), period, weekStartsOn);
  let first = current;
  for (let u = 0; u < data.userIds.length; u++) {
    first = Math.min(first, periodIndex(data.day0[u]!, period, weekStartsOn));
  }
  const count = current - first + 1;
  if (count > MAX_PERIODS) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: the activity spans ${count} periods, more than ${MAX_PERIODS}; use a longer period`,
      ['options', 'period'],
    );
  }
  const fresh = new Float64Array(count);
  const returning = new Float64Array(count);
  const resurrecting = new Float64Array(count);
  const dormant = new Float64Array(count);
  for (let u = 0; u < data.userIds.length; u++) {
    let previous = Number.NaN;
    for (let k = data.offsets[u]!; k < data.offsets[u + 1]!; k++) {
      const index = periodIndex(data.days[k]!, period, weekStartsOn) - first;
      if (index === previous) continue;
      if (Number.isNaN(previous)) fresh[index]!++;
      else if (index === previous + 1) returning[index]!++;
      else {
        resurrecting[index]!++;
        dormant[previous + 1]!++;
      }
      previous = index;
    }
    if (previous + 1 < count) dormant[previous + 1]!++;
  }
  return Array.from({ length: count }, (_, i) => ({
    period: formatDay(periodStart(first + i, period, weekStartsOn)),
    active: fresh[i]! + returning[i]! + resurrecting[i]!,
    new: fresh[i]!,
    returning: returning[i]!,
    resurrecting: resurrecting[i]!,
    dormant: dormant[i]!,
    complete: first + i < current,
  }));
}
