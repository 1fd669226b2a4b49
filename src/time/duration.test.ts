import { describe, expect, it } from 'vitest';
import { durationToMillis } from './duration.js';
import { toMillis } from './instant.js';

describe('durationToMillis', () => {
  it('converts date-fns durations as date-fns milliseconds() does', () => {
    expect(durationToMillis({ days: 14 })).toBe(1_209_600_000);
    expect(durationToMillis({ weeks: 1, hours: 12 })).toBe(648_000_000);
    expect(durationToMillis({ years: 1 })).toBe(31_556_951_999); // date-fns truncates 365.2425 days to whole ms
  });

  it('passes milliseconds through, zero included', () => {
    expect(durationToMillis(0)).toBe(0);
    expect(durationToMillis(1.5)).toBe(1.5);
  });

  it.each([
    ['a negative number', -1, ['duration'], /negative/],
    ['NaN', Number.NaN, ['duration'], /finite/],
    ['a string', '14d', ['duration'], /Duration/],
    ['a negative unit', { days: -2 }, ['duration', 'days'], /negative/],
    ['an unknown unit', { fortnights: 1 }, ['duration'], /fortnights/],
    // these used to read as 0 milliseconds
    ['an object without units', {}, ['duration'], /must name at least one unit/],
    ['a Number object', new Number(5), ['duration'], /must be milliseconds .* got an object/],
    ['a Date', new Date(5), ['duration'], /got 1970-01-01T00:00:00\.005Z/],
    ['a class instance', new (class Days {})(), ['duration'], /must be milliseconds/],
    ['a duration too long for milliseconds', { years: 1e300 }, ['duration'], /too long/],
  ])('rejects %s with INVALID_DURATION', (_name, value, path, message) => {
    expect(() => durationToMillis(value as number)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_DURATION',
        path,
        message: expect.stringMatching(message),
      }),
    );
  });
});

describe('toMillis', () => {
  it('reads Dates and epoch milliseconds', () => {
    expect(toMillis(new Date('2026-11-23T00:00:00.000Z'))).toBe(Date.UTC(2026, 10, 23));
    expect(toMillis(-1)).toBe(-1);
  });

  it('rejects Invalid Dates, NaN, strings and numbers beyond the range of a Date with INVALID_INSTANT', () => {
    expect(toMillis(8.64e15)).toBe(8.64e15);
    for (const bad of [
      new Date('x'),
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      '2026-01-01',
      8.64e15 + 1,
      -1e20,
    ]) {
      expect(() => toMillis(bad as number)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_INSTANT',
          path: ['instant'],
          message: expect.stringMatching(/^toMillis: instant must be a point in time/),
        }),
      );
    }
  });
});
