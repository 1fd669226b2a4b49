import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate } from './churnRate.js';
import { lifetimeValue } from './lifetimeValue.js';
import { tripwire } from './tripwire.js';

const amount = fc.double({ min: 0, max: 1e4, noNaN: true });
const churn = fc.double({ min: 0.001, max: 1, noNaN: true });
const rate = fc.double({ min: 0, max: 0.5, noNaN: true });

describe('churn and lifetime value properties', () => {
  it('churn rates are within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, share) => {
          const value = churnRate(start, Math.floor(start * share));
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('discounting never raises the lifetime value', () => {
    fc.assert(
      fc.property(amount, churn, rate, (arpu, c, d) => {
        const plain = lifetimeValue({ method: 'churn', arpu, churnRate: c });
        expect(
          lifetimeValue({ method: 'churn', arpu, churnRate: c, discountRate: d }),
        ).toBeLessThanOrEqual(plain * (1 + 1e-12));
      }),
    );
  });

  it('the churn form equals the simple form with lifespan 1 / churn when undiscounted', () => {
    fc.assert(
      fc.property(amount, churn, fc.double({ min: 0, max: 1, noNaN: true }), (arpu, c, margin) => {
        const simple = lifetimeValue({
          method: 'simple',
          averageOrderValue: arpu,
          purchaseFrequency: 1,
          lifespan: 1 / c,
          margin,
        });
        expect(lifetimeValue({ method: 'churn', arpu, churnRate: c, margin })).toBeCloseTo(
          simple,
          6,
        );
      }),
    );
  });

  it('every started user is in exactly one tripwire group', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            userId: fc.constantFrom('a', 'b', 'c', 'd'),
            at: fc.integer({ min: 0, max: 100 }),
          }),
        ),
        fc.array(
          fc.record({
            userId: fc.constantFrom('a', 'b', 'c', 'e'),
            at: fc.integer({ min: 0, max: 100 }),
          }),
        ),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 120 }),
        (starts, key, within, asOf) => {
          const result = tripwire(starts, key, { within, asOf });
          const all = [...result.missed, ...result.pending, ...result.done].sort();
          const started = [
            ...new Set(starts.filter((row) => row.at <= asOf).map((row) => row.userId)),
          ].sort();
          expect(all).toEqual(started);
        },
      ),
    );
  });
});
