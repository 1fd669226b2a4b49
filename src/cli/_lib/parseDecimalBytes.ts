/** Exact powers of ten: every one up to 10^22 is a double without rounding. */
const POWERS = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/**
 * A plain decimal (`12`, `-0.5`, `+3.`, `.25`) read from the bytes `bytes[start, end)` without a
 * string, when it has at most 15 digits: the digits make a whole number below 2^53 and the scale
 * a power of ten up to 10^22, both exact, so one division gives the correctly rounded double, the
 * one `Number(text)` gives. Anything else (an exponent, more digits, another character) is `NaN`:
 * the caller then reads the text as before.
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
    negative = bytes[i] === 45;
    i++;
  }
  let mantissa = 0;
  let count = 0;
  let scale = 0;
  let point = false;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 46 && !point) {
      point = true;
      continue;
    }
    const digit = byte - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    mantissa = mantissa * 10 + digit;
    count++;
    if (point) scale++;
  }
  if (count === 0 || count > 15) return Number.NaN;
  const value = mantissa / POWERS[scale]!;
  return negative ? -value : value;
}
