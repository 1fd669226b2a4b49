import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsers } from './activeUsers.js';
import { powerUserCurve } from './powerUserCurve.js';
import { stickiness } from './stickiness.js';

const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 1);
const activity = fc.array(
  fc.record({
    userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    at: fc.integer({ min: origin, max: origin + 60 * DAY }),
  }),
  { minLength: 1, maxLength: 150 },
);
const at = fc.integer({ min: origin + 20 * DAY, max: origin + 70 * DAY });
const timeZone = fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Adelaide');

describe('power-user curve and stickiness properties', () => {
  it('the power-user curve sums to the monthly active users', () => {
    fc.assert(
      fc.property(activity, at, timeZone, (rows, end, zone) => {
        const curve = powerUserCurve(rows, { at: end, timeZone: zone });
        const total = curve.reduce((sum, users) => sum + users, 0);
        expect(total).toBe(activeUsers(rows, end, 'month', { timeZone: zone }));
      }),
    );
  });

  it('mean active days / 30 over the curve equals stickiness over the same window', () => {
    fc.assert(
      fc.property(activity, at, timeZone, (rows, end, zone) => {
        const curve = powerUserCurve(rows, { at: end, timeZone: zone });
        const users = curve.reduce((sum, count) => sum + count, 0);
        fc.pre(users > 0);
        const activeDays = curve.reduce((sum, count, k) => sum + count * (k + 1), 0);
        expect(stickiness(rows, end, { timeZone: zone })).toBeCloseTo(activeDays / users / 30, 12);
      }),
    );
  });

  it('stickiness is within [1/30, 1]', () => {
    fc.assert(
      fc.property(activity, at, (rows, end) => {
        fc.pre(activeUsers(rows, end, 'month') > 0);
        const ratio = stickiness(rows, end);
        expect(ratio).toBeGreaterThanOrEqual(1 / 30);
        expect(ratio).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('DAU <= WAU <= MAU', () => {
    fc.assert(
      fc.property(activity, at, timeZone, (rows, end, zone) => {
        const daily = activeUsers(rows, end, 'day', { timeZone: zone });
        const weekly = activeUsers(rows, end, 'week', { timeZone: zone });
        expect(daily).toBeLessThanOrEqual(weekly);
        expect(weekly).toBeLessThanOrEqual(activeUsers(rows, end, 'month', { timeZone: zone }));
      }),
    );
  });
});
