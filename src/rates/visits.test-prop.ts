import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionDuration } from './sessionDuration.js';
import { timeBetweenVisits } from './timeBetweenVisits.js';
import { visitFrequency } from './visitFrequency.js';

const activity = fc.array(
  fc.record({
    userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    at: fc.integer({ min: 0, max: 1e10 }),
  }),
  { minLength: 1, maxLength: 200 },
);

describe('visit and session properties', () => {
  it('the distribution of visits adds up to the users and the visits', () => {
    fc.assert(
      fc.property(activity, (rows) => {
        const result = visitFrequency(rows);
        expect(result.distribution.reduce((sum, bin) => sum + bin.users, 0)).toBe(result.users);
        expect(result.distribution.reduce((sum, bin) => sum + bin.visits * bin.users, 0)).toBe(
          result.visits,
        );
        expect(result.interval.lower).toBeLessThanOrEqual(result.median);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.median);
      }),
    );
  });

  it('a longer visit timeout never makes more visits', () => {
    fc.assert(
      fc.property(activity, fc.nat({ max: 1e9 }), fc.nat({ max: 1e9 }), (rows, x, y) => {
        const [short, long] = x < y ? [x, y] : [y, x];
        expect(visitFrequency(rows, { visitTimeout: long }).visits).toBeLessThanOrEqual(
          visitFrequency(rows, { visitTimeout: short }).visits,
        );
      }),
    );
  });

  it('the quantiles of the time between visits rise with their probability', () => {
    fc.assert(
      fc.property(activity, (rows) => {
        if (visitFrequency(rows).repeatRate.successes === 0) return;
        const values = timeBetweenVisits(rows).quantiles.map((quantile) => quantile.value);
        for (let i = 1; i < values.length; i++)
          expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
      }),
    );
  });

  it('the mean session duration lies within its interval and between the extremes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e12 }), fc.nat({ max: 1e7 })), {
          minLength: 2,
          maxLength: 100,
        }),
        (pairs) => {
          const result = sessionDuration(
            pairs.map(([start, length]) => ({ start, end: start + length })),
          );
          const lengths = pairs.map(([, length]) => length);
          expect(result.mean).toBeGreaterThanOrEqual(Math.min(...lengths));
          expect(result.mean).toBeLessThanOrEqual(Math.max(...lengths));
          expect(result.meanInterval!.lower).toBeLessThanOrEqual(result.mean);
          expect(result.meanInterval!.upper).toBeGreaterThanOrEqual(result.mean);
        },
      ),
    );
  });
});
