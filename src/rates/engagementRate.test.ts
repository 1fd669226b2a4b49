import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
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

describe('engagementRate', () => {
  it('gives the rate and the Wilson interval of R prop.test(correct = FALSE)', () => {
    // R: prop.test(42, 380, correct = FALSE)$conf.int  # 0.0828159901544446 0.1460322929116324
    const open = engagementRate(42, 380);
    expect(open.rate).toBe(42 / 380);
    expect(open.interval.lower).toBeCloseTo(0.0828159901544446, 14);
    expect(open.interval.upper).toBeCloseTo(0.1460322929116324, 14);
    expect(open).toMatchObject({
      successes: 42,
      trials: 380,
      effectiveTrials: 380,
      confidence: 0.95,
    });
    // R: prop.test(42, 380, conf.level = 0.9, correct = FALSE)$conf.int
    //    # 0.0867733458281628 0.1397860676350904
    const ninety = engagementRate(42, 380, { confidence: 0.9 });
    expect(ninety.interval.lower).toBeCloseTo(0.0867733458281628, 14);
    expect(ninety.interval.upper).toBeCloseTo(0.1397860676350904, 14);
  });

  it('gives a finite interval for any effective number of trials, 1e-310 to 1e308 (issue 21)', () => {
    // the Wilson interval tends to [0, 1] as n tends to 0, and to the point p as n grows
    const tiny = engagementRate(1, 2, { effectiveTrials: 1e-310 });
    expect(tiny.interval.lower).toBeCloseTo(0, 12);
    expect(tiny.interval.upper).toBeCloseTo(1, 12);
    const huge = engagementRate(1, 2, { effectiveTrials: 1e308 });
    expect(huge.interval.lower).toBeCloseTo(0.5, 12);
    expect(huge.interval.upper).toBeCloseTo(0.5, 12);
  });

  it('is exactly 0 below with no success and exactly 1 above when all succeed', () => {
    // R: prop.test(0, 10, correct = FALSE)$conf.int  # 0 0.277532799862889
    const none = engagementRate(0, 10);
    expect(none.rate).toBe(0);
    expect(none.interval.lower).toBe(0);
    expect(none.interval.upper).toBeCloseTo(0.277532799862889, 14);
    const all = engagementRate(10, 10);
    expect(all.rate).toBe(1);
    expect(all.interval.upper).toBe(1);
    expect(all.interval.lower).toBeCloseTo(1 - 0.277532799862889, 14);
  });

  it('reads counts as SQL drivers return them: numbers, bigints and decimal strings', () => {
    const plain = engagementRate(42, 380);
    expect(engagementRate(42n, 380n)).toEqual(plain);
    expect(engagementRate('42', '380')).toEqual(plain);
    expect(engagementRate('42.00', '3.8e2')).toEqual(plain);
    expect(engagementRate('+42', 380)).toEqual(plain);
    // Above 2^53 a bigint rounds to the nearest double: the rate does not notice.
    const huge = engagementRate(2n ** 60n, 2n ** 61n + 1n);
    expect(huge.rate).toBe(0.5);
  });

  it('takes weighted totals with the effective number of trials for the interval', () => {
    // Weighted rows: 30 of 200 with weight 1.5 and 10 of 300 with weight 0.5: 50 of 450,
    // Kish n = 450^2 / (1.5^2 * 200 + 0.5^2 * 300) = 385.714...
    // R: wil <- function(p, n, z = qnorm(0.975)) (p + z^2/(2*n) + c(-1, 1) *
    //      z * sqrt(p*(1-p)/n + z^2/(4*n^2))) / (1 + z^2/n)
    //    wil(50/450, 450^2/525)  # 0.0835032709162341 0.1463887170504283
    const weighted = engagementRate(50, 450, { effectiveTrials: 450 ** 2 / 525 });
    expect(weighted.rate).toBeCloseTo(50 / 450, 15);
    expect(weighted.effectiveTrials).toBeCloseTo(385.7142857142857, 10);
    expect(weighted.interval.lower).toBeCloseTo(0.0835032709162341, 13);
    expect(weighted.interval.upper).toBeCloseTo(0.1463887170504283, 13);
    // Non-whole counts are weighted totals too.
    expect(engagementRate(2.5, 10).rate).toBe(0.25);
  });

  it('reports every problem at once, with its path', () => {
    const error = caught(() =>
      engagementRate('x', -1, { confidence: 2, effectiveTrials: 0, when: 1 } as never),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['successes']);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['successes'],
      ['trials'],
      ['options', 'when'],
      ['options', 'confidence'],
      ['options', 'effectiveTrials'],
    ]);
    expect(error.message).toMatch(
      /^engagementRate: successes must be a finite count >= 0; the string "x"/,
    );
    expect(error.message).toContain('trials must be a finite count >= 0, got -1');
    expect(error.message).toContain('options.when is not an option of engagementRate');
  });

  it.each([
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    [-1n, 'got -1n'],
    ['', 'the string ""'],
    [' 4', 'the string " 4"'],
    ['NaN', 'the string "NaN"'],
    ['Infinity', 'the string "Infinity"'],
    ['0x10', 'the string "0x10"'],
    ['-3', 'the string "-3"'],
    [null, 'got null'],
    [true, 'got true'],
  ])('refuses the count %s rather than reading it as a number', (value, words) => {
    const error = caught(() => engagementRate(value as never, 10));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['successes']);
    expect(error.message).toContain(words);
  });

  it('refuses more successes than trials, and no trials at all', () => {
    const more = caught(() => engagementRate(11, '10'));
    expect(more.code).toBe('INVALID_OPTION');
    expect(more.message).toBe('engagementRate: successes (11) must not exceed trials (10)');
    const none = caught(() => engagementRate(0, 0n));
    expect(none.code).toBe('EMPTY_INPUT');
    expect(none.path).toEqual(['trials']);
    expect(none.message).toMatch(/^engagementRate: trials is 0/);
  });
});
