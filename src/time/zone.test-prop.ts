import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDay } from './calendarDay.js';
import { epochDay } from './epochDay.js';
import { civilFromDays, daysFromCivil, formatDay, periodIndex, periodStart } from './zone.js';

/** Ten zones, among them three whose historic offsets are minutes and seconds off the hour. */
const zones = [
  'UTC',
  'Africa/Monrovia',
  'Europe/Lisbon',
  'Europe/Dublin',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'America/New_York',
];
const instant = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) });

/** The local date of `at` in `timeZone` as Intl.DateTimeFormat writes it, `YYYY-MM-DD`. */
function intlDay(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

describe('calendar day properties', () => {
  it("the local date is Intl's on 3,000 random instants in 10 zones, historic offsets included", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (at, timeZone) => {
        expect(calendarDay(at, { timeZone })).toBe(intlDay(at, timeZone));
      }),
      { numRuns: 3000 },
    );
  });

  it("the local date is Intl's just before and after each zone's offset changes", () => {
    // an hour whose two ends have different offsets is read per instant
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3_600_000 }),
        (at, timeZone, within) => {
          const hour = Math.floor(at / 3_600_000) * 3_600_000;
          expect(calendarDay(hour + within, { timeZone })).toBe(intlDay(hour + within, timeZone));
        },
      ),
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
