import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compareRates } from './compareRates.js';
import { engagementRate } from './engagementRate.js';
import { engagementRates } from './engagementRates.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('engagementRates', () => {
  it('gives each group its rate and Wilson interval, in the order the rows come', () => {
    const rows = [
      { group: 'email', successes: 42, trials: 380 },
      { group: 'sms', successes: 9, trials: 120 },
    ];
    const [email, sms] = engagementRates(rows);
    const expected = engagementRate(42, 380);
    expect(email).toEqual({ group: 'email', ...expected, comparison: null });
    expect(sms?.group).toBe('sms');
    expect(sms?.rate).toBe(9 / 120);
  });

  it("compares each week with the previous one as R's prop.test does", () => {
    // R: prop.test(c(47, 66), c(1180, 1200), correct = FALSE)$p.value  # 0.081875270755468
    const weeks = engagementRates(
      [
        { week: '2026-10-05', sends: '1200', clicks: '66' },
        { week: '2026-10-12', sends: '1180', clicks: '47' },
        { week: '2026-10-19', sends: '1210', clicks: '58' },
      ],
      { fields: { group: 'week', trials: 'sends', successes: 'clicks' }, compareWith: 'previous' },
    );
    expect(weeks.map((week) => week.group)).toEqual(['2026-10-05', '2026-10-12', '2026-10-19']);
    expect(weeks[0]?.comparison).toBeNull();
    expect(weeks[1]?.comparison?.pValue).toBeCloseTo(0.081875270755468, 14);
    expect(weeks[2]?.comparison).toEqual(
      compareRates(engagementRate(47, 1180), engagementRate(58, 1210)),
    );
    const first = engagementRates(
      [
        { group: 'control', successes: 48, trials: 80 },
        { group: 'a', successes: 56, trials: 70 },
        { group: 'b', successes: 40, trials: 70 },
      ],
      { compareWith: 'first', method: 'wald' },
    );
    expect(first[0]?.comparison).toBeNull();
    expect(first[2]?.comparison).toEqual(
      compareRates(engagementRate(48, 80), engagementRate(40, 70), { method: 'wald' }),
    );
  });

  it('adds up the rows of a group, weighted, with Kish effective trials', () => {
    // 30 of 200 with weight 1.5 and 10 of 300 with weight 0.5: 50 of 450, n = 450^2 / 525
    // R: wil(50/450, 450^2/525)  # 0.0835032709162341 0.1463887170504283 (see engagementRate.test.ts)
    const [week] = engagementRates([
      { group: 'w1', successes: 30n, trials: 200n, weight: 1.5 },
      { group: 'w1', successes: '10', trials: '300', weight: '0.5' },
    ]);
    expect(week?.successes).toBe(50);
    expect(week?.trials).toBe(450);
    expect(week?.effectiveTrials).toBeCloseTo(450 ** 2 / 525, 10);
    expect(week?.interval?.lower).toBeCloseTo(0.0835032709162341, 13);
    expect(week?.interval?.upper).toBeCloseTo(0.1463887170504283, 13);
    // Without weights (or null weights, as SQL gives) the rows simply add up.
    const [plain] = engagementRates([
      { group: 'w1', successes: 30, trials: 200, weight: null },
      { group: 'w1', successes: 10, trials: 300 },
    ]);
    expect(plain).toMatchObject({ successes: 40, trials: 500, effectiveTrials: 500, rate: 0.08 });
  });

  it('keeps groups of every key kind apart and reports a bigint key as its digits', () => {
    const day = new Date('2026-10-05T00:00:00Z');
    const groups = engagementRates([
      { group: 1, successes: 1, trials: 2 },
      { group: '1', successes: 1, trials: 4 },
      { group: 1n, successes: 1, trials: 2 },
      { group: day, successes: 0, trials: 1 },
      { group: new Date(day.getTime()), successes: 1, trials: 1 },
      { group: null, successes: 3, trials: 3 },
    ]);
    expect(groups.map((group) => [group.group, group.successes, group.trials])).toEqual([
      [1, 2, 4],
      ['1', 1, 4],
      [day, 1, 2],
      [null, 3, 3],
    ]);
    expect(engagementRates([{ group: 9007199254740993n, successes: 0, trials: 1 }])[0]?.group).toBe(
      '9007199254740993',
    );
  });

  it('gives a group with no trials no rate (null), and zero rows no groups', () => {
    const [empty, full] = engagementRates(
      [
        { group: 'quiet week', successes: 0, trials: 0 },
        { group: 'busy week', successes: 5, trials: 50 },
      ],
      { compareWith: 'previous' },
    );
    expect(empty).toMatchObject({ rate: null, interval: null, trials: 0, comparison: null });
    expect(full?.comparison).toBeNull();
    expect(engagementRates([])).toEqual([]);
  });

  it('reports every bad row with its index and column', () => {
    const error = caught(() =>
      engagementRates(
        [
          { campaign: 'a', opens: 5, sends: 3 },
          { campaign: 'b', opens: 'many', sends: -2 },
          { opens: 1, sends: 2 },
          'row' as never,
          { campaign: 'e', opens: 1, sends: 2, weight: Number.NaN },
        ],
        { fields: { group: 'campaign', successes: 'opens', trials: 'sends' } },
      ),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['rows', 0, 'opens'],
      ['rows', 1, 'opens'],
      ['rows', 1, 'sends'],
      ['rows', 2, 'campaign'],
      ['rows', 3],
      ['rows', 4, 'weight'],
    ]);
    expect(error.message).toMatch(
      /^engagementRates: rows\[0\]\.opens \(5\) must not exceed sends \(3\)/,
    );
    expect(error.message).toContain(
      'rows[2].campaign is missing; name the column with options.fields.group',
    );
  });

  it('lists at most 50 problems, then says how many more there were', () => {
    const rows = Array.from({ length: 80 }, () => ({ group: 'g', successes: -1, trials: 1 }));
    const error = caught(() => engagementRates(rows));
    expect(error.issues).toHaveLength(51);
    expect(error.issues[50]?.message).toBe(
      'engagementRates: 30 more problems of the same kinds, not listed',
    );
  });

  it('refuses bad options, each named', () => {
    const error = caught(() =>
      engagementRates([], {
        fields: { group: '', count: 'n' } as never,
        compareWith: 'last' as never,
        confidence: 95,
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'fields', 'count'],
      ['options', 'fields', 'group'],
      ['options', 'confidence'],
      ['options', 'compareWith'],
    ]);
    expect(caught(() => engagementRates({} as never)).path).toEqual(['rows']);
  });

  it('refuses a weight whose square times the trials overflows, instead of NaN counts (found by the hostile property, seed 799500177)', () => {
    const error = caught(() =>
      engagementRates([{ group: 0, successes: 0, weight: Number.MAX_VALUE }], {
        fields: { trials: 'weight' },
      }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['rows', 0, 'weight']);
    expect(error.message).toMatch(/overflows a number/);
  });

  it('refuses a weight whose square times the trials underflows, instead of a NaN standard error (src/rates/hostileInput.test-prop.ts)', () => {
    const rows = [
      { group: 'a', successes: 0, trials: 1, weight: 1e-300 },
      { group: 'b', successes: 0, trials: 1, weight: 1 },
    ];
    const error = caught(() => engagementRates(rows, { compareWith: 'previous' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['rows', 0, 'weight']);
    expect(error.message).toMatch(/below the least normal number/);
  });

  it('computes the effective trials of huge weighted counts without overflowing their square', () => {
    // Kish: (sum w t)^2 / sum w^2 t = (2e200)^2 / 4e200 = 1e200; the square alone is 4e400
    const [group] = engagementRates([
      { group: 'a', successes: 1e200, trials: 1e200, weight: 2 },
      { group: 'a', successes: 0, trials: 0, weight: 3 },
    ]);
    expect(group!.effectiveTrials / 1e200).toBeCloseTo(1, 12);
    expect(Number.isFinite(group!.effectiveTrials)).toBe(true);
  });
});
