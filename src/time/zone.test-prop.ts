import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDay } from './calendarDay.js';
import { epochDay } from './epochDay.js';
import { civilFromDays, daysFromCivil, formatDay, periodIndex, periodStart } from './zone.js';

const zones = [
  'UTC',
  'Asia/Tokyo',
  'America/New_York',
  'Europe/Amsterdam',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('calendar day properties', () => {
  it('the local date agrees with @date-fns/tz TZDate in every zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (at, timeZone) => {
        const local = new TZDate(at, timeZone);
        const expected = `${String(local.getFullYear()).padStart(4, '0')}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
        expect(calendarDay(at, { timeZone })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('day numbers never decrease as time goes on', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.constantFrom(...zones),
        (at, later, timeZone) => {
          expect(epochDay(at + later, { timeZone })).toBeGreaterThanOrEqual(
            epochDay(at, { timeZone }),
          );
        },
      ),
    );
  });

  it('civil dates and day numbers round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const [year, month, dayOfMonth] = civilFromDays(day);
        expect(daysFromCivil(year, month, dayOfMonth)).toBe(day);
        expect(formatDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('a period starts on or before each of its days and the next period starts after them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        fc.integer({ min: 0, max: 6 }),
        (day, period, weekStartsOn) => {
          const index = periodIndex(day, period, weekStartsOn);
          expect(periodStart(index, period, weekStartsOn)).toBeLessThanOrEqual(day);
          expect(periodStart(index + 1, period, weekStartsOn)).toBeGreaterThan(day);
          expect(periodIndex(periodStart(index, period, weekStartsOn), period, weekStartsOn)).toBe(
            index,
          );
        },
      ),
    );
  });
});
