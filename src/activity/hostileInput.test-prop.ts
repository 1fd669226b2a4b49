import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finiteOrRefused,
  anything as hostile,
  extremeNumber as hostileNumber,
  mostly,
  options,
} from '../../test/hostileDomainInput.js';
import { activeUsers } from './activeUsers.js';
import { churnRate } from './churnRate.js';
import { cohortTable } from './cohortTable.js';
import { kaplanMeier } from './kaplanMeier.js';
import { lifecycle } from './lifecycle.js';
import { lifetimeValue } from './lifetimeValue.js';
import { medianSurvivalTime } from './medianSurvivalTime.js';
import { powerUserCurve } from './powerUserCurve.js';
import { retention } from './retention.js';
import { retentionCurve } from './retentionCurve.js';
import { stickiness } from './stickiness.js';
import { tripwire } from './tripwire.js';

const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 1);
/** Instants: mostly within 90 days of 2026-01-01, sometimes at or beyond the edges of a Date. */
const instant = mostly(
  fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: origin, max: origin + 90 * DAY }) },
    {
      weight: 5,
      arbitrary: fc.integer({ min: origin, max: origin + 90 * DAY }).map((ms) => new Date(ms)),
    },
    { weight: 1, arbitrary: fc.constantFrom(-8.64e15, 8.64e15, -62_135_596_800_000, 0) },
  ),
  fc.oneof(hostileNumber, fc.constantFrom(8.64e15 + 1, -1e308, new Date(Number.NaN)), hostile),
);
/** The instant of a row: now and then beyond the range of a Date (-1e308 wrapped into 1970). */
const rowInstant = mostly(
  fc.integer({ min: origin, max: origin + 90 * DAY }),
  fc.oneof(instant, fc.constantFrom(-1e308, 8.64e15 + 1, -8.64e15 - 1)),
  30,
);
/** Rows: a bad one now and then among good ones, so that a call can succeed with it. */
const row = mostly(
  fc.record({
    userId: mostly(fc.constantFrom('a', 'b', 'c', 'd', 'e'), hostile, 40),
    at: rowInstant,
  }),
  hostile,
  40,
);
const activity = mostly(
  fc.oneof(fc.array(row, { maxLength: 30 }), fc.sparseArray(row, { maxLength: 6 })),
);
const timeZone = mostly(
  fc.constantFrom(undefined, 'UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Nowhere'),
);
const period = mostly(fc.constantFrom('day', 'week', 'month'));
const days = mostly(fc.integer({ min: 1, max: 40 }), hostileNumber);

/** Whether every row is `{ userId: string, at }` with `at` within the range of a Date. */
function wellFormed(rows: unknown): boolean {
  return (
    Array.isArray(rows) &&
    Array.from(rows).every((row: { userId?: unknown; at?: unknown } | undefined) => {
      const millis =
        typeof row?.at === 'number' ? row.at : row?.at instanceof Date ? row.at.getTime() : NaN;
      return typeof row?.userId === 'string' && Math.abs(millis) <= 8.64e15;
    })
  );
}

