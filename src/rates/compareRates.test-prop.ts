import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRates } from './compareRates.js';
import { engagementRate } from './engagementRate.js';

const rate = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([trials, share]) => engagementRate(Math.round(trials * share), trials));
const method = fc.constantFrom('newcombe' as const, 'wald' as const);

describe('compareRates properties', () => {
  it('swapping the rates negates the difference and its interval, and keeps the p-value', () => {
    fc.assert(
      fc.property(rate, rate, method, (a, b, how) => {
        const forth = compareRates(a, b, { method: how });
        const back = compareRates(b, a, { method: how });
        expect(back.difference).toBeCloseTo(-forth.difference, 12);
        expect(back.interval.lower).toBeCloseTo(-forth.interval.upper, 12);
        expect(back.interval.upper).toBeCloseTo(-forth.interval.lower, 12);
        expect(back.pValue).toBeCloseTo(forth.pValue, 12);
      }),
    );
  });

  it('the interval holds the difference, within [-1, 1], and the p-value is a probability', () => {
    fc.assert(
      fc.property(rate, rate, method, (a, b, how) => {
        const { difference, interval, pValue } = compareRates(a, b, { method: how });
        expect(interval.lower).toBeGreaterThanOrEqual(-1);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(difference + 1e-12);
        expect(interval.upper).toBeGreaterThanOrEqual(difference - 1e-12);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a rate compared with itself differs by nothing, with p = 1', () => {
    fc.assert(
      fc.property(rate, (a) => {
        const same = compareRates(a, a);
        expect(same.difference).toBe(0);
        expect(same.pValue).toBe(1);
      }),
    );
  });
});
