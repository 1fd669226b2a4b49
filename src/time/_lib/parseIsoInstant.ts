const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * Epoch milliseconds of an ISO 8601 date-time with a zone, strictly, or `NaN`: `YYYY-MM-DD`, `T`
 * or a space, `hh:mm`, optional `:ss` and a fraction of 1 to 9 digits (cut to the millisecond),
 * then `Z` or an offset `+hh`, `+hhmm` or `+hh:mm` (as PostgreSQL prints `timestamptz`). A day the
 * month does not have (Feb 30), an hour past 23 and a missing zone are `NaN`. No allocation.
 */
export function parseIsoInstant(text: string): number {
  const length = text.length;
  if (length < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 32 && separator !== 116) return Number.NaN;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (text.charCodeAt(13) !== 58 || year < 0 || month < 1 || month > 12 || day < 1) {
    return Number.NaN;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) {
      const from = ++i;
      while (i < length && i - from < 9) {
        const code = text.charCodeAt(i) - 48;
        if (code < 0 || code > 9) break;
        if (i - from < 3) millis = millis * 10 + code;
        i++;
      }
      const count = i - from;
      if (count === 0) return Number.NaN;
      if (count === 1) millis *= 100;
      else if (count === 2) millis *= 10;
    }
  }
  const zone = text.charCodeAt(i);
  let offset = 0;
  if ((zone === 90 || zone === 122) && i + 1 === length) {
    offset = 0;
  } else if (zone === 43 || zone === 45) {
    const rest = length - i - 1;
    const hours = digits(text, i + 1, 2);
    let minutes = 0;
    if (rest === 2) minutes = 0;
    else if (rest === 4) minutes = digits(text, i + 3, 2);
    else if (rest === 5 && text.charCodeAt(i + 3) === 58) minutes = digits(text, i + 4, 2);
    else return Number.NaN;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else {
    return Number.NaN;
  }
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
  // Date.UTC reads years 0..99 as 1900..1999; a Date set field by field does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offset;
}
