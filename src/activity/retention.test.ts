import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { retention } from './retention.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const noon = (date: string): number => Date.parse(`${date}T12:00:00Z`);

// Six users, all activity at 12:00 UTC; asOf is 2026-01-08 12:00 UTC, so the last finished day is
// 7 January. Active days (day 0 = first activity):
//   u1: 1, 2, 4, 8 Jan -> days 0, 1, 3, 7     u4: 5 Jan -> day 0
//   u2: 1, 3 Jan       -> days 0, 2           u5: 7, 8 Jan -> days 0, 1 (day 1 not over)
//   u3: 2, 3 Jan (+ 9 Jan, after asOf)       u6: 1 Jan -> day 0
const table = [
  ['u1', '2026-01-01'],
  ['u1', '2026-01-02'],
  ['u1', '2026-01-04'],
  ['u1', '2026-01-08'],
  ['u2', '2026-01-01'],
  ['u2', '2026-01-03'],
  ['u3', '2026-01-02'],
  ['u3', '2026-01-03'],
  ['u3', '2026-01-09'],
  ['u4', '2026-01-05'],
  ['u5', '2026-01-07'],
  ['u5', '2026-01-08'],
  ['u6', '2026-01-01'],
].map(([userId, date]) => ({ userId: userId!, at: noon(date!) }));
const asOf = noon('2026-01-08');

describe('retention, hand-computed table with censored users', () => {
  it('counts day N only for users whose day N is over', () => {
    // Day 1: eligible u1 u2 u3 u4 u6 (u5's day 1 is 8 Jan, not over); retained u1 (2 Jan), u3 (3 Jan).
    // Day 3: eligible u1 u2 u3 u6 (u4's day 3 is 8 Jan); retained u1 (4 Jan).
    // Day 7: u1's day 7 is 8 Jan, not over; nobody is eligible, so the rate is null, not 0.
    expect(retention(table, { days: [1, 3, 7], asOf })).toEqual([
      { day: 1, eligible: 5, retained: 2, rate: 0.4 },
      { day: 3, eligible: 4, retained: 1, rate: 0.25 },
      { day: 7, eligible: 0, retained: 0, rate: null },
    ]);
  });

  it("counts a later return in 'onOrAfter' mode but never activity after asOf", () => {
    // Day 2 eligible: u1 u2 u3 u4 u6. 'on': u2 (3 Jan). 'onOrAfter': u1 (last 8 Jan), u2 (3 Jan);
    // u3's 9 January is after asOf and does not count.
    expect(retention(table, { days: [2], asOf })).toEqual([
      { day: 2, eligible: 5, retained: 1, rate: 0.2 },
    ]);
    expect(retention(table, { days: [2], mode: 'onOrAfter', asOf })).toEqual([
      { day: 2, eligible: 5, retained: 2, rate: 0.4 },
    ]);
  });

  it("counts any day of a bracket in 'within' mode once the whole bracket is over", () => {
    // [1, 3] eligible: u1 u2 u3 u6 (u4's day 3 is 8 Jan); retained u1 (day 1), u2 (day 2), u3 (day 1).
    expect(retention(table, { days: [[1, 3], 1], mode: 'within', asOf })).toEqual([
      { day: 1, lastDay: 3, eligible: 4, retained: 3, rate: 0.75 },
      { day: 1, lastDay: 1, eligible: 5, retained: 2, rate: 0.4 },
    ]);
  });

  it('uses each given start as day 0, counting users with no activity and ignoring the rest', () => {
    const start = [
      { userId: 'u1', at: noon('2025-12-31') }, // day 1 = 1 Jan: active
      { userId: 'u2', at: noon('2026-01-02') }, // day 1 = 3 Jan: active; 1 Jan is before its start
      { userId: 'quiet', at: noon('2026-01-01') }, // never active
    ];
    expect(retention(table, { days: [0, 1], asOf, start })).toEqual([
      { day: 0, eligible: 3, retained: 0, rate: 0 },
      { day: 1, eligible: 3, retained: 2, rate: 2 / 3 },
    ]);
  });
});

