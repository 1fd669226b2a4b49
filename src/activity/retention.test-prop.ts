import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../time/epochDay.js';
import { retention } from './retention.js';

const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 1);
const row = fc.record({
  userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  at: fc.integer({ min: origin, max: origin + 40 * DAY }),
});
const activity = fc.array(row, { minLength: 1, maxLength: 80 });
const asOf = fc.integer({ min: origin + 40 * DAY, max: origin + 60 * DAY });
const timeZone = fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kathmandu');
const days = [0, 1, 2, 3, 7, 14, 30];

describe('retention properties', () => {
  it('rates are within [0, 1] and retained never exceeds eligible', () => {
    fc.assert(
      fc.property(
        activity,
        asOf,
        timeZone,
        fc.constantFrom('on' as const, 'onOrAfter' as const),
        (rows, at, zone, mode) => {
          for (const result of retention(rows, { days, mode, asOf: at, timeZone: zone })) {
            expect(result.retained).toBeLessThanOrEqual(result.eligible);
            if (result.rate === null) expect(result.eligible).toBe(0);
            else {
              expect(result.rate).toBeGreaterThanOrEqual(0);
              expect(result.rate).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });

  it("'onOrAfter' retains at least as many users as 'on', from the same eligible users", () => {
    fc.assert(
      fc.property(activity, asOf, timeZone, (rows, at, zone) => {
        const on = retention(rows, { days, mode: 'on', asOf: at, timeZone: zone });
        const later = retention(rows, { days, mode: 'onOrAfter', asOf: at, timeZone: zone });
        on.forEach((result, i) => {
          expect(later[i]!.eligible).toBe(result.eligible);
          expect(later[i]!.retained).toBeGreaterThanOrEqual(result.retained);
        });
      }),
    );
  });

  it('fewer users are eligible for a later day', () => {
    fc.assert(
      fc.property(activity, asOf, (rows, at) => {
        const results = retention(rows, { days, asOf: at });
        for (let i = 1; i < results.length; i++) {
          expect(results[i]!.eligible).toBeLessThanOrEqual(results[i - 1]!.eligible);
        }
      }),
    );
  });

  it("a one-day bracket in 'within' mode equals 'on' that day", () => {
    fc.assert(
      fc.property(activity, asOf, timeZone, (rows, at, zone) => {
        const on = retention(rows, { days, asOf: at, timeZone: zone });
        const within = retention(rows, { days, mode: 'within', asOf: at, timeZone: zone });
        expect(within.map(({ lastDay: _, ...rest }) => rest)).toEqual(on);
      }),
    );
  });

  it('the order of the activity rows does not matter', () => {
    fc.assert(
      fc.property(activity, asOf, (rows, at) => {
        const reversed = [...rows].reverse();
        expect(retention(reversed, { days, asOf: at })).toEqual(
          retention(rows, { days, asOf: at }),
        );
      }),
    );
  });

  it('agrees with a naive per-user set of local days', () => {
    fc.assert(
      fc.property(activity, asOf, timeZone, (rows, at, zone) => {
        const asOfDay = epochDay(at, { timeZone: zone });
        const byUser = new Map<string, Set<number>>();
        for (const row of rows) {
          if (row.at > at) continue;
          const day = epochDay(row.at, { timeZone: zone });
          byUser.set(row.userId, (byUser.get(row.userId) ?? new Set()).add(day));
        }
        const expected = days.map((n) => {
          let eligible = 0;
          let retained = 0;
          for (const set of byUser.values()) {
            const day0 = Math.min(...set);
            if (day0 + n >= asOfDay) continue;
            eligible++;
            if (set.has(day0 + n)) retained++;
          }
          return { day: n, eligible, retained, rate: eligible > 0 ? retained / eligible : null };
        });
        expect(retention(rows, { days, asOf: at, timeZone: zone })).toEqual(expected);
      }),
    );
  });
});
