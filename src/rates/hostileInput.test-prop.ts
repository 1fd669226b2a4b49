/**
 * The rates under extreme weights, counts and instants (issue 21): each gives a finite, sensible
 * result (rates and their bounds in [0, 1], the bounds around the rate), or an `EngagekitError`
 * whose path names the argument or row at fault, never `NaN` or `Infinity`. The whole-API
 * property (test/hostile.test-prop.ts) feeds them malformed input; this one well-formed input at
 * the edges of a number, where a weight squared times a count overflowed in `engagementRates`.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectFiniteOrEngagekitError } from '../../test/hostileArbitraries.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { clickThroughRate } from './clickThroughRate.js';
import { clickToOpenRate } from './clickToOpenRate.js';
import { compareRates } from './compareRates.js';
import { engagementRate } from './engagementRate.js';
import { engagementRates } from './engagementRates.js';
import { fatigue } from './fatigue.js';
import { openRate } from './openRate.js';
import { referralRate } from './referralRate.js';
import { repeatPurchaseRate } from './repeatPurchaseRate.js';
import { sessionDuration } from './sessionDuration.js';
import { timeBetweenVisits } from './timeBetweenVisits.js';
import { visitFrequency } from './visitFrequency.js';

/** Counts from none to the largest number, through the edge of exact integers. */
const count = fc.oneof(
  fc.constantFrom(0, 1, 2, 1e15, 2 ** 53, 2 ** 53 + 2, 1e154, 1e300, Number.MAX_VALUE),
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
);
/** Weights and effective sample sizes: subnormal, tiny, ordinary, past the square root of the largest. */
const positive = fc.oneof(
  fc.constantFrom(5e-324, 1e-310, 1e-300, 1e-154, 0.5, 1, 1e154, 1.4e154, 1e300, Number.MAX_VALUE),
  fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true }),
);
/** Instants at and near the ends of the range of a Date. */
const instant = fc.oneof(
  fc.constantFrom(-8.64e15, 8.64e15, -8.64e15 + 1, 8.64e15 - 1, 0),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
);
const CODES = ['OVERFLOW', 'INVALID_OPTION', 'EMPTY_INPUT'];

/** Rates and their bounds within [0, 1], the bounds around the rate, wherever they appear. */
function expectRatesInRange(value: unknown, where = 'result'): void {
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const { rate, interval } = record as {
    rate?: unknown;
    interval?: { lower: number; upper: number };
  };
  if (typeof rate === 'number' && interval !== undefined && typeof interval.lower === 'number') {
    expect(rate, `${where}.rate`).toBeGreaterThanOrEqual(0);
    expect(rate, `${where}.rate`).toBeLessThanOrEqual(1);
    expect(interval.lower, `${where}.interval.lower`).toBeLessThanOrEqual(rate + 1e-12);
    expect(interval.upper, `${where}.interval.upper`).toBeGreaterThanOrEqual(rate - 1e-12);
    expect(interval.lower).toBeGreaterThanOrEqual(0);
    expect(interval.upper).toBeLessThanOrEqual(1);
  }
  for (const [key, entry] of Object.entries(record)) expectRatesInRange(entry, `${where}.${key}`);
}

/**
 * The contract: a finite result with rates in range, or an EngagekitError with one of the codes
 * of extreme input whose path starts with one of `roots` (the argument or the rows).
 */
function check(name: string, roots: readonly string[], call: () => unknown): void {
  expectFiniteOrEngagekitError(name, () => {
    try {
      const result = call();
      expectRatesInRange(result);
      return result;
    } catch (error) {
      if (error instanceof EngagekitError) {
        expect(CODES, error.message).toContain(error.code);
        expect(roots, error.message).toContain(String(error.path[0]));
      }
      throw error;
    }
  });
}

