import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilsonInterval.js';

const proportion = fc
  .integer({ min: 1, max: 100_000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe('wilsonInterval properties', () => {
  it('stays within [0, 1] and contains the observed proportion', () => {
    fc.assert(
      fc.property(proportion, confidence, ([x, n], level) => {
        const { lower, upper } = wilsonInterval(x, n, { confidence: level });
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(x / n + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(x / n - 1e-12);
      }),
    );
  });

  it('mirrors: the interval of n - x failures is 1 minus the interval of x successes', () => {
    fc.assert(
      fc.property(proportion, ([x, n]) => {
        const successes = wilsonInterval(x, n);
        const failures = wilsonInterval(n - x, n);
        expect(failures.lower).toBeCloseTo(1 - successes.upper, 12);
        expect(failures.upper).toBeCloseTo(1 - successes.lower, 12);
      }),
    );
  });

  it('a higher confidence level never narrows the interval', () => {
    fc.assert(
      fc.property(proportion, ([x, n]) => {
        const narrow = wilsonInterval(x, n, { confidence: 0.9 });
        const wide = wilsonInterval(x, n, { confidence: 0.99 });
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
      }),
    );
  });
});
