import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { nps } from './nps.js';

const repeat = (value: number, times: number): number[] => Array(times).fill(value);

/** Catches what `run` throws, failing when it does not throw an EngagekitError. */
function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('nps', () => {
  it('gives 10 for 40% promoters, 30% passives and 30% detractors (published worked example)', () => {
    // NPS = %promoters - %detractors = 40 - 30 = 10 (Reichheld's definition).
    const result = nps([...repeat(10, 40), ...repeat(7, 30), ...repeat(0, 30)]);
    expect(result.score).toBe(10);
    expect(result).toMatchObject({
      n: 100,
      promoters: 40,
      passives: 30,
      detractors: 30,
      promoterRate: 0.4,
      passiveRate: 0.3,
      detractorRate: 0.3,
      effectiveSampleSize: 100,
      confidence: 0.95,
      method: 'wald',
    });
  });

  it('computes the trinomial margin of error and interval at 95% (confirmed in R)', () => {
    // R: s <- c(rep(1, 40), rep(0, 30), rep(-1, 30)); se <- 100 * sqrt(mean((s - mean(s))^2) / 100)
    //    se  # 8.30662386291807;  qnorm(0.975) * se  # 16.2806836044404
    const result = nps([...repeat(9, 40), ...repeat(8, 30), ...repeat(6, 30)]);
    expect(result.standardError).toBeCloseTo(8.30662386291807, 12);
    expect(result.marginOfError).toBeCloseTo(16.280683604440402, 12);
    expect(result.interval.lower).toBeCloseTo(-6.2806836044404, 12);
    expect(result.interval.upper).toBeCloseTo(26.2806836044404, 12);
  });

  it.each([
    // R: qnorm(1 - (1 - cl) / 2) * 8.30662386291807 for cl in c(0.8, 0.9, 0.95, 0.99)
    [0.8, 10.645366815912798],
    [0.9, 13.663180388642438],
    [0.95, 16.280683604440402],
    [0.99, 21.396445159662939],
  ])(
    'uses the normal quantile of confidence %d, not a hard-coded 1.96 (R)',
    (confidence, margin) => {
      const result = nps([...repeat(10, 40), ...repeat(7, 30), ...repeat(0, 30)], { confidence });
      expect(result.marginOfError).toBeCloseTo(margin, 11);
      expect(result.confidence).toBe(confidence);
    },
  );

  it('classifies 9-10 as promoters, 7-8 as passives and 0-6 as detractors', () => {
    const result = nps([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([result.detractors, result.passives, result.promoters]).toEqual([7, 2, 2]);
    expect(result.score).toBeCloseTo((100 * (2 - 7)) / 11, 12);
  });

  it('weights responses and uses the Kish effective sample size (confirmed in R)', () => {
    // R: x <- c(10, 9, 8, 7, 6, 5, 0, 10, 9, 3); w <- c(1.5, 0.5, 2, 1, 1, 2, 0.25, 1, 2, 0.75)
    //    s <- ifelse(x >= 9, 1, ifelse(x >= 7, 0, -1)); m <- weighted.mean(s, w)
    //    ess <- sum(w)^2 / sum(w^2); p <- sum(w[s == 1]) / sum(w); d <- sum(w[s == -1]) / sum(w)
    //    se <- 100 * sqrt((p + d - (p - d)^2) / ess)
    //    100 * m  # 8.3333333333333321;  ess  # 7.9448275862068964;  se  # 30.582177480933382
    //    100 * m + c(-1, 1) * qnorm(0.975) * se  # -51.606633098107963 68.27329976477462
    //    100 * sqrt(sum(w * (s - m)^2) / sum(w) / ess)  # same se, as a weighted variance
    const result = nps([10, 9, 8, 7, 6, 5, 0, 10, 9, 3], {
      weights: [1.5, 0.5, 2, 1, 1, 2, 0.25, 1, 2, 0.75],
    });
    expect(result.score).toBeCloseTo(8.3333333333333321, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(7.9448275862068964, 12);
    expect(result.standardError).toBeCloseTo(30.582177480933382, 11);
    expect(result.interval.lower).toBeCloseTo(-51.606633098107963, 11);
    expect(result.interval.upper).toBeCloseTo(68.27329976477462, 11);
    expect([result.n, result.promoters, result.passives, result.detractors]).toEqual([10, 4, 2, 4]);
  });

  it('gives the unweighted result when every weight is equal', () => {
    const answers = [10, 9, 8, 7, 6, 5, 0, 10, 9, 3];
    const plain = nps(answers);
    const weighted = nps(answers, { weights: repeat(2.5, answers.length) });
    expect(weighted.score).toBeCloseTo(plain.score, 12);
    expect(weighted.effectiveSampleSize).toBeCloseTo(10, 12);
    expect(weighted.marginOfError).toBeCloseTo(plain.marginOfError, 12);
  });

  it('leaves zero-weight responses out of the score but counts them in n', () => {
    const result = nps([10, 0], { weights: [1, 0] });
    expect(result.score).toBe(100);
    expect(result.n).toBe(2);
    expect(result.effectiveSampleSize).toBe(1);
  });

  it('computes the adjusted-Wald interval of Sauro & Lewis (confirmed in R)', () => {
    // 8 promoters, 1 passive, 1 detractor. R:
    //   pa <- (8 + 0.75) / 13; da <- (1 + 0.75) / 13; c0 <- 100 * (pa - da)  # 53.846153846153854
    //   se <- 100 * sqrt((pa + da - (pa - da)^2) / 13)  # 19.956712371645029
    //   c0 + c(-1, 1) * qnorm(0.975) * se  # 14.73171634790468 92.960591344403028
    const result = nps([...repeat(9, 8), 7, 2], { method: 'adjustedWald' });
    expect(result.score).toBe(70);
    expect(result.method).toBe('adjustedWald');
    expect(result.standardError).toBeCloseTo(19.956712371645029, 12);
    expect(result.interval.lower).toBeCloseTo(14.73171634790468, 11);
    expect(result.interval.upper).toBeCloseTo(92.960591344403028, 11);
  });

  it('gives the adjusted-Wald interval a width when every answer is a promoter (R)', () => {
    // R: pa <- 5.75 / 8; da <- 0.75 / 8; c0 <- 100 * (pa - da)  # 62.5
    //    se <- 100 * sqrt((pa + da - (pa - da)^2) / 8)  # 22.963966338592297
    //    c0 - qnorm(0.975) * se  # 17.491453034168977; the upper end is clamped to 100
    const wald = nps(repeat(10, 5));
    expect(wald.interval).toEqual({ lower: 100, upper: 100 });
    expect(wald.marginOfError).toBe(0);
    const adjusted = nps(repeat(10, 5), { method: 'adjustedWald' });
    expect(adjusted.interval.lower).toBeCloseTo(17.491453034168977, 11);
    expect(adjusted.interval.upper).toBe(100);
  });

  it('clamps the interval to [-100, 100]', () => {
    const result = nps([10, 10, 10, 0]);
    expect(result.interval.upper).toBe(100);
    expect(result.interval.lower).toBeGreaterThanOrEqual(-100);
  });

  describe('bad input', () => {
    it.each([
      [[10, 11], 1, 'outside the scale 0..10'],
      [[10, -1], 1, 'outside'],
      [[7.5], 0, 'not a whole number'],
      [[Number.NaN], 0, 'NaN'],
      [[3, '9'], 1, 'must be a number'],
      [[Number.POSITIVE_INFINITY], 0, 'not a whole number'],
      [[null], 0, 'must be a number'],
    ])('rejects %j with INVALID_RESPONSE at index %d', (responses, index, words) => {
      const error = caught(() => nps(responses as number[]));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['responses', index]);
      expect(error.message).toContain(`nps: responses[${index}]`);
      expect(error.message).toContain(words);
    });

    it('rejects a non-array with INVALID_RESPONSE', () => {
      const error = caught(() => nps('10,9' as unknown as number[]));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.message).toContain('responses');
    });

    it('rejects an empty sample with EMPTY_INPUT, not a fake 0', () => {
      const error = caught(() => nps([]));
      expect(error.code).toBe('EMPTY_INPUT');
      expect(error.path).toEqual(['responses']);
      expect(error.message).toMatch(/^nps: responses is empty/);
    });

    it('rejects weights of the wrong length with INVALID_RESPONSE', () => {
      const error = caught(() => nps([10, 9], { weights: [1] }));
      expect(error.code).toBe('INVALID_RESPONSE');
      expect(error.path).toEqual(['options', 'weights']);
      expect(error.message).toContain('options.weights');
    });

    it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['2']])(
      'rejects the weight %j with INVALID_RESPONSE and its index',
      (bad) => {
        const error = caught(() => nps([10, 9, 0], { weights: [1, bad as number, 1] }));
        expect(error.code).toBe('INVALID_RESPONSE');
        expect(error.path).toEqual(['options', 'weights', 1]);
        expect(error.message).toContain('nps: options.weights[1]');
      },
    );

    it('rejects all-zero weights with EMPTY_INPUT', () => {
      const error = caught(() => nps([10, 9], { weights: [0, 0] }));
      expect(error.code).toBe('EMPTY_INPUT');
      expect(error.message).toContain('options.weights');
    });

    it.each([[0], [1], [1.5], [Number.NaN], ['0.95']])(
      'rejects the confidence %j with INVALID_OPTION',
      (confidence) => {
        const error = caught(() => nps([10], { confidence: confidence as number }));
        expect(error.code).toBe('INVALID_OPTION');
        expect(error.path).toEqual(['options', 'confidence']);
        expect(error.message).toContain('nps: options.confidence');
      },
    );

    it('rejects an unknown method and unknown options with INVALID_OPTION', () => {
      const method = caught(() => nps([10], { method: 'exact' as 'wald' }));
      expect(method.code).toBe('INVALID_OPTION');
      expect(method.message).toContain('options.method');
      const unknown = caught(() => nps([10], { confidance: 0.9 } as never));
      expect(unknown.code).toBe('INVALID_OPTION');
      expect(unknown.message).toContain('confidance');
    });
  });
});

