import { describe, expect, it } from 'vitest';
import { product } from './product.js';

describe('product', () => {
  it('equals plain multiplication and division where nothing overflows', () => {
    expect(product([3, 5], [2])).toBe(7.5);
    expect(product([50, 2, 24, 0.3])).toBe(50 * 2 * 24 * 0.3);
    expect(product([0.1, 0.2], [0.3])).toBeCloseTo((0.1 * 0.2) / 0.3, 15);
    expect(product([], [])).toBe(1);
  });

  it('overflows only when the result does, whatever the order of the terms', () => {
    expect(1e200 * 1e200).toBe(Number.POSITIVE_INFINITY);
    expect(product([1e200, 1e200], [1e300])).toBeCloseTo(1e100, -86);
    // 1e-320 is a subnormal, stored as 9.99989e-321: the plain quotient is right and finite here.
    expect(product([1e-300], [1e-320]) / (1e-300 / 1e-320)).toBeCloseTo(1, 14);
    expect(product([1], [5e-324])).toBe(Number.POSITIVE_INFINITY);
    expect(product([Number.MAX_VALUE, 2])).toBe(Number.POSITIVE_INFINITY);
  });

  it('underflows to 0 only when the result does, and is 0 with a zero factor', () => {
    expect(product([1e-200, 1e-200], [1e-300])).toBeCloseTo(1e-100, 110);
    expect(product([5e-324], [2])).toBe(0);
    expect(product([0, Number.MAX_VALUE], [5e-324])).toBe(0);
  });
});
