import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNps } from './compareNps.js';
import { npsFromCounts } from './npsFromCounts.js';

const sample = fc
  .tuple(fc.nat(200), fc.nat(200), fc.nat(200))
  .filter(([p, a, d]) => p + a + d > 0)
  .map(([promoters, passives, detractors]) => npsFromCounts({ promoters, passives, detractors }));
const method = fc.constantFrom('wald' as const, 'adjustedWald' as const);

describe('compareNps properties', () => {
  it('the p-value is a probability and the difference lies in [-200, 200]', () => {
    fc.assert(
      fc.property(sample, sample, method, (a, b, how) => {
        const result = compareNps(a, b, { method: how });
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
        expect(Math.abs(result.difference)).toBeLessThanOrEqual(200);
        expect(result.interval.lower).toBeLessThanOrEqual(result.interval.upper);
      }),
    );
  });

  it('a sample compared with itself shows no difference and p = 1', () => {
    fc.assert(
      fc.property(sample, method, (a, how) => {
        const result = compareNps(a, a, { method: how });
        expect(result.difference).toBe(0);
        expect(result.pValue).toBe(1);
      }),
    );
  });

  it('the interval of the difference excludes 0 exactly when p < 1 - confidence', () => {
    fc.assert(
      fc.property(sample, sample, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (a, b, confidence) => {
        const result = compareNps(a, b, { confidence, method: 'adjustedWald' });
        const excludesZero = result.interval.lower > 0 || result.interval.upper < 0;
        // Skip the knife edge where rounding decides.
        if (Math.abs(result.pValue - (1 - confidence)) > 1e-9) {
          expect(excludesZero).toBe(result.pValue < 1 - confidence);
        }
      }),
    );
  });
});
