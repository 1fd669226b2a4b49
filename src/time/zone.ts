import { EngagekitError, type EngagekitErrorPath } from '../errors/EngagekitError.js';
import { describeValue, formatPath } from '../errors/formatPath.js';
import { readOptions } from '../errors/readOptions.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Options that place instants on calendar days.
 *
 * @category Time
 */
export interface CalendarOptions {
  /**
   * IANA time zone such as `'Europe/Amsterdam'` (any name the runtime's `Intl.DateTimeFormat`
   * accepts), or a fixed UTC offset `±HH:MM` such as `'+05:30'` or `'-00:30'`, whose midnights
   * separate the days. Default `'UTC'`.
   */
  readonly timeZone?: string;
  /** First day of a week: 0 = Sunday ... 6 = Saturday. Default 1 (Monday, as ISO 8601). */
  readonly weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * Reads the options argument of a calendar function: `undefined` is no options; anything but an
 * object (`null`, a number) is `INVALID_OPTION` at path `['options']`. @internal
 */
export function readCalendarOptions(options: unknown, fn: string): CalendarOptions {
  return readOptions<CalendarOptions>(options, fn, "{ timeZone: 'Europe/Amsterdam' }");
}

/** `±HH:MM`, `±HHMM` or `±HH`: the offset time zones of ECMA-402 (hours 00-23). */
const OFFSET = /^([+-])([01]\d|2[0-3])(?::?([0-5]\d))?$/;

/** The milliseconds east of UTC of a fixed offset such as `'-00:30'`, or `undefined`. @internal */
export function fixedOffset(timeZone: string): number | undefined {
  const match = OFFSET.exec(timeZone);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return (match[1] === '-' ? -minutes : minutes) * MINUTE;
}

/**
 * Reads a time zone option, defaulting to UTC: a fixed offset `±HH:MM` (returned as is), or a
 * name that `Intl.DateTimeFormat` accepts (returned in the runtime's canonical spelling, e.g.
 * `'utc'` as `'UTC'`). Anything else, such as `'Europe/Nowhere+05'` or `'UTC+99'`, is
 * `INVALID_OPTION` at `path`. @internal
 */
export function readTimeZone(value: unknown, fn: string, path: EngagekitErrorPath): string {
  if (value === undefined) return 'UTC';
  const zone = timeZoneOf(value);
  if (zone !== undefined) return zone;
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: ${formatPath(path)} must be an IANA time zone such as 'Europe/Amsterdam' or 'UTC', or an offset such as '+05:30', got ${describeValue(value)}`,
    path,
  );
}

/**
 * A time zone as {@link readTimeZone} returns it (a fixed offset as is, a name in the runtime's
 * canonical spelling), or `undefined` when `value` is none; without the error message, for the
 * schemas that report their own. @internal
 */
export function timeZoneOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (fixedOffset(value) !== undefined) return value;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return undefined;
  }
}

/** Reads a first-day-of-week option, defaulting to Monday. @internal */
export function readWeekStartsOn(value: unknown, fn: string, path: EngagekitErrorPath): number {
  if (value === undefined) return 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6) {
    return value;
  }
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: ${formatPath(path)} must be an integer from 0 (Sunday) to 6 (Saturday), got ${describeValue(value)}`,
    path,
  );
}

/** `GMT`, `GMT+05:30` or `GMT-00:44:30`: `Intl`'s long offset of a zone at an instant. */
const LONG_OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A function from epoch milliseconds to the offset east of UTC (milliseconds) of a named zone at
 * that instant, as `Intl.DateTimeFormat` gives it (seconds included: Monrovia was 44 minutes 30
 * seconds behind UTC until 1972).
 */
function intlOffset(timeZone: string): (millis: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (millis) => {
    const name = format.formatToParts(millis).find((part) => part.type === 'timeZoneName');
    const match = LONG_OFFSET.exec(name?.value ?? '');
    if (match === null) {
      throw new Error(`engagekit: unexpected offset ${name?.value} of time zone ${timeZone}`);
    }
    if (match[1] === undefined) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
    return (match[1] === '-' ? -seconds : seconds) * 1000;
  };
}

/**
 * A function from epoch milliseconds (within the range of a `Date`; see `instantMillis`) to the
 * day number (days since 1970-01-01) of the calendar day in `timeZone`, a value returned by
 * {@link readTimeZone}. Offsets come from `Intl.DateTimeFormat`, looked up once per UTC hour and
 * reused, so a million instants cost a few thousand look-ups; an hour that contains an offset
 * change is resolved per instant.
 * @internal
 */
export function dayReader(timeZone: string): (millis: number) => number {
  if (timeZone === 'UTC') return (millis) => Math.floor(millis / DAY);
  const fixed = fixedOffset(timeZone);
  if (fixed !== undefined) return (millis) => Math.floor((millis + fixed) / DAY);
  const hours = new Map<number, number>();
  const offsetAt = intlOffset(timeZone);
  return (millis) => {
    const hour = Math.floor(millis / HOUR);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const first = offsetAt(hour * HOUR);
      const last = Math.min(hour * HOUR + HOUR - 1, 8.64e15);
      offset = first === offsetAt(last) ? first : Number.NaN;
      hours.set(hour, offset);
    }
    if (Number.isNaN(offset)) offset = offsetAt(millis);
    return Math.floor((millis + offset) / DAY);
  };
}

/** Year, month (1-12) and day of month of a day number (H. Hinnant's civil_from_days). @internal */
export function civilFromDays(day: number): [year: number, month: number, dayOfMonth: number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

/** Day number of a civil date (H. Hinnant's days_from_civil). @internal */
export function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear =
    Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `YYYY-MM-DD` of a day number. @internal */
export function formatDay(day: number): string {
  const [year, month, dayOfMonth] = civilFromDays(day);
  const yyyy = year < 0 || year > 9999 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** A calendar period that groups days. @category Time */
export type CalendarPeriod = 'day' | 'week' | 'month';

/**
 * Consecutive integer index of the period holding a day: the day itself, the week (starting on
 * `weekStartsOn`; 1970-01-01 was a Thursday) or `year * 12 + month - 1`. @internal
 */
export function periodIndex(day: number, period: CalendarPeriod, weekStartsOn: number): number {
  if (period === 'day') return day;
  if (period === 'week') return Math.floor((day + 4 - weekStartsOn) / 7);
  const [year, month] = civilFromDays(day);
  return year * 12 + month - 1;
}

/** Day number of the first day of a period index, the inverse of {@link periodIndex}. @internal */
export function periodStart(index: number, period: CalendarPeriod, weekStartsOn: number): number {
  if (period === 'day') return index;
  if (period === 'week') return index * 7 - 4 + weekStartsOn;
  return daysFromCivil(Math.floor(index / 12), index - Math.floor(index / 12) * 12 + 1, 1);
}
