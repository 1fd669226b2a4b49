import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { calendarDay } from './calendarDay.js';
import { calendarWeek } from './calendarWeek.js';
import { epochDay } from './epochDay.js';
import { civilFromDays, daysFromCivil, periodIndex, periodStart } from './zone.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('calendar days in a time zone', () => {
  // 2026-03-01T23:45Z is 08:45 on 2 March in Tokyo (UTC+9) and 18:45 on 1 March in New York
  // (UTC-5): hand-checked against the zones' offsets on that date.
  const lateSignUp = Date.parse('2026-03-01T23:45:00Z');
  const justAfterMidnight = Date.parse('2026-03-02T00:01:00Z');

  it('puts 23:45 UTC and 00:01 UTC on consecutive days in UTC', () => {
    expect(epochDay(justAfterMidnight) - epochDay(lateSignUp)).toBe(1);
  });

  it('puts both instants on the same local day east of UTC (Tokyo) and west of UTC (New York)', () => {
    for (const timeZone of ['Asia/Tokyo', 'America/New_York']) {
      expect(epochDay(justAfterMidnight, { timeZone })).toBe(epochDay(lateSignUp, { timeZone }));
    }
    expect(calendarDay(lateSignUp, { timeZone: 'Asia/Tokyo' })).toBe('2026-03-02');
    expect(calendarDay(lateSignUp, { timeZone: 'America/New_York' })).toBe('2026-03-01');
  });

  it('counts midnights, not 24-hour spans, across a daylight-saving change', () => {
    // Europe/Amsterdam springs forward on 2026-03-29: that day lasts 23 hours.
    const before = Date.parse('2026-03-28T23:30:00Z'); // 00:30 on 29 March, CET
    const after = Date.parse('2026-03-29T22:30:00Z'); // 00:30 on 30 March, CEST
    const timeZone = 'Europe/Amsterdam';
    expect(calendarDay(before, { timeZone })).toBe('2026-03-29');
    expect(calendarDay(after, { timeZone })).toBe('2026-03-30');
    expect(epochDay(after, { timeZone }) - epochDay(before, { timeZone })).toBe(1);
  });

  it('places local midnight on the day it starts, for a half-hour zone too', () => {
    // Asia/Kolkata is UTC+5:30, so local midnight of 2026-01-01 is 2025-12-31T18:30Z.
    const midnight = Date.parse('2025-12-31T18:30:00Z');
    expect(calendarDay(midnight, { timeZone: 'Asia/Kolkata' })).toBe('2026-01-01');
    expect(calendarDay(midnight - 1, { timeZone: 'Asia/Kolkata' })).toBe('2025-12-31');
  });

  it('numbers 1970-01-01 as day 0 and days before it negatively', () => {
    expect(epochDay(0)).toBe(0);
    expect(epochDay(-1)).toBe(-1);
    expect(calendarDay(-1)).toBe('1969-12-31');
  });

  it('starts weeks on Monday by default and on the given day otherwise', () => {
    const wednesday = Date.parse('2026-01-07T12:00:00Z');
    expect(calendarWeek(wednesday)).toBe('2026-01-05');
    expect(calendarWeek(wednesday, { weekStartsOn: 0 })).toBe('2026-01-04');
    expect(calendarWeek(wednesday, { weekStartsOn: 3 })).toBe('2026-01-07');
    expect(calendarWeek(wednesday, { weekStartsOn: 4 })).toBe('2026-01-01');
  });

  it('maps months and weeks to consecutive indices and back', () => {
    const day = daysFromCivil(2024, 2, 29);
    expect(civilFromDays(day)).toEqual([2024, 2, 29]);
    expect(periodIndex(day, 'month', 1)).toBe(2024 * 12 + 1);
    expect(periodStart(2024 * 12 + 1, 'month', 1)).toBe(daysFromCivil(2024, 2, 1));
    expect(periodStart(2024 * 12 + 11, 'month', 1)).toBe(daysFromCivil(2024, 12, 1));
    expect(periodStart(periodIndex(day, 'week', 1), 'week', 1)).toBe(daysFromCivil(2024, 2, 26));
  });

  it('rejects an unknown time zone with INVALID_OPTION naming options.timeZone', () => {
    const error = thrown(() => epochDay(0, { timeZone: 'Mars/Olympus_Mons' }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^epochDay: options\.timeZone must be an IANA/);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'timeZone']);
  });

  it('rejects a weekStartsOn outside 0..6 with INVALID_OPTION naming options.weekStartsOn', () => {
    const error = thrown(() => calendarWeek(0, { weekStartsOn: 7 as 0 }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^calendarWeek: options\.weekStartsOn must be/);
  });

  it('rejects an instant that is not a point in time with INVALID_INSTANT naming at', () => {
    const error = thrown(() => calendarDay(Number.NaN));
    expect(isEngagekitError(error, 'INVALID_INSTANT')).toBe(true);
    expect((error as Error).message).toMatch(/^calendarDay: at must be a point in time/);
  });

  describe('hostile time zones and options', () => {
    it.each([
      'Europe/Nowhere+05',
      'UTC+99',
      'Mars/Olympus_Mons',
      '',
      ' UTC',
      'Europe/Amsterdam ',
      '+24:00',
      '+05:60',
      'Z',
    ])('rejects %p, which Intl.DateTimeFormat rejects, with INVALID_OPTION', (timeZone) => {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone })).toThrow(RangeError);
      const error = thrown(() => calendarDay(0, { timeZone }));
      expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
      expect(isEngagekitError(error) && error.path).toEqual(['options', 'timeZone']);
    });

    it("reads '-00:30' as half an hour west of UTC, not east (@date-fns/tz read it as +00:30)", () => {
      const quarterPast = Date.parse('2026-03-02T00:15:00Z'); // 23:45 on 1 March at -00:30
      expect(calendarDay(quarterPast, { timeZone: '-00:30' })).toBe('2026-03-01');
      expect(calendarDay(quarterPast, { timeZone: '+00:30' })).toBe('2026-03-02');
      expect(calendarDay(Date.parse('2026-03-01T18:29:59Z'), { timeZone: '+0530' })).toBe(
        '2026-03-01',
      );
      expect(calendarDay(Date.parse('2026-03-01T18:30:00Z'), { timeZone: '+05:30' })).toBe(
        '2026-03-02',
      );
    });

    it('uses historic offsets of less than an hour as Intl does (the calendar day @date-fns/tz got wrong)', () => {
      // Monrovia kept UTC-0:44:30 until 1972: 00:30 UTC on 1 January 1960 was 23:45:30 on 31 December.
      const monrovia = Date.parse('1960-01-01T00:30:00Z');
      expect(calendarDay(monrovia, { timeZone: 'Africa/Monrovia' })).toBe('1959-12-31');
      // Lisbon kept local mean time, UTC-0:36:45, until 1912.
      expect(calendarDay(Date.parse('1900-01-01T00:30:00Z'), { timeZone: 'Europe/Lisbon' })).toBe(
        '1899-12-31',
      );
      // Dublin kept Dublin Mean Time, UTC-0:25:21, until 1916.
      expect(calendarDay(Date.parse('1910-06-01T00:25:20Z'), { timeZone: 'Europe/Dublin' })).toBe(
        '1910-05-31',
      );
      expect(calendarDay(Date.parse('1910-06-01T00:25:21Z'), { timeZone: 'Europe/Dublin' })).toBe(
        '1910-06-01',
      );
    });

    it('reads the ends of the range of a Date in a named zone', () => {
      expect(calendarDay(8.64e15, { timeZone: 'Europe/Dublin' })).toBe('275760-09-13');
      expect(calendarDay(-8.64e15, { timeZone: 'Europe/Dublin' })).toBe('-271821-04-19');
    });

    it.each([null, 5, 'UTC'])(
      'rejects options %p with INVALID_OPTION naming options, not a TypeError',
      (options) => {
        for (const run of [
          () => calendarDay(0, options as never),
          () => calendarWeek(0, options as never),
          () => epochDay(0, options as never),
        ]) {
          const error = thrown(run);
          expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
          expect(isEngagekitError(error) && error.path).toEqual(['options']);
        }
      },
    );
  });
});