describe('retention, W1 and instants', () => {
  it("gives W1 retention as the bracket of days 7 to 13 in 'within' mode", () => {
    // a: active on day 9; b: day 14 only (W2); c: day 3 only. asOf 20 January: all of W1 is over.
    const activity = [
      { userId: 'a', at: noon('2026-01-01') },
      { userId: 'a', at: noon('2026-01-10') },
      { userId: 'b', at: noon('2026-01-01') },
      { userId: 'b', at: noon('2026-01-15') },
      { userId: 'c', at: noon('2026-01-01') },
      { userId: 'c', at: noon('2026-01-04') },
    ];
    expect(
      retention(activity, { days: [[7, 13]], mode: 'within', asOf: noon('2026-01-20') }),
    ).toEqual([{ day: 7, lastDay: 13, eligible: 3, retained: 1, rate: 1 / 3 }]);
  });

  it('reads Date objects and epoch milliseconds alike', () => {
    const asDates = table.map((row) => ({ userId: row.userId, at: new Date(row.at) }));
    expect(retention(asDates, { days: [1, 3], asOf: new Date(asOf) })).toEqual(
      retention(table, { days: [1, 3], asOf }),
    );
  });

  it('keeps user ids that look like object keys apart', () => {
    const activity = [
      { userId: '__proto__', at: noon('2026-01-01') },
      { userId: 'constructor', at: noon('2026-01-01') },
      { userId: 'constructor', at: noon('2026-01-02') },
    ];
    expect(retention(activity, { days: [1], asOf })).toEqual([
      { day: 1, eligible: 2, retained: 1, rate: 0.5 },
    ]);
  });
});

describe('retention, calendar days in a time zone', () => {
  const sevenDaysLater = Date.parse('2026-03-10T00:00:00Z');

  it('counts a 23:45 UTC sign-up seen again at 00:01 UTC as day-1 retained in UTC only', () => {
    const activity = [
      { userId: 'late', at: Date.parse('2026-03-01T23:45:00Z') },
      { userId: 'late', at: Date.parse('2026-03-02T00:01:00Z') },
    ];
    const dayOne = (timeZone: string) =>
      retention(activity, { days: [1], asOf: sevenDaysLater, timeZone })[0]?.retained;
    expect(dayOne('UTC')).toBe(1);
    // East of UTC both instants are on 2 March (08:45 and 09:01 in Tokyo), west of it on 1 March
    // (18:45 and 19:01 in New York): the same day, so not retained on day 1.
    expect(dayOne('Asia/Tokyo')).toBe(0);
    expect(dayOne('America/New_York')).toBe(0);
  });

  it('counts a local 23:45 sign-up seen at local 00:01 as day-1 retained east and west of UTC', () => {
    // 23:45 and 00:01 in Tokyo (UTC+9) are 14:45 and 15:01 UTC on 1 March: one UTC day.
    const tokyo = [
      { userId: 't', at: Date.parse('2026-03-01T14:45:00Z') },
      { userId: 't', at: Date.parse('2026-03-01T15:01:00Z') },
    ];
    // 23:45 and 00:01 in Los Angeles (UTC-8 in early March) are 07:45 and 08:01 UTC on 2 March.
    const losAngeles = [
      { userId: 'l', at: Date.parse('2026-03-02T07:45:00Z') },
      { userId: 'l', at: Date.parse('2026-03-02T08:01:00Z') },
    ];
    const rate = (activity: typeof tokyo, timeZone: string) =>
      retention(activity, { days: [1], asOf: sevenDaysLater, timeZone })[0]?.rate;
    expect(rate(tokyo, 'Asia/Tokyo')).toBe(1);
    expect(rate(tokyo, 'UTC')).toBe(0);
    expect(rate(losAngeles, 'America/Los_Angeles')).toBe(1);
    expect(rate(losAngeles, 'UTC')).toBe(0);
  });

  it('decides eligibility by the local midnight, not the UTC one', () => {
    // A Tokyo user first active 2 March 10:00 local; asOf 2 March 23:30 UTC = 3 March 08:30 in
    // Tokyo, so day 0 is over there but day 1 (3 March) is not.
    const activity = [{ userId: 't', at: Date.parse('2026-03-02T01:00:00Z') }];
    const asOfTokyo = Date.parse('2026-03-02T23:30:00Z');
    expect(retention(activity, { days: [0, 1], asOf: asOfTokyo, timeZone: 'Asia/Tokyo' })).toEqual([
      { day: 0, eligible: 1, retained: 1, rate: 1 },
      { day: 1, eligible: 0, retained: 0, rate: null },
    ]);
    // In UTC the user's day 0 (2 March) is not over yet at 23:30.
    expect(retention(activity, { days: [0], asOf: asOfTokyo })[0]?.eligible).toBe(0);
  });
});

