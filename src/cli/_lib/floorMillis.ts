/** Counts up to 2^52 in magnitude: a `Number` holds them, and their products below stay exact. */
const EXACT = 2 ** 52;

/**
 * Floor division of a count of `per`-unit ticks (microseconds: 1000, nanoseconds: 1,000,000) to
 * epoch milliseconds. A count within ±2^52 (microseconds: the years 1827 to 2112) is divided as a
 * `Number` and corrected to the exact floor by its remainder, without `BigInt` arithmetic; a larger
 * one (nanoseconds always) by `BigInt` division.
 */
export function floorMillis(value: bigint, per: number): number {
  const count = Number(value);
  if (count >= -EXACT && count <= EXACT) return floorCount(count, per);
  const big = BigInt(per);
  let quotient = value / big;
  if (value < 0n && quotient * big !== value) quotient -= 1n;
  return Number(quotient);
}

/**
 * The floor of `count / per` for a whole `count` within ±2^52 (so that `count` and the products
 * below are exact): the rounded quotient corrected by its remainder.
 */
export function floorCount(count: number, per: number): number {
  let quotient = Math.trunc(count / per);
  let remainder = count - quotient * per;
  while (remainder < 0) {
    quotient--;
    remainder += per;
  }
  while (remainder >= per) {
    quotient++;
    remainder -= per;
  }
  return quotient;
}
