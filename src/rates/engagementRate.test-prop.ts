import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementRate } from './engagementRate.js';

const counts = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([trials, share]) => [Math.round(trials * share), trials] as const);

describe('engagementRate properties', () => {
  it('the interval holds the rate and stays within [0, 1]', () => {
    fc.assert(
      fc.property(
        counts,
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        ([x, n], confidence) => {
          const { rate, interval } = engagementRate(x, n, { confidence });
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(rate);
          expect(interval.upper).toBeGreaterThanOrEqual(rate);
          expect(interval.upper).toBeGreaterThan(interval.lower);
        },
      ),
    );
  });

  it('a count is the same number, bigint or decimal string', () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        const expected = engagementRate(x, n);
        expect(engagementRate(BigInt(x), BigInt(n))).toEqual(expected);
        expect(engagementRate(String(x), String(n))).toEqual(expected);
      }),
    );
  });

  it('a higher confidence level gives a wider interval', () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        const narrow = engagementRate(x, n, { confidence: 0.8 }).interval;
        const wide = engagementRate(x, n, { confidence: 0.99 }).interval;
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
      }),
    );
  });

  it('fewer effective trials never narrow the interval', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.01, max: 1, noNaN: true }), ([x, n], share) => {
        const full = engagementRate(x, n).interval;
        const fewer = engagementRate(x, n, { effectiveTrials: n * share }).interval;
        expect(fewer.upper - fewer.lower).toBeGreaterThanOrEqual(full.upper - full.lower - 1e-12);
      }),
    );
  });
});
