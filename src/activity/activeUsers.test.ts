import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { activeUsers } from './activeUsers.js';
import { powerUserCurve } from './powerUserCurve.js';
import { stickiness } from './stickiness.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const at = Date.parse('2026-03-31T12:00:00Z');
// Hand-made month: 31 March is the last day of the 30-day window 2..31 March.
//   ann: every day 2..31 March (30 days)       bob: 31 March and 25 March (2 days)
//   cy: 1 March only (outside the window)     dee: 31 March 23:30 UTC (after at)
const activity = [
  ...Array.from({ length: 30 }, (_, i) => ({ userId: 'ann', at: Date.UTC(2026, 2, i + 2, 9) })),
  { userId: 'bob', at: Date.UTC(2026, 2, 31, 8) },
  { userId: 'bob', at: Date.UTC(2026, 2, 25, 8) },
  { userId: 'cy', at: Date.UTC(2026, 2, 1, 8) },
  { userId: 'dee', at: Date.UTC(2026, 2, 31, 23, 30) },
];

describe('activeUsers, stickiness and powerUserCurve, worked by hand', () => {
  it('counts DAU, WAU and MAU over rolling calendar days, ignoring activity after at', () => {
    expect(activeUsers(activity, at, 'day')).toBe(2); // ann, bob (dee is later that evening)
    expect(activeUsers(activity, at, 'week')).toBe(2); // 25..31 March: ann, bob
    expect(activeUsers(activity, at, 'month')).toBe(2); // 2..31 March: cy's 1 March is out
    expect(activeUsers(activity, Date.parse('2026-03-31T23:59:00Z'), 'day')).toBe(3);
  });

  it('computes stickiness as mean DAU over the users active in the window', () => {
    // Active user-days in 2..31 March: ann 30 + bob 2 = 32; mean DAU 32/30 over 2 users.
    expect(stickiness(activity, at)).toBeCloseTo(32 / 30 / 2, 15);
    // Over the last 7 days: ann 7 + bob 2 = 9 user-days, 2 users.
    expect(stickiness(activity, at, { days: 7 })).toBeCloseTo(9 / 7 / 2, 15);
  });

  it('counts users by their number of active days in the power-user curve', () => {
    const curve = powerUserCurve(activity, { at });
    expect(curve).toHaveLength(30);
    expect(curve[1]).toBe(1); // bob: 2 days
    expect(curve[29]).toBe(1); // ann: 30 days
    expect(curve.reduce((sum, users) => sum + users, 0)).toBe(2);
  });

  it('uses local calendar days: 23:30 UTC is the next day in Tokyo', () => {
    const late = [{ userId: 'x', at: Date.parse('2026-03-30T23:30:00Z') }];
    const morning = Date.parse('2026-03-31T01:00:00Z'); // 10:00 on 31 March in Tokyo
    expect(activeUsers(late, morning, 'day')).toBe(0);
    expect(activeUsers(late, morning, 'day', { timeZone: 'Asia/Tokyo' })).toBe(1);
    // In Los Angeles (UTC-7) both are on 30 March.
    expect(activeUsers(late, morning, 'day', { timeZone: 'America/Los_Angeles' })).toBe(1);
  });
});

describe('activeUsers, stickiness and powerUserCurve, bad input', () => {
  it('throws INVALID_OPTION for an unknown period, naming period', () => {
    const error = thrown(() => activeUsers(activity, at, 'year' as 'day'));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^activeUsers: period must be/);
  });

  it('throws INVALID_OPTION for a window that is not a whole number of days', () => {
    const error = thrown(() => powerUserCurve(activity, { at, days: 0 }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'days']);
    expect((error as Error).message).toMatch(/^powerUserCurve: options\.days must be/);
  });

  it('throws INVALID_OPTION for a missing at, naming options.at', () => {
    const error = thrown(() => powerUserCurve(activity, {} as never));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^powerUserCurve: options\.at must be a point/);
  });

  it('throws EMPTY_INPUT for stickiness when nobody was active in the window', () => {
    const error = thrown(() => stickiness(activity, Date.UTC(2026, 6, 1)));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^stickiness: nobody was active/);
  });

  it('throws EMPTY_INPUT when there is no activity at all', () => {
    const error = thrown(() => activeUsers([], at, 'day'));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^activeUsers: activity is empty/);
  });

  it('counts nobody, rather than throwing, for a window before all activity', () => {
    expect(activeUsers(activity, Date.UTC(2025, 0, 1), 'month')).toBe(0);
    expect(powerUserCurve(activity, { at: Date.UTC(2025, 0, 1), days: 2 })).toEqual([0, 0]);
  });
});

describe('usage functions at the edges (hostile input)', () => {
  it('reject null options with INVALID_OPTION at options, not a TypeError', () => {
    for (const run of [
      () => activeUsers(activity, at, 'day', null as never),
      () => stickiness(activity, at, null as never),
      () => powerUserCurve(activity, null as never),
    ]) {
      const error = thrown(run);
      expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
      expect(isEngagekitError(error) && error.path).toEqual(['options']);
    }
  });

  it('reject instants beyond the range of a Date', () => {
    const error = thrown(() => stickiness([{ userId: 'a', at: 1e300 }], at));
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['activity', 0, 'at']);
  });

  it('report every bad argument at once', () => {
    const error = thrown(() =>
      activeUsers(activity, Number.NaN, 'year' as never, { timeZone: 'Nowhere/City' }),
    );
    expect(isEngagekitError(error) && error.issues.map((issue) => issue.path)).toEqual([
      ['period'],
      ['at'],
      ['options', 'timeZone'],
    ]);
  });
});
