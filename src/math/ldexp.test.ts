import { describe, expect, it } from 'vitest';
import { ldexp } from './ldexp.js';

describe('ldexp', () => {
  it('multiplies by powers of two that are themselves out of range', () => {
    // 2 ** 1074 is Infinity, yet the smallest subnormal times it is exactly 1.
    expect(2 ** 1074).toBe(Number.POSITIVE_INFINITY);
    expect(ldexp(5e-324, 1074)).toBe(1);
    expect(ldexp(1, -1074)).toBe(5e-324);
    expect(ldexp(Number.MAX_VALUE, -2047)).toBe(Number.MAX_VALUE * 2 ** -1023 * 2 ** -1024);
    expect(ldexp(3, 4)).toBe(48);
  });

  it('overflows to Infinity and underflows to 0 only when the result does', () => {
    expect(ldexp(1, 1024)).toBe(Number.POSITIVE_INFINITY);
    expect(ldexp(1, -1075)).toBe(0);
    expect(ldexp(5e-324, 1e9)).toBe(Number.POSITIVE_INFINITY);
    expect(ldexp(Number.MAX_VALUE, -1e9)).toBe(0);
  });
});
