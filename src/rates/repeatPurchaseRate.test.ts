import { describe, expect, it } from 'vitest';
import { engagementRate } from './engagementRate.js';
import { repeatPurchaseRate } from './repeatPurchaseRate.js';

const DAY = 86_400_000;

describe('repeatPurchaseRate', () => {
  it('is customers with two or more purchases over customers with one or more', () => {
    // ECDB's worked example: 500 returning customers of 2,000 who bought in the week: 25%.
    const events = Array.from({ length: 2000 }, (_, i) => [
      { customerId: i, behaviour: 'purchase', at: i },
      ...(i < 500 ? [{ customerId: i, behaviour: 'purchase', at: i + DAY }] : []),
    ]).flat();
    expect(repeatPurchaseRate(events)).toEqual({
      ...engagementRate(500, 2000),
      unmatched: 0,
      groups: [],
    });
  });

  it("counts orders, not their size: a purchase's weight is not read", () => {
    const events = [
      { customerId: 'a', behaviour: 'purchase', at: 0, weight: 3 },
      { customerId: 'b', behaviour: 'order', at: 0 },
      { customerId: 'b', behaviour: 'order', at: DAY },
    ];
    expect(repeatPurchaseRate(events).rate).toBe(0);
    expect(repeatPurchaseRate(events, { purchase: 'order' }).rate).toBe(1);
  });

  it('gives cohorts by the month of the first purchase', () => {
    const events = [
      { customerId: 'a', behaviour: 'purchase', at: Date.UTC(2026, 0, 31) },
      { customerId: 'a', behaviour: 'purchase', at: Date.UTC(2026, 1, 3) },
      { customerId: 'b', behaviour: 'purchase', at: Date.UTC(2026, 0, 2) },
      { customerId: 'c', behaviour: 'purchase', at: Date.UTC(2026, 1, 9) },
    ];
    const cohorts = repeatPurchaseRate(events, { by: 'month' });
    expect(cohorts.groups.map((cohort) => [cohort.group, cohort.successes, cohort.trials])).toEqual(
      [
        ['2026-01-01', 1, 2],
        ['2026-02-01', 0, 1],
      ],
    );
    expect(() => repeatPurchaseRate(events, { by: 'campaign' as never })).toThrow(
      "repeatPurchaseRate: options.by must be 'day' or 'week' or 'month', got \"campaign\"",
    );
  });
});
