import { type Instant, readInstant } from './instant.js';
import { type CalendarOptions, dayReader, readCalendarOptions, readTimeZone } from './zone.js';

/**
 * The number of the calendar day, in a time zone, on which an instant falls.
 *
 * @remarks
 * Days are counted from 1970-01-01 (day 0) in the given zone, so consecutive calendar days have
 * consecutive numbers and the difference of two day numbers is the number of midnights between
 * them, even across daylight-saving changes (a day may last 23 or 25 hours). The offset comes from
 * the runtime's time-zone data through `Intl.DateTimeFormat`, historic offsets included (Lisbon
 * and Dublin kept local mean time, minutes and seconds off the hour, into the 20th century). An
 * instant at exactly local midnight belongs to the day it starts.
 *
 * @param at - The instant.
 * @param options - `timeZone` (default `'UTC'`).
 * @returns The day number, an integer (negative before 1970).
 * @throws {@link EngagekitError} `INVALID_INSTANT` when `at` is not a point in time;
 * `INVALID_OPTION` for options that are not an object or a time zone that `Intl` rejects.
 *
 * @example
 * ```ts
 * import { epochDay } from 'engagekit';
 *
 * const at = Date.parse('2026-03-01T23:45:00Z');
 * epochDay(at); // => 20513
 * epochDay(at, { timeZone: 'Asia/Tokyo' }); // => 20514
 * epochDay(at, { timeZone: 'America/New_York' }); // => 20513
 * ```
 * @category Time
 */
export function epochDay(at: Instant, options?: CalendarOptions): number {
  const fn = 'epochDay';
  const millis = readInstant(at, { fn, path: ['at'] });
  const { timeZone } = readCalendarOptions(options, fn);
  return dayReader(readTimeZone(timeZone, fn, ['options', 'timeZone']))(millis);
}
