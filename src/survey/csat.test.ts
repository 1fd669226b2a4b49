import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { csat } from './csat.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const repeat = (value: number, times: number): number[] => Array(times).fill(value);

// Delighted's worked example: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones.
const delighted = [
  ...repeat(5, 42),
  ...repeat(4, 32),
  ...repeat(3, 10),
  ...repeat(2, 9),
  ...repeat(1, 14),
];

describe('csat', () => {
  it("gives 74 / 107 = 69.16% on Delighted's example (published worked example)", () => {
    const result = csat(delighted);
    expect(result.satisfied).toBe(74);
    expect(result.n).toBe(107);
    expect(result.score).toBe((100 * 74) / 107);
    expect(Number(result.score.toFixed(2))).toBe(69.16);
  });

  it('gives the mean, the distribution and the Wilson interval in percent (confirmed in R)', () => {
    // R: x <- c(rep(5, 42), rep(4, 32), rep(3, 10), rep(2, 9), rep(1, 14)); mean(x)
    //    # 3.7383177570093458
    //    prop.test(74, 107, correct = FALSE)$conf.int * 100  # 59.871509132198553 77.118260252129756
    const result = csat(delighted);
    expect(result.mean).toBeCloseTo(3.7383177570093458, 14);
    expect(result.distribution).toEqual([
      { value: 1, count: 14 },
      { value: 2, count: 9 },
      { value: 3, count: 10 },
      { value: 4, count: 32 },
      { value: 5, count: 42 },
    ]);
    expect(result.interval.lower).toBeCloseTo(59.87150913219855, 11);
    expect(result.interval.upper).toBeCloseTo(77.11826025212976, 11);
    expect(result.confidence).toBe(0.95);
  });

  it('takes another scale, its top-2-box by default, or an explicit threshold', () => {
    const answers = [10, 9, 8, 7, 1];
    expect(csat(answers, { scale: [1, 10] }).satisfied).toBe(2);
    expect(csat(answers, { scale: [1, 10], satisfiedAtLeast: 7 }).score).toBe(80);
    expect(csat(answers, { scale: [1, 10] }).distribution).toHaveLength(10);
  });

  it('keeps the interval inside [0, 100] when every answer is satisfied', () => {
    const result = csat(repeat(5, 12));
    expect(result.score).toBe(100);
    expect(result.interval.upper).toBe(100);
    expect(result.interval.lower).toBeGreaterThan(0);
    expect(result.interval.lower).toBeLessThan(100);
  });

  it.each([
    [[5, 6], 1, 'outside the scale 1..5'],
    [[5, 0], 1, 'outside'],
    [[4.5], 0, 'not a whole number'],
    [[Number.NaN], 0, 'NaN'],
    [['5'], 0, 'must be a number'],
  ])('rejects %j with INVALID_RESPONSE at index %d', (responses, index, words) => {
    const error = caught(() => csat(responses as number[]));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.path).toEqual(['responses', index]);
    expect(error.message).toContain(`csat: responses[${index}]`);
    expect(error.message).toContain(words);
  });

  it('rejects an empty sample with EMPTY_INPUT', () => {
    const error = caught(() => csat([]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('csat: responses');
  });

  it.each([
    [{ scale: [5, 1] }, ['options', 'scale']],
    [{ scale: [1, 4.5] }, ['options', 'scale', 1]],
    [{ satisfiedAtLeast: 6 }, ['options', 'satisfiedAtLeast']],
    [{ satisfiedAtLeast: 3.5 }, ['options', 'satisfiedAtLeast']],
    [{ confidence: 2 }, ['options', 'confidence']],
  ])('rejects the options %j with INVALID_OPTION naming the field', (options, path) => {
    const error = caught(() => csat([3], options as never));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(path);
    expect(error.message).toContain(`csat: options.${String(path[1])}`);
  });
});

describe('csat with survey weights', () => {
  // R 4.2.2: p <- sum(v[r >= 4]) / sum(v) = 0.416666666666667, Kish n = sum(v)^2 / sum(v^2) =
  // 7.944827586206896; prop.test(p * n, n, correct = FALSE)$conf.int 0.161062519644575 ..
  // 0.726591836840502; weighted mean sum(v * r) / sum(v) = 3.375.
  const r = [5, 4, 3, 5, 1, 2, 4, 5, 3, 4];
  const v = [1.5, 0.5, 2, 1, 1, 2, 0.25, 1, 2, 0.75];

  it('gives the weighted share with a Wilson interval on the Kish effective sample size (confirmed in R)', () => {
    const result = csat(r, { weights: v });
    expect(result.score).toBeCloseTo(41.6666666666667, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(7.944827586206896, 12);
    expect(result.interval.lower).toBeCloseTo(16.1062519644575, 11);
    expect(result.interval.upper).toBeCloseTo(72.6591836840502, 11);
    expect(result.mean).toBeCloseTo(3.375, 13);
    expect(result.n).toBe(10);
    expect(result.satisfied).toBe(6);
    expect(csat(r).effectiveSampleSize).toBe(10);
  });

  it('rejects mismatched or bad weights with INVALID_RESPONSE and all-zero weights with EMPTY_INPUT', () => {
    const short = caught(() => csat([5, 4], { weights: [1] }));
    expect(short.code).toBe('INVALID_RESPONSE');
    expect(short.path).toEqual(['options', 'weights']);
    expect(short.message).toContain('csat: options.weights');
    const bad = caught(() => csat([5, 4], { weights: [1, Number.NaN] }));
    expect(bad.code).toBe('INVALID_RESPONSE');
    expect(bad.path).toEqual(['options', 'weights', 1]);
    const zero = caught(() => csat([5, 4], { weights: [0, 0] }));
    expect(zero.code).toBe('EMPTY_INPUT');
  });
});

describe('csat at the edges (hostile input)', () => {
  it('returns for the smallest subnormal weight instead of hanging', () => {
    expect(csat([5, 1], { weights: [5e-324, 5e-324] }).score).toBe(50);
    expect(csat([5], { weights: [5e-324] }).effectiveSampleSize).toBe(1);
  });

  it('gives a finite Wilson interval at a confidence level within 1e-16 of 1', () => {
    const { interval } = csat([1, 5], { confidence: 1 - 2 ** -53 });
    expect(Number.isFinite(interval.lower) && Number.isFinite(interval.upper)).toBe(true);
    expect(interval.lower).toBeGreaterThanOrEqual(0);
    expect(interval.upper).toBeLessThanOrEqual(100);
  });

  it('rejects null options, and reports every bad option at once', () => {
    expect(caught(() => csat([5], null as never)).path).toEqual(['options']);
    const error = caught(() =>
      csat([5], { scale: [1, 1e300], confidence: 0, colour: 'red' } as never),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options'],
      ['options', 'scale', 1],
      ['options', 'confidence'],
    ]);
  });
});
