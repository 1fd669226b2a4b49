import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { ces } from './ces.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('ces', () => {
  const answers = [7, 6, 6, 5, 4, 2, 7, 5];

  it('averages a 1..7 scale by default (hand computation: 42 / 8 = 5.25)', () => {
    const result = ces(answers);
    expect(result).toMatchObject({ score: 5.25, aggregate: 'mean', n: 8, mean: 5.25, easy: 6 });
    expect(result.distribution).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 0 },
      { value: 4, count: 1 },
      { value: 5, count: 2 },
      { value: 6, count: 2 },
      { value: 7, count: 2 },
    ]);
  });

  it('gives the share of easy answers (5-7) with a Wilson interval (confirmed in R)', () => {
    // R: prop.test(6, 8, correct = FALSE)$conf.int * 100  # 40.9275430310169 92.8520787247891
    const result = ces(answers, { aggregate: 'shareEasy' });
    expect(result.score).toBe(75);
    expect(result.shareEasy).toBe(75);
    expect(result.shareEasyInterval.lower).toBeCloseTo(40.9275430310169, 11);
    expect(result.shareEasyInterval.upper).toBeCloseTo(92.8520787247891, 11);
  });

  it('takes the first point above the midpoint as easy by default, or an explicit threshold', () => {
    expect(ces([4, 5, 3], { scale: [1, 5] }).easy).toBe(2);
    expect(ces([6, 5, 3], { scale: [1, 10] }).easy).toBe(1);
    expect(ces(answers, { easyAtLeast: 7, aggregate: 'shareEasy' }).score).toBe(25);
  });

  it('rejects an answer off the scale with INVALID_RESPONSE and its index', () => {
    const error = caught(() => ces([7, 8]));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.path).toEqual(['responses', 1]);
    expect(error.message).toContain('ces: responses[1] is 8, outside the scale 1..7');
  });

  it('rejects an empty sample with EMPTY_INPUT', () => {
    const error = caught(() => ces([]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.path).toEqual(['responses']);
    expect(error.message).toContain('ces: responses is empty');
  });

  it.each([
    [{ aggregate: 'median' }, ['options', 'aggregate']],
    [{ easyAtLeast: 0 }, ['options', 'easyAtLeast']],
    [{ scale: [1] }, ['options', 'scale']],
  ])('rejects the options %j with INVALID_OPTION naming the field', (options, path) => {
    const error = caught(() => ces([3], options as never));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path.slice(0, 2)).toEqual(path);
    expect(error.message).toContain(`ces: options.${String(path[1])}`);
  });
});

describe('ces mean interval', () => {
  it("matches R's t.test confidence interval of the mean", () => {
    // R: t.test(c(1,2,2,3,5,6,7,2,3,1))$conf.int = 1.6994546948366878 4.7005453051633133
    const answers = [1, 2, 2, 3, 5, 6, 7, 2, 3, 1];
    const interval = ces(answers).meanInterval;
    expect(interval?.lower).toBeCloseTo(1.6994546948366878, 10);
    expect(interval?.upper).toBeCloseTo(4.7005453051633133, 10);
    // R: t.test(same, conf.level = 0.9)$conf.int = 1.9840504408062478 4.4159495591937530
    const ninety = ces(answers, { confidence: 0.9 }).meanInterval;
    expect(ninety?.lower).toBeCloseTo(1.9840504408062478, 10);
    expect(ninety?.upper).toBeCloseTo(4.415949559193753, 10);
    // R: t.test(c(4,4,5,6,7,7,7,3,5,6,6,7,2,5))$conf.int = 4.3677895529567534 6.2036390184718178
    const other = ces([4, 4, 5, 6, 7, 7, 7, 3, 5, 6, 6, 7, 2, 5]).meanInterval;
    expect(other?.lower).toBeCloseTo(4.3677895529567534, 10);
    expect(other?.upper).toBeCloseTo(6.2036390184718178, 10);
  });

  it('clips the interval to the scale and has none for a single answer', () => {
    const nearTop = ces([7, 7, 7, 6]).meanInterval;
    expect(nearTop?.upper).toBe(7);
    expect(ces([4]).meanInterval).toBeNull();
    expect(ces([5, 5, 5])).toMatchObject({ mean: 5, meanInterval: { lower: 5, upper: 5 } });
  });
});

