import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickThroughRate } from './clickThroughRate.js';
import { clickToOpenRate } from './clickToOpenRate.js';
import { openRate } from './openRate.js';

/** Email events of a few customers and campaigns, every open and click after a delivery. */
const emailEvents = fc
  .array(
    fc.record({
      customer: fc.integer({ min: 0, max: 30 }),
      campaign: fc.constantFrom('a', 'b', 'c'),
      at: fc.integer({ min: 0, max: 60 * 86_400_000 }),
      opens: fc.nat({ max: 3 }),
      clicks: fc.nat({ max: 2 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((recipients) =>
    recipients.flatMap(({ customer, campaign, at, opens, clicks }) => [
      { customerId: `c${customer}`, behaviour: 'emailDelivered', at, campaign },
      ...Array.from({ length: opens }, (_, i) => ({
        customerId: `c${customer}`,
        behaviour: 'emailOpen',
        at: at + 1000 * (i + 1),
        campaign,
      })),
      ...Array.from({ length: clicks }, (_, i) => ({
        customerId: `c${customer}`,
        behaviour: 'emailClick',
        at: at + 5000 * (i + 1),
        campaign,
      })),
    ]),
  );

describe('email rate properties', () => {
  it('open rate x click-to-open rate = click-through rate (when every open follows a delivery)', () => {
    fc.assert(
      fc.property(emailEvents, (events) => {
        const open = openRate(events);
        const ctr = clickThroughRate(events);
        if (open.successes === 0) return;
        const ctor = clickToOpenRate(events);
        expect(ctor.trials).toBe(open.successes);
        expect(ctor.successes).toBe(ctr.successes);
        expect(open.rate * ctor.rate).toBeCloseTo(ctr.rate, 12);
      }),
    );
  });

  it('the order of the events and repeating them change nothing', () => {
    fc.assert(
      fc.property(emailEvents, fc.nat(), (events, seed) => {
        const shuffled = [...events, ...events].sort(
          (x, y) => ((x.at * 31 + seed) % 97) - ((y.at * 31 + seed) % 97),
        );
        expect(openRate(shuffled, { by: 'week' })).toEqual(openRate(events, { by: 'week' }));
        if (openRate(events).successes === 0) return;
        expect(clickToOpenRate(shuffled, { by: 'campaign' })).toEqual(
          clickToOpenRate(events, { by: 'campaign' }),
        );
      }),
    );
  });

  it('the groups add up to the whole', () => {
    fc.assert(
      fc.property(
        emailEvents,
        fc.constantFrom('campaign', 'day', 'week', 'month' as const),
        (events, by) => {
          const rate = clickThroughRate(events, { by });
          expect(rate.groups.reduce((sum, group) => sum + group.trials, 0)).toBe(rate.trials);
          expect(rate.groups.reduce((sum, group) => sum + group.successes, 0)).toBe(rate.successes);
        },
      ),
    );
  });
});
