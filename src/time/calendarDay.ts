import { type Instant, readInstant } from './instant.js';
import {
  type CalendarOptions,
  dayReader,
  formatDay,
  readCalendarOptions,
  readTimeZone,
} from './zone.js';

/**
 * The calendar date, in a time zone, on which an instant falls, as `YYYY-MM-DD`.
 *
 * @remarks
 * The same instant is on different dates east and west of UTC: 23:45 UTC is already the next day
 * in Tokyo (UTC+9) and still the same day in New York (UTC-5). See {@link epochDay} for the day
 * number used in arithmetic.
 *
 * @param at - The instant.
 * @param options - `timeZone` (default `'UTC'`).
 * @returns The local date, e.g. `'2026-03-01'`.
 * @throws {@link EngagekitError} `INVALID_INSTANT` when `at` is not a point in time;
 * `INVALID_OPTION` for options that are not an object or a time zone that `Intl` rejects.
 *
 * @example
 * ```ts
 * import { calendarDay } from 'engagekit';
 *
 * const at = Date.parse('2026-03-01T23:45:00Z');
 * calendarDay(at); // => '2026-03-01'
 * calendarDay(at, { timeZone: 'Asia/Tokyo' }); // => '2026-03-02'
 * calendarDay(Date.parse('2026-03-02T00:01:00Z'), { timeZone: 'America/Los_Angeles' }); // => '2026-03-01'
 * ```
 * @category Time
 */
export function calendarDay(at: Instant, options?: CalendarOptions): string {
  const fn = 'calendarDay';
  const millis = readInstant(at, { fn, path: ['at'] });
  const { timeZone: zone } = readCalendarOptions(options, fn);
  const timeZone = readTimeZone(zone, fn, ['options', 'timeZone']);
  return formatDay(dayReader(timeZone)(millis));
}
