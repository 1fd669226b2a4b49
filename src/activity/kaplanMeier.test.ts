import { describe, expect, it } from 'vitest';
import fixtures from '../../test/fixtures/kaplanMeier.fixtures.json';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { kaplanMeier } from './kaplanMeier.js';
import { medianSurvivalTime } from './medianSurvivalTime.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function close(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual as number) - expected), label).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(expected)),
  );
}

describe('kaplanMeier matches R survival (test/fixtures/kaplanMeier.R)', () => {
  // Numbers from survfit(Surv(time, status) ~ 1, conf.type = "log-log"), R 4.2.2, survival 3.5.3,
  // rows at event times only.
  for (const fixture of fixtures) {
    it(`${fixture.name}: every row, standard error and 95% log(-log) interval`, () => {
      const table = kaplanMeier(fixture.durations, fixture.observed);
      expect(table.map((row) => row.time)).toEqual(fixture.time);
      expect(table.map((row) => row.atRisk)).toEqual(fixture.atRisk);
      expect(table.map((row) => row.events)).toEqual(fixture.events);
      expect(table.map((row) => row.censored)).toEqual(fixture.censored);
      table.forEach((row, i) => {
        close(row.survival, fixture.survival[i]!, `survival at ${row.time}`);
        close(row.standardError, fixture.stdErr[i] ?? null, `std.err at ${row.time}`);
        close(row.lower, fixture.lower[i] ?? null, `lower at ${row.time}`);
        close(row.upper, fixture.upper[i] ?? null, `upper at ${row.time}`);
      });
    });

    it(`${fixture.name}: median as R reports it`, () => {
      expect(medianSurvivalTime(kaplanMeier(fixture.durations, fixture.observed))).toBe(
        fixture.median,
      );
    });
  }
});

describe('kaplanMeier, worked by hand', () => {
  it('puts events before censorings at tied times', () => {
    // Durations 1, 2, 2 (event), 2 (censored), 3. At t = 2 all three tied subjects are at risk:
    // n = 4, d = 2, so S(2) = (4/5) (1 - 2/4) = 0.4; the censored one leaves after.
    // At t = 3: n = 1, d = 1, S = 0.
    const table = kaplanMeier([1, 2, 2, 2, 3], [true, true, true, false, true]);
    expect(
      table.map(({ time, atRisk, events, censored }) => [time, atRisk, events, censored]),
    ).toEqual([
      [1, 5, 1, 0],
      [2, 4, 2, 1],
      [3, 1, 1, 0],
    ]);
    expect(table.map((row) => row.survival)).toEqual([0.8, 0.4, 0]);
    // Greenwood at t = 1: 1 / (5 * 4) = 0.05; at t = 2: 0.05 + 2 / (4 * 2) = 0.3.
    expect(table[0]?.standardError).toBeCloseTo(Math.sqrt(0.05), 15);
    expect(table[1]?.standardError).toBeCloseTo(Math.sqrt(0.3), 15);
  });

  it('gives an empty table when every duration is censored, and no median', () => {
    const table = kaplanMeier([3, 4], [false, false]);
    expect(table).toEqual([]);
    expect(medianSurvivalTime(table)).toBeNull();
  });

  it('keeps the interval inside [0, 1] around the estimate', () => {
    const [row] = kaplanMeier([1, 5, 6, 7], [true, false, false, false]);
    expect(row?.lower).toBeGreaterThan(0);
    expect(row?.lower).toBeLessThan(row?.survival ?? 0);
    expect(row?.upper).toBeGreaterThan(row?.survival ?? 1);
    expect(row?.upper).toBeLessThan(1);
  });
});

describe('kaplanMeier, bad input', () => {
  it('throws EMPTY_INPUT for no durations', () => {
    const error = thrown(() => kaplanMeier([], []));
    expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/^kaplanMeier: durations is empty/);
  });

  it('throws INVALID_DURATION naming a negative duration', () => {
    const error = thrown(() => kaplanMeier([1, -2], [true, true]));
    expect(isEngagekitError(error, 'INVALID_DURATION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['durations', 1]);
    expect((error as Error).message).toMatch(/^kaplanMeier: durations\[1\] must be a finite/);
  });

  it('throws INVALID_OPTION when observed has another length or is not boolean', () => {
    const short = thrown(() => kaplanMeier([1, 2], [true]));
    expect(isEngagekitError(short, 'INVALID_OPTION')).toBe(true);
    expect((short as Error).message).toMatch(/^kaplanMeier: observed must be an array/);
    const numeric = thrown(() => kaplanMeier([1, 2], [true, 1 as unknown as boolean]));
    expect(isEngagekitError(numeric, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(numeric) && numeric.path).toEqual(['observed', 1]);
    expect((numeric as Error).message).toMatch(/observed\[1\] must be true/);
  });

  it('medianSurvivalTime throws INVALID_OPTION for something that is not a table', () => {
    const error = thrown(() => medianSurvivalTime([{ time: 1, survival: Number.NaN }]));
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/^medianSurvivalTime: table\[0\]/);
  });
});

describe('survival at the edges (hostile input)', () => {
  it('gives a finite median midpoint between the largest times (their sum overflows)', () => {
    const table = [
      { time: 1.7e308, survival: 0.5 },
      { time: 1.75e308, survival: 0.2 },
    ];
    expect(medianSurvivalTime(table)).toBe(1.725e308);
  });

  it('checks every row of the table, the one after the median too', () => {
    const error = thrown(() =>
      medianSurvivalTime([
        { time: 1, survival: 0.5 },
        { time: 'x' as never, survival: 0.2 },
      ]),
    );
    expect(isEngagekitError(error, 'INVALID_OPTION')).toBe(true);
    expect(isEngagekitError(error) && error.path).toEqual(['table', 1]);
  });

  it('reports every bad duration and flag', () => {
    const error = thrown(() => kaplanMeier([1, -1, Number.NaN], [true, 'yes' as never, false]));
    expect(isEngagekitError(error, 'INVALID_DURATION')).toBe(true);
    expect(isEngagekitError(error) && error.issues.map((issue) => issue.path)).toEqual([
      ['durations', 1],
      ['observed', 1],
      ['durations', 2],
    ]);
  });
});
