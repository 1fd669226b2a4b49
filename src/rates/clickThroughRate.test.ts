import { describe, expect, it } from 'vitest';
import { clickThroughRate } from './clickThroughRate.js';
import { engagementRate } from './engagementRate.js';

const DAY = 86_400_000;

describe('clickThroughRate', () => {
  it('is unique clickers over delivered recipients: many clicks of one recipient count once', () => {
    const events = [
      ...Array.from({ length: 200 }, (_, i) => ({
        customerId: `c${i}`,
        behaviour: 'emailDelivered',
        at: 0,
        campaign: 'oct',
      })),
      ...Array.from({ length: 9 }, (_, i) => ({
        customerId: `c${i}`,
        behaviour: 'emailClick',
        at: 1000 + i,
        campaign: 'oct',
      })),
      { customerId: 'c0', behaviour: 'emailClick', at: 5000, campaign: 'oct' },
      { customerId: 'c0', behaviour: 'emailOpen', at: 900, campaign: 'oct' },
    ];
    expect(clickThroughRate(events)).toEqual({
      ...engagementRate(9, 200),
      unmatched: 0,
      groups: [],
    });
  });

  it('counts clicks of recipients with no delivery as unmatched', () => {
    const events = [
      { customerId: 'a', behaviour: 'emailDelivered', at: 0 },
      { customerId: 'a', behaviour: 'emailClick', at: 1 },
      { customerId: 'b', behaviour: 'emailClick', at: 1 },
    ];
    expect(clickThroughRate(events)).toMatchObject({ successes: 1, trials: 1, unmatched: 1 });
  });

  it('groups by month of delivery and compares each month with the first', () => {
    const events = [
      { customerId: 'a', behaviour: 'emailDelivered', at: Date.UTC(2026, 0, 5) },
      { customerId: 'a', behaviour: 'emailClick', at: Date.UTC(2026, 0, 6) },
      { customerId: 'b', behaviour: 'emailDelivered', at: Date.UTC(2026, 0, 20) },
      { customerId: 'c', behaviour: 'emailDelivered', at: Date.UTC(2026, 1, 2), campaign: 'feb' },
      { customerId: 'c', behaviour: 'emailClick', at: Date.UTC(2026, 1, 2) + DAY, campaign: 'feb' },
    ];
    const months = clickThroughRate(events, { by: 'month', compareWith: 'first' });
    expect(months.groups.map((month) => [month.group, month.successes, month.trials])).toEqual([
      ['2026-01-01', 1, 2],
      ['2026-02-01', 1, 1],
    ]);
    expect(months.groups[1]?.comparison?.difference).toBe(0.5);
  });

  it('refuses the clickImpliesOpen option, which has no meaning for it', () => {
    expect(() => clickThroughRate([], { clickImpliesOpen: true })).toThrow(
      /options\.clickImpliesOpen is not an option of clickThroughRate/,
    );
  });
});
