import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { churnRate } from './churnRate.js';
import { lifetimeValue } from './lifetimeValue.js';
import { tripwire } from './tripwire.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('churnRate', () => {
  it('divides customers lost by customers at the start', () => {
    expect(churnRate(400, 18)).toBe(0.045);
    expect(churnRate(5, 0)).toBe(0);
    expect(churnRate(5, 5)).toBe(1);
  });

  it('throws INVALID_OPTION when more are lost than there were, naming lost', () => {
    const error = thrown(() => churnRate(3, 4));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['lost']);
    expect((error as Error).message).toMatch(/^churnRate: lost \(4\) must not exceed/);
  });

  it('throws INVALID_OPTION for a count that is not a whole number', () => {
    const error = thrown(() => churnRate(2.5, 1));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^churnRate: atStart must be a whole number/);
  });

  it('throws EMPTY_INPUT for an empty base', () => {
    const error = thrown(() => churnRate(0, 0));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^churnRate: atStart is 0/);
  });
});

describe('lifetimeValue', () => {
  it('multiplies value, frequency, lifespan and margin in the simple form', () => {
    // 50 x 2 per month x 24 months x 30% margin = 720.
    expect(
      lifetimeValue({
        method: 'simple',
        averageOrderValue: 50,
        purchaseFrequency: 2,
        lifespan: 24,
        margin: 0.3,
      }),
    ).toBe(720);
  });

  it('discounts the simple form as an annuity paid at the start of each period', () => {
    // 3 periods of 100 at 10%: 100 + 100 / 1.1 + 100 / 1.21 = 273.5537...
    const value = lifetimeValue({
      method: 'simple',
      averageOrderValue: 100,
      purchaseFrequency: 1,
      lifespan: 3,
      discountRate: 0.1,
    });
    expect(value).toBeCloseTo(100 + 100 / 1.1 + 100 / 1.21, 10);
  });

  it('gives ARPU x margin / churn in the churn form, and m (1 + d) / (d + c) discounted', () => {
    expect(lifetimeValue({ method: 'churn', arpu: 30, churnRate: 0.05, margin: 0.8 })).toBe(480);
    // Sum of 24 x 0.95^t / 1.01^t over t >= 0 = 24 x 1.01 / 0.06 = 404 (geometric series).
    expect(
      lifetimeValue({
        method: 'churn',
        arpu: 30,
        churnRate: 0.05,
        margin: 0.8,
        discountRate: 0.01,
      }),
    ).toBeCloseTo(404, 10);
  });

  it('throws INVALID_OPTION for a churn rate of 0, naming options.churnRate', () => {
    const error = thrown(() => lifetimeValue({ method: 'churn', arpu: 30, churnRate: 0 }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'churnRate']);
    expect((error as Error).message).toMatch(
      /^lifetimeValue: options\.churnRate must be more than 0/,
    );
  });

  it('throws INVALID_OPTION for a margin above 1 and an unknown method', () => {
    const margin = thrown(() =>
      lifetimeValue({ method: 'churn', arpu: 30, churnRate: 0.1, margin: 30 }),
    );
    expect(isEngagekitError(margin, 'INVALID_OPTION')).toBe(true);
    expect((margin as Error).message).toMatch(/options\.margin must be between 0 and 1/);
    const method = thrown(() => lifetimeValue({ method: 'magic' } as never));
    expect(isEngagekitError(method, 'INVALID_OPTION')).toBe(true);
    expect((method as Error).message).toMatch(/^lifetimeValue: options\.method/);
  });
});

describe('tripwire', () => {
  const day = 86_400_000;

  it('splits users into missed, pending and done, counting only the window after the start', () => {
    const starts = [
      { userId: 'early', at: 0 }, // did it before its start only: missed
      { userId: 'edge', at: 0 }, // did it exactly at start + 7 days: done
      { userId: 'late', at: 0 }, // did it on day 8: missed
      { userId: 'new', at: 8 * day }, // window open until day 15: pending
      { userId: 'future', at: 20 * day }, // starts after asOf: left out
    ];
    const key = [
      { userId: 'early', at: -day },
      { userId: 'edge', at: 7 * day },
      { userId: 'late', at: 8 * day },
      { userId: 'stranger', at: day },
    ];
    expect(tripwire(starts, key, { within: { days: 7 }, asOf: 10 * day })).toEqual({
      missed: ['early', 'late'],
      pending: ['new'],
      done: ['edge'],
    });
  });

  it('ignores key activity after asOf', () => {
    const result = tripwire([{ userId: 'a', at: 0 }], [{ userId: 'a', at: 2 * day }], {
      within: { days: 7 },
      asOf: day,
    });
    expect(result).toEqual({ missed: [], pending: ['a'], done: [] });
  });

  it('throws INVALID_ACTIVITY naming a bad start row', () => {
    const error = thrown(() =>
      tripwire([{ userId: 'a', at: 'yesterday' as never }], [], { within: 1, asOf: 0 }),
    );
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['starts', 0, 'at']);
    expect((error as Error).message).toMatch(/^tripwire: starts\[0\]\.at must be a point in time/);
  });

  it('throws INVALID_OPTION for a negative window, naming options.within', () => {
    const error = thrown(() => tripwire([], [], { within: -1, asOf: 0 }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^tripwire: options\.within/);
  });
});