/** The rates of rows are shares, or null where nobody is eligible yet. */
function expectRates(rows: readonly { rate: number | null }[]): void {
  for (const { rate } of rows) {
    if (rate !== null) {
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
  }
}

describe('every activity function, on any input: a finite, correct result or an EngagekitError with a path', () => {
  it('retention, retentionCurve, cohortTable and lifecycle', () => {
    const day = mostly(fc.integer({ min: 0, max: 40 }), hostileNumber);
    fc.assert(
      fc.property(
        activity,
        options({
          days: mostly(fc.array(fc.oneof(day, fc.tuple(day, day)), { maxLength: 4 })),
          mode: mostly(fc.constantFrom('on', 'onOrAfter', 'within')),
          asOf: instant,
          timeZone,
          start: mostly(fc.constant(undefined), fc.array(row, { maxLength: 4 })),
        }),
        options({
          lastDay: day,
          asOf: instant,
          timeZone,
          mode: mostly(fc.constantFrom('on', 'onOrAfter')),
        }),
        options({
          period,
          asOf: instant,
          offsets: mostly(fc.constantFrom(undefined, 1, 5), hostileNumber),
          weekStartsOn: mostly(fc.integer({ min: 0, max: 6 })),
          timeZone,
        }),
        (rows, forRetention, forCurve, forTables) => {
          finiteOrRefused(
            'retention',
            () => retention(rows as never, forRetention as never),
            (result) => {
              // Never an instant beyond the range of a Date (-1e308 once wrapped into 1970).
              expect(wellFormed(rows)).toBe(true);
              for (const r of result) expect(r.retained).toBeLessThanOrEqual(r.eligible);
              expectRates(result);
            },
          );
          finiteOrRefused(
            'retentionCurve',
            () => retentionCurve(rows as never, forCurve as never),
            (result) => {
              expect(result.length).toBe((forCurve as { lastDay: number }).lastDay + 1);
              expectRates(result);
            },
          );
          finiteOrRefused(
            'cohortTable',
            () => cohortTable(rows as never, forTables as never),
            (result) => {
              expect(wellFormed(rows)).toBe(true);
              // Bounded like lifecycle: never more than a million cells.
              expect(
                result.reduce((sum, cohort) => sum + cohort.cells.length, 0),
              ).toBeLessThanOrEqual(1_000_000);
              for (const cohort of result) {
                for (const cell of cohort.cells)
                  expect(cell.active).toBeLessThanOrEqual(cohort.size);
                expectRates(cohort.cells);
              }
            },
          );
          finiteOrRefused(
            'lifecycle',
            () => lifecycle(rows as never, forTables as never),
            (result) => {
              expect(wellFormed(rows)).toBe(true);
              for (const r of result) expect(r.active).toBe(r.new + r.returning + r.resurrecting);
            },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('activeUsers, stickiness, powerUserCurve and tripwire', () => {
    fc.assert(
      fc.property(
        activity,
        instant,
        mostly(fc.constantFrom('day', 'week', 'month')),
        options({ timeZone, days }),
        options({ at: instant, days, timeZone }),
        options({
          within: mostly(fc.oneof(fc.nat(), fc.constant({ days: 7 })), hostileNumber),
          asOf: instant,
        }),
        activity,
        (rows, at, length, forWindow, forCurve, forTripwire, keyActivity) => {
          const users = new Set(
            Array.isArray(rows) ? rows.map((r) => (r as { userId?: unknown })?.userId) : [],
          ).size;
          finiteOrRefused(
            'activeUsers',
            () => activeUsers(rows as never, at as never, length as never, forWindow as never),
            (count) => {
              expect(Number.isInteger(count) && count >= 0 && count <= users).toBe(true);
            },
          );
          finiteOrRefused(
            'stickiness',
            () => stickiness(rows as never, at as never, forWindow as never),
            (ratio) => {
              expect(ratio).toBeGreaterThan(0);
              expect(ratio).toBeLessThanOrEqual(1);
            },
          );
          finiteOrRefused(
            'powerUserCurve',
            () => powerUserCurve(rows as never, forCurve as never),
            (curve) => {
              expect(curve.reduce((sum, k) => sum + k, 0)).toBeLessThanOrEqual(users);
            },
          );
          finiteOrRefused(
            'tripwire',
            () => tripwire(rows as never, keyActivity as never, forTripwire as never),
            (result) => {
              const all = [...result.missed, ...result.pending, ...result.done];
              expect(new Set(all).size).toBe(all.length);
            },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('kaplanMeier, medianSurvivalTime, lifetimeValue and churnRate', () => {
    const duration = mostly(
      fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(Number.MAX_VALUE)),
      hostileNumber,
    );
    const money = mostly(
      fc.oneof(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.constantFrom(0, 5e-324, 1e-300, 1e200, Number.MAX_VALUE),
      ),
      hostileNumber,
    );
    const rate = mostly(
      fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(5e-324, 1e-320, 1e-300, 1, 1e308),
      ),
      hostileNumber,
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(duration, mostly(fc.boolean())), { maxLength: 20 }),
        options({
          method: mostly(fc.constantFrom('simple', 'churn')),
          averageOrderValue: money,
          purchaseFrequency: money,
          lifespan: money,
          arpu: money,
          churnRate: rate,
          margin: rate,
          discountRate: rate,
        }),
        fc.tuple(
          mostly(fc.nat({ max: 100 }), hostileNumber),
          mostly(fc.nat({ max: 100 }), hostileNumber),
        ),
        (pairs, forValue, [atStart, lost]) => {
          const durations = pairs.map(([d]) => d) as number[];
          const observed = pairs.map(([, seen]) => seen) as boolean[];
          let table: ReturnType<typeof kaplanMeier> | undefined;
          finiteOrRefused(
            'kaplanMeier',
            () => kaplanMeier(durations, observed),
            (rows) => {
              table = rows;
              let previous = 1;
              for (const r of rows) {
                expect(r.survival).toBeLessThanOrEqual(previous);
                expect(r.survival).toBeGreaterThanOrEqual(0);
                previous = r.survival;
              }
            },
          );
          if (table !== undefined) {
            finiteOrRefused(
              'medianSurvivalTime',
              () => medianSurvivalTime(table!),
              (median) => {
                if (median !== null) {
                  expect(median).toBeGreaterThanOrEqual(table![0]!.time);
                  expect(median).toBeLessThanOrEqual(table!.at(-1)!.time);
                }
              },
            );
          }
          finiteOrRefused(
            'lifetimeValue',
            () => lifetimeValue(forValue as never),
            (value) => expect(value).toBeGreaterThanOrEqual(0),
          );
          finiteOrRefused(
            'churnRate',
            () => churnRate(atStart as number, lost as number),
            (share) => {
              expect(share).toBeGreaterThanOrEqual(0);
              expect(share).toBeLessThanOrEqual(1);
            },
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
