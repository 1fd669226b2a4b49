import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { cohortTable } from './cohortTable.js';
import { lifecycle } from './lifecycle.js';
import { retentionCurve } from './retentionCurve.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const at = (iso: string): number => Date.parse(iso);

describe('cohortTable, worked by hand', () => {
  // Weeks start on Monday: 5, 12, 19 January 2026 are Mondays. asOf is Wednesday 21 January,
  // so the week of 19 January is incomplete.
  //   ann: Tue 6, Thu 15 Jan   -> cohort 5 Jan, offsets 0, 1
  //   bob: Sun 11, Mon 19 Jan  -> cohort 5 Jan, offsets 0, 2 (so far)
  //   cy:  Mon 12 Jan          -> cohort 12 Jan, offset 0
  //   dee: Tue 20 Jan          -> cohort 19 Jan, offset 0 (so far)
  const activity = [
    { userId: 'ann', at: at('2026-01-06T10:00:00Z') },
    { userId: 'ann', at: at('2026-01-15T10:00:00Z') },
    { userId: 'bob', at: at('2026-01-11T10:00:00Z') },
    { userId: 'bob', at: at('2026-01-19T10:00:00Z') },
    { userId: 'cy', at: at('2026-01-12T10:00:00Z') },
    { userId: 'dee', at: at('2026-01-20T10:00:00Z') },
  ];
  const asOf = at('2026-01-21T10:00:00Z');

  it('marks cells of unfinished weeks incomplete with a null rate, never 0%', () => {
    expect(cohortTable(activity, { period: 'week', asOf })).toEqual([
      {
        cohort: '2026-01-05',
        size: 2,
        cells: [
          { offset: 0, active: 2, rate: 1, complete: true },
          { offset: 1, active: 1, rate: 0.5, complete: true },
          { offset: 2, active: 1, rate: null, complete: false },
        ],
      },
      {
        cohort: '2026-01-12',
        size: 1,
        cells: [
          { offset: 0, active: 1, rate: 1, complete: true },
          { offset: 1, active: 0, rate: null, complete: false },
        ],
      },
      {
        cohort: '2026-01-19',
        size: 1,
        cells: [{ offset: 0, active: 1, rate: null, complete: false }],
      },
    ]);
  });

  it('moves Sunday users to another cohort when weeks start on Sunday', () => {
    // Weeks from Sunday 4, 11, 18 January: bob (Sun 11) joins cy's cohort.
    const table = cohortTable(activity, { period: 'week', asOf, weekStartsOn: 0 });
    expect(table.map((row) => [row.cohort, row.size])).toEqual([
      ['2026-01-04', 1],
      ['2026-01-11', 2],
      ['2026-01-18', 1],
    ]);
    // Week 1 retention of the 11 January cohort: bob is active on Mon 19 (incomplete week).
    expect(table[1]?.cells[1]).toEqual({ offset: 1, active: 1, rate: null, complete: false });
  });

  it('uses local calendar days: a Sunday 23:30 sign-up in New York is a Monday in UTC', () => {
    const late = [{ userId: 'x', at: at('2026-01-12T04:30:00Z') }]; // Sun 11 Jan 23:30 EST
    expect(cohortTable(late, { period: 'week', asOf })[0]?.cohort).toBe('2026-01-12');
    expect(
      cohortTable(late, { period: 'week', asOf, timeZone: 'America/New_York' })[0]?.cohort,
    ).toBe('2026-01-05');
  });

  it('limits the offsets and groups by month', () => {
    const table = cohortTable(activity, {
      period: 'month',
      asOf: at('2026-03-01T00:00:00Z'),
      offsets: 1,
    });
    expect(table).toEqual([
      { cohort: '2026-01-01', size: 4, cells: [{ offset: 0, active: 4, rate: 1, complete: true }] },
    ]);
  });

  it('throws INVALID_OPTION for an unknown period, naming options.period', () => {
    const error = thrown(() => cohortTable(activity, { period: 'year' as 'day', asOf }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'period']);
    expect((error as Error).message).toMatch(/^cohortTable: options\.period/);
  });
});