describe('lifetimeValue, churnRate and tripwire at the edges (hostile input)', () => {
  it('throws OVERFLOW at options when the value is beyond the largest number, never Infinity (issue 21)', () => {
    for (const options of [
      { method: 'simple', averageOrderValue: 1e308, purchaseFrequency: 1e308, lifespan: 1 },
      { method: 'churn', arpu: 1e308, churnRate: 1e-300 },
    ] as const) {
      const error = thrown(() => lifetimeValue(options));
      expect(isEngagekitError(error, 'OVERFLOW')).toBe(true);
      expect(isEngagekitError(error) && error.path).toEqual(['options']);
      expect((error as Error).message).toMatch(/^lifetimeValue: the lifetime value is larger/);
    }
  });

  it('gives the finite value where only a partial product overflowed', () => {
    // 1e200 x 1e200 x 1e-300 = 1e100; arpu 1e-300 at churn 1e-320 is 1e20 (1e-320 is a subnormal,
    // stored as 9.99989e-321, hence the plain quotient as the reference).
    expect(
      lifetimeValue({
        method: 'simple',
        averageOrderValue: 1e200,
        purchaseFrequency: 1e200,
        lifespan: 1e-300,
      }) / 1e100,
    ).toBeCloseTo(1, 12);
    expect(
      lifetimeValue({ method: 'churn', arpu: 1e-300, churnRate: 1e-320 }) / (1e-300 / 1e-320),
    ).toBeCloseTo(1, 12);
  });

  it('discounts at extreme rates without 0 / 0: a rate of 1e-320 is no discount, 1e308 leaves one period', () => {
    // (1 - (1 + d)^-L) / (1 - 1 / (1 + d)) -> L as d -> 0, and -> 1 as d -> Infinity.
    const base = { method: 'simple', averageOrderValue: 10, purchaseFrequency: 2 } as const;
    expect(lifetimeValue({ ...base, lifespan: 12, discountRate: 1e-320 })).toBeCloseTo(240, 10);
    expect(lifetimeValue({ ...base, lifespan: 12, discountRate: 1e308 })).toBe(20);
    // 20 per period for nearly 1e308 periods is beyond the largest number: an error, not Infinity.
    expect(
      isEngagekitError(
        thrown(() => lifetimeValue({ ...base, lifespan: 1e308, discountRate: 1e-320 })),
        'OVERFLOW',
      ),
    ).toBe(true);
    expect(lifetimeValue({ ...base, lifespan: 1e300, discountRate: 1e-320 }) / 2e301).toBeCloseTo(
      1,
      6,
    );
  });

  it('rejects null options and reports every bad field', () => {
    expect(
      isEngagekitError(
        thrown(() => lifetimeValue(null as never)),
        'INVALID_OPTION',
      ),
    ).toBe(true);
    const error = thrown(() =>
      lifetimeValue({ method: 'churn', arpu: -1, churnRate: 2, margin: 2, colour: 1 } as never),
    );
    expect(isEngagekitError(error) && error.issues.map((issue) => issue.path)).toEqual([
      ['options'],
      ['options', 'margin'],
      ['options', 'arpu'],
      ['options', 'churnRate'],
    ]);
    const both = thrown(() => churnRate(-1, 0.5));
    expect(isEngagekitError(both) && both.issues.map((issue) => issue.path)).toEqual([
      ['atStart'],
      ['lost'],
    ]);
  });

  it('tripwire rejects null options and reports every bad row', () => {
    expect(
      isEngagekitError(
        thrown(() => tripwire([], [], null as never)),
        'INVALID_OPTION',
      ),
    ).toBe(true);
    const error = thrown(() =>
      tripwire([{ userId: 'a', at: 1e300 }, null as never], [{ userId: 3 as never, at: 0 }], {
        within: 1,
        asOf: 0,
      }),
    );
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect(isEngagekitError(error) && error.issues.map((issue) => issue.path)).toEqual([
      ['starts', 0, 'at'],
      ['starts', 1],
      ['keyActivity', 0, 'userId'],
    ]);
  });
});
