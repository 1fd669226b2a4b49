/**
 * Reads an instant from text: epoch milliseconds, or ISO 8601 with `Z` or an offset
 * (`2026-11-01T12:00:00Z`, `2026-11-01T13:00:00+01:00`), or a date alone (`2026-11-01`, UTC
 * midnight). A date-time without a zone is refused, since it would depend on the machine's zone.
 * Returns undefined with a reason when the text is not an instant.
 */
export function parseInstant(text: string): { millis: number } | { problem: string } {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return epochMillis(Number(value));
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
    value,
  );
  if (!dateOnly && !dateTime) {
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)
      ? { problem: `"${value}" has no time zone; add Z or an offset such as +01:00` }
      : { problem: `"${value}" is not an ISO 8601 instant or epoch milliseconds` };
  }
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Date.parse reads 2026-02-30 as March 2: check the calendar date first.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return {
      problem: `"${value}" is not a calendar date (${value.slice(0, 7)} has no day ${day})`,
    };
  }
  const millis = Date.parse(value.replace(' ', 'T'));
  return Number.isFinite(millis) ? { millis } : { problem: `"${value}" is not a valid date` };
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
