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
});
