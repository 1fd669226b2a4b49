import { ldexp } from './ldexp.js';

/**
 * `factors[0] * factors[1] * ... / (divisors[0] * divisors[1] * ...)` for positive or zero finite
 * numbers, overflowing to Infinity or underflowing to 0 only when the result does: each number is
 * split into a mantissa near 1 and a power of two, the mantissas multiplied and divided, the powers
 * added, and the power applied once at the end ({@link ldexp}). So `1e200 * 1e200 / 1e300` is
 * 1e100, not Infinity, and `1 / 1e-320` is Infinity only because 1e320 is. Trusts its input
 * (no NaN, no negative number, no zero divisor).
 */
export function product(factors: readonly number[], divisors: readonly number[] = []): number {
  let mantissa = 1;
  let exponent = 0;
  for (const factor of factors) {
    if (factor === 0) return 0;
    const power = Math.floor(Math.log2(factor));
    mantissa *= ldexp(factor, -power);
    exponent += power;
  }
  for (const divisor of divisors) {
    const power = Math.floor(Math.log2(divisor));
    mantissa /= ldexp(divisor, -power);
    exponent -= power;
  }
  return ldexp(mantissa, exponent);
}