describe('the rates at the edges of a number (issue 21)', () => {
  it('engagementRate: finite, within [0, 1], for any counts and effective sample size', () => {
    fc.assert(
      fc.property(count, count, fc.option(positive, { nil: undefined }), (a, b, effective) => {
        const [successes, trials] = a <= b ? [a, b] : [b, a];
        check('engagementRate', ['successes', 'trials', 'options'], () =>
          engagementRate(
            successes,
            trials,
            effective === undefined ? {} : { effectiveTrials: effective },
          ),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('engagementRates: finite, or an error naming the row whose weight or counts overflow', () => {
    const row = fc
      .record({ group: fc.constantFrom('a', 'b', 'c'), x: count, y: count, weight: positive })
      .map(({ group, x, y, weight }) => ({
        group,
        successes: Math.min(x, y),
        trials: Math.max(x, y),
        weight,
      }));
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('previous', 'first'),
        fc.constantFrom('newcombe', 'wald'),
        (rows, compareWith, method) => {
          check('engagementRates', ['rows'], () =>
            engagementRates(rows, { compareWith, method } as never),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('compareRates: finite for any rates and effective sample sizes', () => {
    const sample = fc.record({
      rate: fc.oneof(
        fc.constantFrom(0, 1, 5e-324, 1 - 2 ** -53),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      effectiveTrials: positive,
    });
    fc.assert(
      fc.property(sample, sample, fc.constantFrom('newcombe', 'wald'), (a, b, method) => {
        check('compareRates', ['a', 'b', 'options'], () => compareRates(a, b, { method }));
      }),
      { numRuns: 500 },
    );
  });

  it('fatigue: finite, or an error naming the rows, for huge sends and periods', () => {
    const row = fc
      .record({
        period: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(1e15, 1e300, -1e300)),
        x: count,
        y: count,
      })
      .map(({ period, x, y }) => ({ period, sends: Math.max(x, y), clicks: Math.min(x, y) }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 6 }), (rows) => {
        check('fatigue', ['rows'], () =>
          fatigue(rows, { fields: { period: 'period', trials: 'sends', successes: 'clicks' } }),
        );
      }),
      { numRuns: 300 },
    );
  });

  const emailEvent = fc.record({
    customerId: fc.constantFrom('ann', 'bob'),
    behaviour: fc.constantFrom('emailDelivered', 'emailOpen', 'emailClick', 'purchase', 'referral'),
    at: instant,
    campaign: fc.constantFrom('spring', 'autumn'),
  });
  const by = fc.constantFrom('campaign', 'day', 'week', 'month');
  const timeZone = fc.constantFrom('UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Dublin');

  for (const [name, rate] of [
    ['openRate', openRate],
    ['clickThroughRate', clickThroughRate],
    ['clickToOpenRate', clickToOpenRate],
  ] as const) {
    it(`${name}: finite, within [0, 1], for sends at the ends of the range of a Date in any zone`, () => {
      fc.assert(
        fc.property(
          fc.array(emailEvent, { maxLength: 10 }),
          by,
          timeZone,
          (events, grouping, zone) => {
            check(name, ['events', 'options'], () =>
              rate(events, { by: grouping, timeZone: zone } as never),
            );
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  for (const [name, rate, option] of [
    ['repeatPurchaseRate', repeatPurchaseRate, 'purchase'],
    ['referralRate', referralRate, 'referral'],
  ] as const) {
    it(`${name}: finite, within [0, 1], for events at the ends of the range of a Date`, () => {
      fc.assert(
        fc.property(
          fc.array(emailEvent, { maxLength: 10 }),
          fc.constantFrom('day', 'week', 'month'),
          timeZone,
          (events, grouping, zone) => {
            check(name, ['events', 'options'], () =>
              rate(events, { by: grouping, timeZone: zone, [option]: option } as never),
            );
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  const visit = fc.record({ userId: fc.constantFrom('ann', 'bob'), at: instant });
  it('visitFrequency and timeBetweenVisits: finite for visits at the ends of the range of a Date', () => {
    fc.assert(
      fc.property(
        fc.array(visit, { maxLength: 10 }),
        fc.oneof(fc.constantFrom(1, 8.64e15, 1.728e16), fc.integer({ min: 1, max: 86_400_000 })),
        (visits, visitTimeout) => {
          check('visitFrequency', ['activity', 'options'], () =>
            visitFrequency(visits, { visitTimeout }),
          );
          check('timeBetweenVisits', ['activity', 'options'], () =>
            timeBetweenVisits(visits, { visitTimeout }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sessionDuration: finite for sessions spanning the whole range of a Date', () => {
    const session = fc
      .tuple(instant, instant)
      .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(session, { maxLength: 10 }), (sessions) => {
        check('sessionDuration', ['sessions', 'options'], () => sessionDuration(sessions));
      }),
      { numRuns: 300 },
    );
  });
});
