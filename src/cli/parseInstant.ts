import { parseIsoInstant } from '../time/_lib/parseIsoInstant.js';

/**
 * Reads an instant from text: epoch milliseconds, or ISO 8601 with `Z` or an offset
 * (`2026-11-01T12:00:00Z`, `2026-11-01T13:00:00+01:00`), or a date alone (`2026-11-01`, UTC
 * midnight). A date-time is read by the library's one strict parser (`parseIsoInstant`, no
 * allocation): a day the month does not have (Feb 30) is an error, never the next month. A
 * date-time without a zone is refused, since it would depend on the machine's zone. Returns a
 * reason when the text is not an instant.
 */
export function parseInstant(text: string): { millis: number } | { problem: string } {
  const strict = parseIsoInstant(text);
  if (!Number.isNaN(strict)) return { millis: strict };
  const value = text.trim();
  if (value !== text) {
    const trimmed = parseIsoInstant(value);
    if (!Number.isNaN(trimmed)) return { millis: trimmed };
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return epochMillis(Number(value));
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (date === null) {
    return { problem: `"${value}" is not an ISO 8601 instant or epoch milliseconds` };
  }
  const year = Number(date[1]);
  const month = Number(date[2]);
  const day = Number(date[3]);
  const daysInMonth =
    month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return {
      problem: `"${value}" is not a calendar date (${value.slice(0, 7)} has no day ${day})`,
    };
  }
  if (value.length === 10) {
    // A date alone: UTC midnight, read by the same parser.
    return { millis: parseIsoInstant(`${value}T00:00Z`) };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/i.test(value)) {
    return { problem: `"${value}" has no time zone; add Z or an offset such as +01:00` };
  }
  return { problem: `"${value}" is not an ISO 8601 instant or epoch milliseconds` };
}

/** The latest instant a `Date` can hold, in epoch milliseconds (and its negative the earliest). */
const DATE_RANGE = 8.64e15;

function epochMillis(millis: number): { millis: number } | { problem: string } {
  return Number.isFinite(millis) && Math.abs(millis) <= DATE_RANGE
    ? { millis }
    : { problem: `${millis} is outside the range of dates (±8.64e15 epoch milliseconds)` };
}

/**
 * An instant from a CSV cell or a JSON value: a JSON number is epoch milliseconds, a string is
 * read by {@link parseInstant}.
 */
export function instantFrom(value: unknown): { millis: number } | { problem: string } {
  if (typeof value === 'number') return epochMillis(value);
  if (typeof value === 'string') return parseInstant(value);
  return { problem: 'missing; every row needs one' };
}
