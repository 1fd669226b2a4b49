import { describe, expect, it } from 'vitest';
import { clickToOpenRate } from './clickToOpenRate.js';

describe('clickToOpenRate', () => {
  const events = [
    { customerId: 'ann', behaviour: 'emailDelivered', at: 0, campaign: 'a' },
    { customerId: 'ann', behaviour: 'emailOpen', at: 10, campaign: 'a' },
    { customerId: 'ann', behaviour: 'emailClick', at: 20, campaign: 'a' },
    { customerId: 'bo', behaviour: 'emailOpen', at: 10, campaign: 'a' },
    { customerId: 'cy', behaviour: 'emailClick', at: 30, campaign: 'a' },
    { customerId: 'ann', behaviour: 'emailOpen', at: 10, campaign: 'b' },
  ];

  it('is unique clickers over unique openers, a click being an open', () => {
    const ctor = clickToOpenRate(events);
    // Openers: ann/a, bo/a, cy/a (inferred by the click), ann/b; clickers: ann/a, cy/a.
    expect(ctor).toMatchObject({ successes: 2, trials: 4, unmatched: 0, rate: 0.5 });
  });

  it('without inferred opens, a click with no open is unmatched', () => {
    const ctor = clickToOpenRate(events, { clickImpliesOpen: false });
    expect(ctor).toMatchObject({ successes: 1, trials: 3, unmatched: 1 });
  });

  it('groups by campaign in the order of their first open', () => {
    const ctor = clickToOpenRate(events, { by: 'campaign' });
    expect(ctor.groups.map((group) => [group.group, group.successes, group.trials])).toEqual([
      ['a', 2, 3],
      ['b', 0, 1],
    ]);
  });

  it('has no rate without an open', () => {
    expect(() =>
      clickToOpenRate([{ customerId: 'a', behaviour: 'emailDelivered', at: 0 }]),
    ).toThrow("clickToOpenRate: no open ('emailOpen') in the events");
  });
});
