import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortTable } from './cohortTable.js';
import { lifecycle } from './lifecycle.js';
import { retention } from './retention.js';
import { retentionCurve } from './retentionCurve.js';

const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 1);
const activity = fc.array(
  fc.record({
    userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    at: fc.integer({ min: origin, max: origin + 90 * DAY }),
  }),
  { minLength: 1, maxLength: 100 },
);
const asOf = fc.integer({ min: origin + 90 * DAY, max: origin + 120 * DAY });
const period = fc.constantFrom('day' as const, 'week' as const, 'month' as const);
const timeZone = fc.constantFrom('UTC', 'Asia/Tokyo', 'America/New_York');
const weekStartsOn = fc.constantFrom(0 as const, 1 as const, 6 as const);

describe('cohort table, lifecycle and retention curve properties', () => {
  it('cohort rates are within [0, 1], null exactly on incomplete cells, and sizes add up to the users', () => {
    fc.assert(
      fc.property(activity, asOf, period, timeZone, weekStartsOn, (rows, at, unit, zone, start) => {
        const table = cohortTable(rows, {
          period: unit,
          asOf: at,
          timeZone: zone,
          weekStartsOn: start,
        });
        const users = new Set(rows.map((row) => row.userId)).size;
        expect(table.reduce((sum, row) => sum + row.size, 0)).toBe(users);
        for (const row of table) {
          expect(row.cells[0]?.active).toBe(row.size);
          for (const cell of row.cells) {
            expect(cell.active).toBeLessThanOrEqual(row.size);
            if (cell.complete) {
              expect(cell.rate).toBe(cell.active / row.size);
            } else expect(cell.rate).toBeNull();
          }
          expect(row.cells.filter((cell) => !cell.complete)).toHaveLength(1);
        }
      }),
    );
  });

  it('lifecycle: active = new + returning + resurrecting, and last active = returning + dormant', () => {
    fc.assert(
      fc.property(activity, asOf, period, timeZone, (rows, at, unit, zone) => {
        const report = lifecycle(rows, { period: unit, asOf: at, timeZone: zone });
        const users = new Set(rows.map((row) => row.userId)).size;
        expect(report.reduce((sum, row) => sum + row.new, 0)).toBe(users);
        report.forEach((row, i) => {
          expect(row.active).toBe(row.new + row.returning + row.resurrecting);
          const before = i === 0 ? 0 : report[i - 1]!.active;
          expect(row.returning + row.dormant).toBe(before);
        });
      }),
    );
  });

  it('the retention curve is retention on every day from 0 to lastDay', () => {
    fc.assert(
      fc.property(
        activity,
        asOf,
        timeZone,
        fc.integer({ min: 0, max: 40 }),
        (rows, at, zone, lastDay) => {
          const days = Array.from({ length: lastDay + 1 }, (_, day) => day);
          expect(retentionCurve(rows, { lastDay, asOf: at, timeZone: zone })).toEqual(
            retention(rows, { days, asOf: at, timeZone: zone }),
          );
        },
      ),
    );
  });
});