describe('ces with survey weights', () => {
  // R 4.2.2, survey 4.1-1: d <- svydesign(ids = ~1, weights = ~w, data = data.frame(y, w));
  // m <- svymean(~y, d); coef(m) 4.109375, SE(m) 0.81589346267211;
  // confint(m, df = degf(d)) 2.3136055964429 .. 5.9051444035571, at level 0.9 2.64412431670728 ..
  // 5.57462568329272.
  const y = [7, 6, 6, 5, 4, 2, 7, 5, 3, 6, 1, 7];
  const w = [1.5, 0.5, 2, 1, 1, 2, 0.25, 1, 2, 0.75, 3, 1];

  it("gives the weighted mean and the design-based t interval of R's survey package", () => {
    const result = ces(y, { weights: w });
    expect(result.mean).toBeCloseTo(4.109375, 13);
    expect(result.meanInterval!.lower).toBeCloseTo(2.3136055964429, 12);
    expect(result.meanInterval!.upper).toBeCloseTo(5.9051444035571, 12);
    const ninety = ces(y, { weights: w, confidence: 0.9 }).meanInterval!;
    expect(ninety.lower).toBeCloseTo(2.64412431670728, 12);
    expect(ninety.upper).toBeCloseTo(5.57462568329272, 12);
    expect(result.n).toBe(12);
    expect(result.easy).toBe(8);
  });

  it('weights the share of easy answers and uses the Kish effective sample size', () => {
    // easy (5-7) weights 1.5 + 0.5 + 2 + 1 + 0.25 + 1 + 0.75 + 1 = 8 of 16: 50%;
    // sum of squared weights 28.125, Kish n = 16^2 / 28.125 = 9.1022...
    const result = ces(y, { weights: w, aggregate: 'shareEasy' });
    expect(result.score).toBe(50);
    expect(result.effectiveSampleSize).toBeCloseTo(256 / 28.125, 12);
    expect(ces(y).effectiveSampleSize).toBe(12);
  });

  it('treats answers of weight 0 as not in the sample (R on the other answers)', () => {
    // R 4.2.2, survey 4.1-1, on the answers of positive weight of y = 7, 6, 6, 5, 4, 2, 7, 5 with
    // w = 2, 2, 0, 2, 1, 0, 1, 1: y <- c(7, 6, 5, 4, 7, 5); w <- c(2, 2, 2, 1, 1, 1);
    // svymean 5.77777777777778, confint(df = degf) 4.61329393522379 .. 6.94226162033177.
    const result = ces([7, 6, 6, 5, 4, 2, 7, 5], { weights: [2, 2, 0, 2, 1, 0, 1, 1] });
    expect(result.mean).toBeCloseTo(5.77777777777778, 13);
    expect(result.meanInterval!.lower).toBeCloseTo(4.61329393522379, 12);
    expect(result.meanInterval!.upper).toBeCloseTo(6.94226162033177, 12);
    expect(result.n).toBe(8);
  });

  it('gives the same results whatever the scale of the weights (1e-200 to 1e200)', () => {
    for (const factor of [1e-200, 1e-150, 1e150, 1e200]) {
      const scaled = ces(y, { weights: w.map((weight) => weight * factor) });
      const plain = ces(y, { weights: w });
      expect(scaled.mean).toBeCloseTo(plain.mean, 12);
      expect(scaled.effectiveSampleSize).toBeCloseTo(plain.effectiveSampleSize, 12);
      expect(scaled.meanInterval!.lower).toBeCloseTo(plain.meanInterval!.lower, 12);
      expect(scaled.meanInterval!.upper).toBeCloseTo(plain.meanInterval!.upper, 12);
      expect(scaled.shareEasyInterval.lower).toBeCloseTo(plain.shareEasyInterval.lower, 10);
    }
  });

  it('leaves answers of weight 0 out of the mean and its spread, but not out of n', () => {
    const result = ces([7, 1, 5], { weights: [1, 0, 1] });
    const without = ces([7, 5]);
    expect(result.mean).toBe(6);
    expect(result.meanInterval).toEqual(without.meanInterval);
    expect(result.n).toBe(3);
    expect(ces([7, 1], { weights: [1, 0] }).meanInterval).toBeNull();
  });

  it('rejects mismatched or bad weights with INVALID_RESPONSE and all-zero weights with EMPTY_INPUT', () => {
    const short = caught(() => ces([7, 6], { weights: [1] }));
    expect(short.code).toBe('INVALID_RESPONSE');
    expect(short.path).toEqual(['options', 'weights']);
    expect(short.message).toContain('ces: options.weights');
    const negative = caught(() => ces([7, 6], { weights: [1, -1] }));
    expect(negative.code).toBe('INVALID_RESPONSE');
    expect(negative.path).toEqual(['options', 'weights', 1]);
    const zero = caught(() => ces([7, 6], { weights: [0, 0] }));
    expect(zero.code).toBe('EMPTY_INPUT');
    expect(zero.path).toEqual(['options', 'weights']);
  });
});

describe('ces at the edges (hostile input)', () => {
  it('returns for the smallest subnormal weight instead of hanging', () => {
    const result = ces([7, 1], { weights: [5e-324, 5e-324] });
    expect(result.mean).toBe(4);
    expect(result.effectiveSampleSize).toBe(2);
  });

  it('gives finite intervals at a confidence level within 1e-16 of 1', () => {
    const result = ces([1, 7, 3], { confidence: 1 - 2 ** -53 });
    expect(result.meanInterval).toEqual({ lower: 1, upper: 7 });
    expect(Number.isFinite(result.shareEasyInterval.lower)).toBe(true);
    expect(Number.isFinite(result.shareEasyInterval.upper)).toBe(true);
  });

  it('rejects null options with INVALID_OPTION at options', () => {
    const error = caught(() => ces([5], null as never));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options']);
  });
});
