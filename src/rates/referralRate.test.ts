import { describe, expect, it } from 'vitest';
import { referralRate } from './referralRate.js';

describe('referralRate', () => {
  const events = [
    { customerId: 'ann', behaviour: 'purchase', at: 0 },
    { customerId: 'ann', behaviour: 'referral', at: 10 },
    { customerId: 'ann', behaviour: 'referral', at: 20 },
    { customerId: 'bo', behaviour: 'purchase', at: 5 },
    { customerId: 'cy', behaviour: 'siteVisit', at: 7 },
    { customerId: 'cy', behaviour: 'referral', at: 8 },
    { customerId: 'di', behaviour: 'siteVisit', at: 9 },
  ];

  it('is customers who referred over customers with any event; many referrals count once', () => {
    expect(referralRate(events)).toMatchObject({
      successes: 2,
      trials: 4,
      rate: 0.5,
      unmatched: 0,
    });
  });

  it('over eligible customers only, a referral by another customer is unmatched', () => {
    expect(referralRate(events, { eligible: 'purchase' })).toMatchObject({
      successes: 1,
      trials: 2,
      unmatched: 1,
    });
  });

  it('reads every event when every customer counts, and reports bad ones', () => {
    expect(() =>
      referralRate([
        ...events,
        { customerId: 'eve', behaviour: 'siteVisit', at: '2026-01-01' },
      ] as never),
    ).toThrow(/^referralRate: events\[7\]\.at must be a point in time/);
    expect(() => referralRate([], { eligible: 'purchase' })).toThrow(
      "referralRate: no eligible customer ('purchase') in the events",
    );
  });
});
