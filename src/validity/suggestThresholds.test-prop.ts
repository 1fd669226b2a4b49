import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { suggestThresholds } from './suggestThresholds.js';

const pairs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some(([, y]) => y) && rows.some(([, y]) => !y))
  .map((rows) => ({ predictor: rows.map(([x]) => x), outcome: rows.map(([, y]) => y) }));

function youden(predictor: readonly number[], outcome: readonly boolean[], c: number): number {
  const positives = outcome.filter(Boolean).length;
  const negatives = outcome.length - positives;
  const tp = predictor.filter((x, i) => x >= c && outcome[i]).length;
  const fp = predictor.filter((x, i) => x >= c && !outcome[i]).length;
  return tp / positives - fp / negatives;
}

describe('suggestThresholds properties', () => {
  it('the Youden high threshold has the largest J of every observed score', () => {
    fc.assert(
      fc.property(pairs, ({ predictor, outcome }) => {
        try {
          const { segments, cuts } = suggestThresholds(predictor, outcome, { method: 'youden' });
          for (const c of predictor) {
            expect(youden(predictor, outcome, c)).toBeLessThanOrEqual(cuts.high.youden + 1e-12);
          }
          expect(cuts.high.youden).toBeCloseTo(youden(predictor, outcome, segments.high), 12);
        } catch (error) {
          expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
        }
      }),
    );
  });

  it('thresholds are observed scores with high > low, and shares add up to 1', () => {
    fc.assert(
      fc.property(
        pairs,
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.49, noNaN: true }),
        ({ predictor, outcome }, high, low) => {
          for (const options of [
            { method: 'youden' as const },
            { method: 'shares' as const, high, low },
          ]) {
            try {
              const result = suggestThresholds(predictor, outcome, options);
              expect(result.segments.high).toBeGreaterThan(result.segments.low);
              expect(predictor).toContain(result.segments.high);
              expect(predictor).toContain(result.segments.low);
              const { shares } = result;
              expect(shares.high + shares.low + shares.disengaged).toBeCloseTo(1, 12);
              if (options.method === 'shares')
                expect(shares.high).toBeGreaterThanOrEqual(high - 1e-12);
            } catch (error) {
              expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
            }
          }
        },
      ),
    );
  });
});
