import { type Instant, readInstant } from './instant.js';
import {
  type CalendarOptions,
  dayReader,
  formatDay,
  periodIndex,
  periodStart,
  readCalendarOptions,
  readTimeZone,
  readWeekStartsOn,
} from './zone.js';

/**
 * The first day (`YYYY-MM-DD`) of the calendar week, in a time zone, that holds an instant.
 *
 * @remarks
 * Weeks start on `weekStartsOn` (0 = Sunday ... 6 = Saturday), Monday by default as in ISO 8601.
 * The week is found from the local calendar day, so a Sunday 23:30 in New York is still in the
 * week that started the Monday before, although it is Monday in UTC.
 *
 * @param at - The instant.
 * @param options - `timeZone` (default `'UTC'`) and `weekStartsOn` (default 1, Monday).
 * @returns The local date of the week's first day.
 * @throws {@link EngagekitError} `INVALID_INSTANT` when `at` is not a point in time;
 * `INVALID_OPTION` for options that are not an object, a time zone that `Intl` rejects or a
 * `weekStartsOn` outside 0..6.
 *
 * @example
 * ```ts
 * import { calendarWeek } from 'engagekit';
 *
 * const sundayNight = Date.parse('2026-03-09T03:30:00Z'); // Sunday 23:30 in New York
 * calendarWeek(sundayNight); // => '2026-03-09'
 * calendarWeek(sundayNight, { timeZone: 'America/New_York' }); // => '2026-03-02'
 * calendarWeek(sundayNight, { timeZone: 'America/New_York', weekStartsOn: 0 }); // => '2026-03-08'
 * ```
 * @category Time
 */
export function calendarWeek(at: Instant, options?: CalendarOptions): string {
  const fn = 'calendarWeek';
  const millis = readInstant(at, { fn, path: ['at'] });
  const calendar = readCalendarOptions(options, fn);
  const timeZone = readTimeZone(calendar.timeZone, fn, ['options', 'timeZone']);
  const weekStartsOn = readWeekStartsOn(calendar.weekStartsOn, fn, ['options', 'weekStartsOn']);
  const week = periodIndex(dayReader(timeZone)(millis), 'week', weekStartsOn);
  return formatDay(periodStart(week, 'week', weekStartsOn));
}
