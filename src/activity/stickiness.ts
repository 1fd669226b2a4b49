import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';
import type { Instant } from '../time/instant.js';
import type { CalendarOptions } from '../time/zone.js';
import { activeDayCounts, readWindow } from './_lib/activeDayCounts.js';
import type { ActivityRow } from './ActivityRow.js';

/**
 * Options of {@link stickiness} and {@link powerUserCurve}.
 *
 * @category Activity
 */
export interface ActivityWindowOptions extends Pick<CalendarOptions, 'timeZone'> {
  /** Length of the window in local calendar days, ending with the day of `at`. Default 30. */
  readonly days?: number;
}

/**
 * DAU/MAU stickiness: mean daily active users over the last 30 days divided by the users active in
 * those 30 days.
 *
 * @remarks
 * `(sum over the window's days of DAU) / days / (users active in the window)`, which equals the
 * mean number of active days per active user divided by 30: 1 when everyone comes every day,
 * 1/30 when everyone comes once. The window is the local calendar day of `at` and the 29 before
 * it (`days` changes 30). Activity after `at` is ignored. This is the DAU/MAU ratio of product
 * analytics, computed from the same 30 days on both sides of the fraction.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param at - The instant the window ends at.
 * @param options - `timeZone` (default `'UTC'`) and `days` (default 30).
 * @returns A ratio in [1/days, 1].
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad `at`, window, options or time zone
 * (every one listed in `error.issues`); `INVALID_ACTIVITY` for malformed rows (an instant outside
 * +-8.64e15 ms included); `EMPTY_INPUT` when nobody was active in the window.
 *
 * @example
 * ```ts
 * import { stickiness } from 'engagekit';
 *
 * const day = (d: number) => Date.UTC(2026, 2, d, 12);
 * // ann is active on 15 of the 30 days, bob on 3: mean DAU (15 + 3) / 30 over 2 monthly actives.
 * const activity = [
 *   ...Array.from({ length: 15 }, (_, i) => ({ userId: 'ann', at: day(2 * i + 1) })),
 *   { userId: 'bob', at: day(4) },
 *   { userId: 'bob', at: day(9) },
 *   { userId: 'bob', at: day(30) },
 * ];
 * stickiness(activity, day(30)); // => 0.3
 * ```
 * @category Activity
 */
export function stickiness(
  activity: readonly ActivityRow[],
  at: Instant,
  options: ActivityWindowOptions = {},
): number {
  const fn = 'stickiness';
  const window = readWindow(issueList(fn), at, ['at'], options, true);
  const { days } = window;
  const counts = activeDayCounts(fn, activity, window);
  let activeDays = 0;
  let users = 0;
  for (let u = 0; u < counts.length; u++) {
    activeDays += counts[u]!;
    if (counts[u]! > 0) users++;
  }
  if (users === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: nobody was active in the ${days} days ending at at, so stickiness is undefined; choose another at or check the activity`,
      ['activity'],
    );
  }
  return activeDays / days / users;
}