describe('nps at the edges (hostile input)', () => {
  it('returns for the smallest subnormal weight instead of hanging (2 ** 1074 is Infinity)', () => {
    // Every weight is a share of the total: one answer of any positive weight scores as itself.
    const result = nps([10], { weights: [5e-324] });
    expect(result.score).toBe(100);
    expect(result.effectiveSampleSize).toBe(1);
    expect(nps([10, 0], { weights: [5e-324, 5e-324] }).score).toBe(0);
  });

  it('weighs subnormal weights exactly: 2^-1070 against 3 x 2^-1070 is 1 against 3', () => {
    // score = 100 (1 - 3) / 4 = -50; Kish n = (1 + 3)^2 / (1 + 9) = 1.6.
    const result = nps([10, 0], { weights: [2 ** -1070, 3 * 2 ** -1070] });
    expect(result.score).toBe(-50);
    expect(result.effectiveSampleSize).toBeCloseTo(1.6, 14);
    const huge = nps([10, 0, 0], { weights: [Number.MAX_VALUE, 5e-324, 5e-324] });
    expect(huge.score).toBe(100);
  });

  it('gives a finite interval at a confidence level within 1e-16 of 1 (0.5 + c/2 rounds to 1)', () => {
    const result = nps([1, 10], { confidence: 1 - 2 ** -53 });
    expect(Number.isFinite(result.marginOfError)).toBe(true);
    expect(result.interval).toEqual({ lower: -100, upper: 100 });
  });

  it('rejects null or a non-object as options with INVALID_OPTION at options', () => {
    for (const options of [null, 3, 'wald', [0.9]]) {
      const error = caught(() => nps([10], options as never));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.path).toEqual(['options']);
      expect(error.message).toMatch(/^nps: options must be an object/);
    }
  });

  it('reports every bad answer and weight in error.issues, not only the first', () => {
    const error = caught(() => nps([12, 7, 1.5, 'x' as never], { weights: [1, -1, 1, 1] }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['responses', 0],
      ['responses', 2],
      ['responses', 3],
      ['options', 'weights', 1],
    ]);
    expect(error.message).toMatch(
      /^nps: responses\[0\] is 12, outside the scale 0..10 \(and 3 more/,
    );
    const options = caught(() => nps([10], { confidence: 2, method: 'x' as never }));
    expect(options.issues.map((issue) => issue.path)).toEqual([
      ['options', 'confidence'],
      ['options', 'method'],
    ]);
  });

  it('reads every index of a sparse array: a hole is a missing answer', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const error = caught(() => nps([10, , 9] as number[]));
    expect(error.path).toEqual(['responses', 1]);
    expect(error.message).toBe('nps: responses[1] must be a number, got undefined');
  });
});

describe('nps with extreme weights', () => {
  it('keeps the score within -100 and 100 when a weight near 1e282 makes 100 * -D / D round past -100 (seed -223009097)', () => {
    const weights = [
      0, 0, 0, 0, 0, 1.5676097887979337e282, 0, 0.9999999999999999, 0.9999999999999999, 0,
    ];
    const result = nps(new Array(10).fill(0), { weights });
    expect(result.score).toBe(-100);
    expect(result.detractorRate).toBe(1);
    expect(nps(new Array(10).fill(10), { weights }).score).toBe(100);
  });
});
