/**
 * `x * 2^exponent` for an integer exponent of any size, as C's `ldexp`: exact unless the result
 * overflows to Infinity or falls among the subnormals, where `2 ** exponent` alone would already be
 * Infinity or 0 (`2 ** 1074` is Infinity although `5e-324 * 2^1074` is 1).
 */
export function ldexp(x: number, exponent: number): number {
  let result = x;
  // Past +-2200 every finite x is already at Infinity or 0.
  let rest = Math.max(-2200, Math.min(2200, exponent));
  while (rest > 1023) {
    result *= 2 ** 1023;
    rest -= 1023;
  }
  while (rest < -1022) {
    result *= 2 ** -1022;
    rest += 1022;
  }
  return result * 2 ** rest;
}
