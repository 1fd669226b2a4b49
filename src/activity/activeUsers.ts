import { issueList } from '../errors/issueList.js';
import type { Instant } from '../time/instant.js';
import type { CalendarOptions } from '../time/zone.js';
import { activeDayCounts, readWindow } from './_lib/activeDayCounts.js';
import type { ActivityRow } from './ActivityRow.js';

const WINDOW = { day: 1, week: 7, month: 30 } as const;

/**
 * Distinct users active in the day, week or month up to an instant: DAU, WAU, MAU.
 *
 * @remarks
 * Windows are rolling and made of whole local calendar days in `timeZone`: `'day'` is the calendar
 * day of `at`, `'week'` that day and the 6 before it, `'month'` that day and the 29 before it (the
 * L30 window of {@link stickiness} and {@link powerUserCurve}). For calendar weeks or months use
 * {@link cohortTable} or {@link lifecycle}. Activity after `at` is ignored.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param at - The instant the window ends at.
 * @param period - `'day'`, `'week'` or `'month'`.
 * @param options - `timeZone` (default `'UTC'`).
 * @returns The number of distinct users with activity in the window.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad `at`, period, options or time zone
 * (every one listed in `error.issues`); `INVALID_ACTIVITY` for malformed rows (an instant outside
 * +-8.64e15 ms included); `EMPTY_INPUT` when `activity` is empty.
 *
 * @example
 * ```ts
 * import { activeUsers } from 'engagekit';
 *
 * const activity = [
 *   { userId: 'ann', at: Date.parse('2026-03-20T10:00:00Z') },
 *   { userId: 'bob', at: Date.parse('2026-03-25T10:00:00Z') },
 *   { userId: 'cy', at: Date.parse('2026-03-05T10:00:00Z') },
 *   { userId: 'ann', at: Date.parse('2026-03-25T18:00:00Z') },
 * ];
 * const at = Date.parse('2026-03-25T20:00:00Z');
 * activeUsers(activity, at, 'day'); // => 2
 * activeUsers(activity, at, 'week'); // => 2
 * activeUsers(activity, at, 'month'); // => 3
 * ```
 * @category Activity
 */
export function activeUsers(
  activity: readonly ActivityRow[],
  at: Instant,
  period: 'day' | 'week' | 'month',
  options: Pick<CalendarOptions, 'timeZone'> = {},
): number {
  const fn = 'activeUsers';
  const issues = issueList(fn);
  const length = issues.oneOf(['period'], period, ['day', 'week', 'month']);
  const window = readWindow(issues, at, ['at'], options, false, WINDOW[length ?? 'day']);
  const counts = activeDayCounts(fn, activity, window);
  let users = 0;
  for (let u = 0; u < counts.length; u++) if (counts[u]! > 0) users++;
  return users;
}