describe('retention, bad input', () => {
  it('throws INVALID_ACTIVITY naming the row and field', () => {
    const error = thrown(() =>
      retention(
        [
          { userId: 'a', at: 0 },
          { userId: 'b', at: Number.NaN },
        ],
        { days: [1], asOf: 0 },
      ),
    );
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['activity', 1, 'at']);
    expect((error as Error).message).toMatch(/^retention: activity\[1\]\.at must be a Date/);
  });

  it('throws INVALID_ACTIVITY for a row without a userId', () => {
    const error = thrown(() => retention([{ at: 0 } as never], { days: [1], asOf: 0 }));
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect((error as Error).message).toMatch(/^retention: activity\[0\]\.userId must be a string/);
  });

  it('throws INVALID_OPTION for a bracket outside within mode, naming options.days', () => {
    const error = thrown(() => retention(table, { days: [[1, 3]], asOf }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'days', 0]);
    expect((error as Error).message).toMatch(/^retention: options\.days\[0\] is a bracket/);
  });

  it('throws INVALID_OPTION for a bracket that ends before it starts', () => {
    const error = thrown(() => retention(table, { days: [[3, 1]], mode: 'within', asOf }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/options\.days\[0\] ends before it starts/);
  });

  it('throws INVALID_OPTION for a fractional or negative day, naming it', () => {
    const error = thrown(() => retention(table, { days: [1, -2], asOf }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^retention: options\.days\[1\]/);
  });

  it('throws INVALID_OPTION for an asOf that is not a point in time', () => {
    const error = thrown(() => retention(table, { days: [1], asOf: new Date('nope') }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^retention: options\.asOf must be a point in time/);
  });

  it('throws EMPTY_INPUT when no activity happened by asOf', () => {
    const error = thrown(() => retention([], { days: [1], asOf }));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^retention: no activity/);
    const later = thrown(() => retention(table, { days: [1], asOf: noon('2025-01-01') }));
    expect(isEngagekitError(later, 'EMPTY_INPUT')).toBe(true);
  });
});

describe('retention at the edges (hostile input)', () => {
  it('rejects instants beyond the range of a Date, which wrapped into the 1970 cohort', () => {
    // -1e308 ms made the Int32 day number wrap: the row landed on 1970-01-01.
    const error = thrown(() =>
      retention([{ userId: 'a', at: -1e308 }], { days: [1], asOf: Date.UTC(2026, 0, 1) }),
    );
    expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['activity', 0, 'at']);
    expect((error as Error).message).toMatch(/within \+-8\.64e15/);
    const start = thrown(() =>
      retention([{ userId: 'a', at: 0 }], {
        days: [1],
        asOf: 0,
        start: [{ userId: 'a', at: 9e15 }],
      }),
    );
    expect(isEngagekitError(start) && start.path).toEqual(['options', 'start', 0, 'at']);
    // The edges of the range itself are instants like any other.
    expect(retention([{ userId: 'a', at: -8.64e15 }], { days: [1], asOf: 8.64e15 })).toEqual([
      { day: 1, eligible: 1, retained: 0, rate: 0 },
    ]);
  });

  it('rejects null options with INVALID_OPTION at options', () => {
    const error = thrown(() => retention([], null as never));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options']);
  });

  it('reports every bad row and every bad option, not only the first', () => {
    const rows = thrown(() =>
      retention([{ userId: 'a', at: 0 }, { userId: 7 as never, at: Number.NaN }, null as never], {
        days: [1],
        asOf: 0,
      }),
    );
    expect(isEngagekitError(rows) && rows.issues.map((issue) => issue.path)).toEqual([
      ['activity', 1, 'userId'],
      ['activity', 1, 'at'],
      ['activity', 2],
    ]);
    const options = thrown(() =>
      retention([], { days: [-1, [1, 2]], asOf: Number.NaN, mode: 'on', timeZone: 3 } as never),
    );
    expect(isEngagekitError(options) && options.issues.map((issue) => issue.path)).toEqual([
      ['options', 'asOf'],
      ['options', 'timeZone'],
      ['options', 'days', 0],
      ['options', 'days', 1],
    ]);
  });
});
