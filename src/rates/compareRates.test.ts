import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compareRates } from './compareRates.js';
import { engagementRate } from './engagementRate.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('compareRates', () => {
  it("gives Newcombe's hybrid score interval of his example (a), 56/70 against 48/80", () => {
    // Newcombe (1998), Statistics in Medicine 17, Table II, example (a), method 10:
    // 0.0524 to 0.3339. To full precision in R:
    //   w1 <- prop.test(56, 70, correct = FALSE)$conf.int; w2 <- prop.test(48, 80, correct = FALSE)$conf.int
    //   d <- 56/70 - 48/80
    //   d - sqrt((56/70 - w1[1])^2 + (w2[2] - 48/80)^2)  # 0.0524314724023649
    //   d + sqrt((w1[2] - 56/70)^2 + (48/80 - w2[1])^2)  # 0.3338726540369059
    //   prop.test(c(56, 48), c(70, 80), correct = FALSE)$p.value  # 0.00804508136819656
    const change = compareRates(engagementRate(48, 80), engagementRate(56, 70));
    expect(change.difference).toBeCloseTo(0.2, 15);
    expect(change.interval.lower).toBeCloseTo(0.0524314724023649, 14);
    expect(change.interval.upper).toBeCloseTo(0.3338726540369059, 14);
    expect(change.pValue).toBeCloseTo(0.00804508136819656, 15);
    // X-squared of prop.test is z^2: 7.02341137123746
    expect(change.z! ** 2).toBeCloseTo(7.02341137123746, 11);
    expect(change).toMatchObject({ method: 'newcombe', confidence: 0.95 });
  });

  it("gives R prop.test's Wald interval with method 'wald', at any confidence level", () => {
    // R: t <- prop.test(c(3, 12), c(35, 40), correct = FALSE, conf.level = 0.9)
    //    t$p.value  # 0.0206375582439722;  t$conf.int  # -0.3566303536263010 -0.0719410749451276
    const change = compareRates(engagementRate(12, 40), engagementRate(3, 35), {
      method: 'wald',
      confidence: 0.9,
    });
    expect(change.difference).toBeCloseTo(3 / 35 - 12 / 40, 15);
    expect(change.interval.lower).toBeCloseTo(-0.356630353626301, 14);
    expect(change.interval.upper).toBeCloseTo(-0.0719410749451276, 14);
    expect(change.pValue).toBeCloseTo(0.0206375582439722, 15);
    // R: sqrt(3/35 * 32/35 / 35 + 0.3 * 0.7 / 40)  # 0.0865393959731265
    expect(change.standardError).toBeCloseTo(0.0865393959731265, 14);
  });

  it('has no z and p = 1 when both rates are 0 (or both 1); the interval stays honest', () => {
    const none = compareRates(engagementRate(0, 20), engagementRate(0, 30));
    expect(none).toMatchObject({ difference: 0, standardError: 0, z: null, pValue: 1 });
    expect(none.interval.lower).toBeLessThan(0);
    expect(none.interval.upper).toBeGreaterThan(0);
    expect(compareRates(engagementRate(5, 5), engagementRate(9, 9))).toMatchObject({
      z: null,
      pValue: 1,
    });
  });

  it('compares weighted rates on their effective trials', () => {
    const a = engagementRate(20, 100, { effectiveTrials: 50 });
    const b = engagementRate(30, 100, { effectiveTrials: 50 });
    // Same as 10 of 50 against 15 of 50.
    const expected = compareRates(engagementRate(10, 50), engagementRate(15, 50));
    const got = compareRates(a, b);
    expect(got.difference).toBeCloseTo(expected.difference, 15);
    expect(got.pValue).toBeCloseTo(expected.pValue, 14);
    expect(got.interval.lower).toBeCloseTo(expected.interval.lower, 14);
    expect(got.interval.upper).toBeCloseTo(expected.interval.upper, 14);
  });

  it('reports every problem of both samples and the options', () => {
    const error = caught(() =>
      compareRates({ rate: 1.5, effectiveTrials: 0 }, null as never, { method: 'score' } as never),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['a', 'rate'],
      ['a', 'effectiveTrials'],
      ['b'],
      ['options', 'method'],
    ]);
    expect(error.message).toMatch(/^compareRates: a\.rate must be a share in \[0, 1\], got 1\.5/);
    expect(error.message).toContain("options.method must be 'newcombe' or 'wald'");
  });

  it('refuses a subnormal effective sample size, where the standard error overflows (src/rates/hostileInput.test-prop.ts)', () => {
    let caught: unknown;
    try {
      compareRates({ rate: 0, effectiveTrials: 5e-324 }, { rate: 0.5, effectiveTrials: 10 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngagekitError);
    expect((caught as EngagekitError).code).toBe('INVALID_OPTION');
    expect((caught as EngagekitError).path).toEqual(['a', 'effectiveTrials']);
  });
});
