const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(bytes: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = bytes[i]! - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil, exact). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * `parseIsoInstant` (the library's strict ISO 8601 reader) on the bytes `bytes[start, end)` of a
 * CSV field, without decoding them to a string: the same instants for the same text, or `NaN`
 * for anything it does not read (then the caller reads the text with `parseInstant`, which
 * explains the problem or reads epoch milliseconds and dates alone). Years 0 to 99 are left to
 * that path too. Every sum is of whole numbers below 2^53, so the result is exact, as `Date.UTC`'s.
 */
export function parseIsoBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 17 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return Number.NaN;
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  const separator = bytes[start + 10];
  if (separator !== 84 && separator !== 32 && separator !== 116) return Number.NaN;
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  if (bytes[start + 13] !== 58 || year < 100 || month < 1 || month > 12 || day < 1) {
    return Number.NaN;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let i = start + 16;
  let second = 0;
  let millis = 0;
  if (i < end && bytes[i] === 58) {
    second = i + 3 <= end ? digits(bytes, i + 1, 2) : -1;
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (i < end && (bytes[i] === 46 || bytes[i] === 44)) {
      const from = ++i;
      while (i < end && i - from < 9) {
        const code = bytes[i]! - 48;
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
  if (i >= end) return Number.NaN;
  const zone = bytes[i];
  let offset = 0;
  if ((zone === 90 || zone === 122) && i + 1 === end) {
    offset = 0;
  } else if (zone === 43 || zone === 45) {
    const rest = end - i - 1;
    const hours = rest >= 2 ? digits(bytes, i + 1, 2) : -1;
    let minutes = 0;
    if (rest === 2) minutes = 0;
    else if (rest === 4) minutes = digits(bytes, i + 3, 2);
    else if (rest === 5 && bytes[i + 3] === 58) minutes = digits(bytes, i + 4, 2);
    else return Number.NaN;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else {
    return Number.NaN;
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis -
    offset
  );
}