describe('lifecycle, worked by hand', () => {
  it('splits each month into new, returning, resurrecting and dormant users', () => {
    // ann: Jan, Feb, Apr; bob: Jan; cy: Feb, Mar. asOf 15 April (April incomplete).
    const month = (m: number, d = 10) => Date.UTC(2026, m - 1, d, 12);
    const activity = [
      { userId: 'ann', at: month(1) },
      { userId: 'ann', at: month(2) },
      { userId: 'ann', at: month(4) },
      { userId: 'bob', at: month(1) },
      { userId: 'cy', at: month(2) },
      { userId: 'cy', at: month(3) },
    ];
    expect(lifecycle(activity, { period: 'month', asOf: month(4, 15) })).toEqual([
      {
        period: '2026-01-01',
        active: 2,
        new: 2,
        returning: 0,
        resurrecting: 0,
        dormant: 0,
        complete: true,
      },
      {
        period: '2026-02-01',
        active: 2,
        new: 1,
        returning: 1,
        resurrecting: 0,
        dormant: 1,
        complete: true,
      },
      {
        period: '2026-03-01',
        active: 1,
        new: 0,
        returning: 1,
        resurrecting: 0,
        dormant: 1,
        complete: true,
      },
      {
        period: '2026-04-01',
        active: 1,
        new: 0,
        returning: 0,
        resurrecting: 1,
        dormant: 1,
        complete: false,
      },
    ]);
  });

  it('throws EMPTY_INPUT when nothing happened by asOf', () => {
    const error = thrown(() => lifecycle([], { period: 'day', asOf: 0 }));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^lifecycle: no activity/);
  });

  it('throws INVALID_OPTION for a weekStartsOn outside 0..6', () => {
    const error = thrown(() =>
      lifecycle([{ userId: 'a', at: 0 }], { period: 'week', asOf: 0, weekStartsOn: 9 as 0 }),
    );
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^lifecycle: options\.weekStartsOn/);
  });
});

describe('retentionCurve', () => {
  it('throws INVALID_OPTION for a negative lastDay, naming options.lastDay', () => {
    const error = thrown(() => retentionCurve([{ userId: 'a', at: 0 }], { lastDay: -1, asOf: 0 }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'lastDay']);
    expect((error as Error).message).toMatch(
      /^retentionCurve: options\.lastDay must not be negative/,
    );
  });
});

describe('table sizes at the edges (hostile input)', () => {
  const asOf = Date.UTC(2026, 0, 1);
  const yearOne = Date.parse('0001-01-01T00:00:00Z');

  it('refuses a daily cohort table from year 1 (739,620 cells) before building it', () => {
    const error = thrown(() =>
      cohortTable([{ userId: 'a', at: yearOne }], { period: 'day', asOf }),
    );
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['options', 'period']);
    expect((error as Error).message).toMatch(
      /^cohortTable: the cohort of 0001-01-01 would have 739\d{3} days up to asOf, more than 100000/,
    );
    // A limit on the offsets makes the same table small, and it is built.
    const limited = cohortTable([{ userId: 'a', at: yearOne }], {
      period: 'day',
      asOf,
      offsets: 3,
    });
    expect(limited[0]?.cells.map((cell) => cell.offset)).toEqual([0, 1, 2]);
    // Monthly, the same activity is 2025 x 12 + 1 = 24,301 months: within the bound.
    expect(
      cohortTable([{ userId: 'a', at: yearOne }], { period: 'month', asOf })[0]?.cells,
    ).toHaveLength(24_301);
  });

  it('refuses a table of more than a million cells in all', () => {
    // 1,500 daily cohorts, each up to asOf: about 1,500 x 1,500 / 2 = 1.1 million cells.
    const activity = Array.from({ length: 1500 }, (_, d) => ({
      userId: `u${d}`,
      at: asOf - d * 86_400_000,
    }));
    const error = thrown(() => cohortTable(activity, { period: 'day', asOf }));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/more than 1000000 cells/);
    expect(cohortTable(activity, { period: 'day', asOf, offsets: 30 })).toHaveLength(1500);
  });

  it('rejects instants beyond the range of a Date in cohortTable and lifecycle', () => {
    for (const run of [
      () => cohortTable([{ userId: 'a', at: -1e308 }], { period: 'month', asOf: 0 }),
      () => lifecycle([{ userId: 'a', at: -1e308 }], { period: 'month', asOf: 0 }),
    ]) {
      const error = thrown(run);
      expect(isEngagekitError(error, 'INVALID_ACTIVITY')).toBe(true);
      expect(isEngagekitError(error) && error.path).toEqual(['activity', 0, 'at']);
    }
  });

  it('rejects null options, and reports every bad option at once', () => {
    for (const run of [
      () => cohortTable([], null as never),
      () => lifecycle([], null as never),
      () => retentionCurve([], null as never),
    ]) {
      const error = thrown(run);
      expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
      expect(isEngagekitError(error) && error.path).toEqual(['options']);
    }
    const error = thrown(() =>
      cohortTable([], { period: 'year', asOf: 'now', offsets: 0, weekStartsOn: 7 } as never),
    );
    expect(isEngagekitError(error) && error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'period'],
      ['options', 'asOf'],
      ['options', 'offsets'],
      ['options', 'weekStartsOn'],
    ]);
  });
});
