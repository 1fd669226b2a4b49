import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { decayedValue } from './decayedValue.js';
import { exponential } from './exponential.js';
import { linear } from './linear.js';
import { permanent } from './permanent.js';
import { step } from './step.js';

const DAY = 86_400_000;

describe('linear decay', () => {
  const purchase = linear({ days: 120 });

  it('keeps the full boost at the moment of the event', () => {
    expect(decayedValue(50, purchase, 0)).toBe(50);
  });

  it('is worth half the boost at half its duration (a purchase at day 60 of 120 is 25)', () => {
    expect(decayedValue(50, purchase, 60 * DAY)).toBe(25);
  });

  it('follows B * (1 - d / D) in between (hand computed: 50 * (1 - 30/120) = 37.5)', () => {
    expect(decayedValue(50, purchase, 30 * DAY)).toBe(37.5);
  });

  it('is exactly zero at the end of its duration and after', () => {
    expect(decayedValue(50, purchase, 120 * DAY)).toBe(0);
    expect(decayedValue(50, purchase, 500 * DAY)).toBe(0);
  });

  it('keeps the full boost through the grace period, boundary included', () => {
    const decay = linear({ days: 30 }, { grace: { days: 10 } });
    expect(decayedValue(20, decay, 0)).toBe(20);
    expect(decayedValue(20, decay, 10 * DAY)).toBe(20);
  });

  it('falls as B * (D - d) / (D - G) after the grace period (20 * (30-20)/(30-10) = 10)', () => {
    const decay = linear({ days: 30 }, { grace: { days: 10 } });
    expect(decayedValue(20, decay, 20 * DAY)).toBe(10);
    expect(decayedValue(20, decay, 30 * DAY)).toBe(0);
  });

  it('decays a negative boost towards zero from below', () => {
    expect(decayedValue(-20, linear({ days: 90 }), 45 * DAY)).toBe(-10);
  });
});

describe('exponential decay', () => {
  const click = exponential({ days: 7 });

  it('halves the boost every half-life', () => {
    expect(decayedValue(40, click, 7 * DAY)).toBe(20);
    expect(decayedValue(40, click, 14 * DAY)).toBe(10);
    expect(decayedValue(40, click, 21 * DAY)).toBe(5);
  });

  it('follows B * 2^(-d/H) between half-lives (40 * 2^(-0.5) = 28.2842712474619)', () => {
    expect(decayedValue(40, click, 3.5 * DAY)).toBeCloseTo(28.2842712474619, 12);
  });

  it('counts until just before the cutoff and is zero exactly at it', () => {
    const cut = exponential({ days: 7 }, { cutoff: { days: 28 } });
    expect(decayedValue(40, cut, 28 * DAY - 1)).toBeGreaterThan(2.4);
    expect(decayedValue(40, cut, 28 * DAY)).toBe(0);
  });
});

describe('step decay', () => {
  it('counts in full until the instant before it expires, and nothing exactly at expiry', () => {
    const survey = step({ days: 30 });
    expect(decayedValue(15, survey, 30 * DAY - 1)).toBe(15);
    expect(decayedValue(15, survey, 30 * DAY)).toBe(0);
  });
});

describe('permanent decay', () => {
  it('never fades', () => {
    expect(decayedValue(10, permanent(), 10_000 * DAY)).toBe(10);
  });
});

describe('decay factories', () => {
  it('convert date-fns durations with date-fns milliseconds(), months included', () => {
    expect(linear({ weeks: 2 })).toEqual({ kind: 'linear', duration: 14 * DAY });
    // date-fns: a month is 365.2425 / 12 days = 30.436875 days
    expect(step({ months: 1 }).duration).toBe(30.436875 * DAY);
  });

  it.each([
    ['a zero linear duration', () => linear(0), ['duration'], /longer than zero/],
    ['a negative duration', () => step(-5), ['duration'], /must not be negative/],
    ['a NaN half-life', () => exponential(Number.NaN), ['halfLife'], /finite/],
    ['an infinite duration', () => linear(Number.POSITIVE_INFINITY), ['duration'], /finite/],
    ['an unknown unit', () => step({ fortnights: 1 } as never), ['duration'], /fortnights/],
    ['a grace as long as the duration', () => linear(10, { grace: 10 }), ['grace'], /shorter/],
    ['a zero cutoff', () => exponential(10, { cutoff: 0 }), ['cutoff'], /longer than zero/],
  ])('reject %s with INVALID_DURATION naming the field', (_name, build, path, message) => {
    try {
      build();
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(EngagekitError);
      const engagekitError = error as EngagekitError;
      expect(engagekitError.code).toBe('INVALID_DURATION');
      expect(engagekitError.path).toEqual(path);
      expect(engagekitError.message).toMatch(message);
      expect(engagekitError.message).toContain(String(path[0]));
    }
  });
});

describe('decayedValue input checks', () => {
  it('rejects a NaN boost with INVALID_OPTION naming boost', () => {
    expect(() => decayedValue(Number.NaN, permanent(), 0)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        path: ['boost'],
        message: expect.stringContaining('boost'),
      }),
    );
  });

  it('rejects a negative elapsed time with INVALID_OPTION naming elapsed', () => {
    expect(() => decayedValue(1, permanent(), -1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['elapsed'] }),
    );
  });

  it('rejects a decay of an unknown kind with INVALID_MODEL naming decay.kind', () => {
    expect(() => decayedValue(1, { kind: 'quadratic' } as never, 0)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_MODEL',
        path: ['decay', 'kind'],
        message: expect.stringMatching(/decay\.kind.*linear/),
      }),
    );
  });
});
