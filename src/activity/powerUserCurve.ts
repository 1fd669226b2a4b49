import { issueList } from '../errors/issueList.js';
import type { Instant } from '../time/instant.js';
import { activeDayCounts, readWindow } from './_lib/activeDayCounts.js';
import type { ActivityRow } from './ActivityRow.js';
import type { ActivityWindowOptions } from './stickiness.js';

/**
 * Options of {@link powerUserCurve}.
 *
 * @category Activity
 */
export interface PowerUserCurveOptions extends ActivityWindowOptions {
  /** The instant the window ends at. */
  readonly at: Instant;
}

/**
 * The power-user curve (L30, or L7 with `days: 7`): how many users were active on exactly k of the
 * last `days` days.
 *
 * @remarks
 * Element `k - 1` counts the users with activity on exactly `k` distinct local calendar days of
 * the window (the day of `at` and the `days - 1` before it). The elements add up to the users
 * active in the window (MAU for 30 days); a curve with a second hump at the right end means a
 * core of daily users. See A. Chen, "The Power User Curve" (a16z, 2018).
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `at`, `days` (default 30), `timeZone` (default `'UTC'`).
 * @returns An array of `days` counts.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad `at`, window, options or time zone
 * (every one listed in `error.issues`); `INVALID_ACTIVITY` for malformed rows (an instant outside
 * +-8.64e15 ms included); `EMPTY_INPUT` when `activity` is empty.
 *
 * @example
 * ```ts
 * import { powerUserCurve } from 'engagekit';
 *
 * const day = (d: number) => Date.UTC(2026, 2, d, 12);
 * const activity = [
 *   { userId: 'ann', at: day(1) },
 *   { userId: 'ann', at: day(3) },
 *   { userId: 'ann', at: day(7) },
 *   { userId: 'bob', at: day(6) },
 *   { userId: 'cy', at: day(7) },
 *   { userId: 'cy', at: day(7) },
 * ];
 * powerUserCurve(activity, { at: day(7), days: 7 }); // => [2, 0, 1, 0, 0, 0, 0]
 * ```
 * @category Activity
 */
export function powerUserCurve(
  activity: readonly ActivityRow[],
  options: PowerUserCurveOptions,
): number[] {
  const fn = 'powerUserCurve';
  const window = readWindow(issueList(fn), undefined, ['options', 'at'], options, true);
  const { days } = window;
  const counts = activeDayCounts(fn, activity, window);
  const curve = new Array<number>(days).fill(0);
  for (let u = 0; u < counts.length; u++) {
    const k = counts[u]!;
    if (k > 0) curve[k - 1]!++;
  }
  return curve;
}
