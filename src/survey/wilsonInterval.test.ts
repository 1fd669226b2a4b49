import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { wilsonInterval } from './wilsonInterval.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('wilsonInterval', () => {
  it('gives [0, 27.75%] for 0 successes of 10 (published worked example, confirmed in R)', () => {
    // R: prop.test(0, 10, correct = FALSE)$conf.int  # 0.00000000000000000 0.27753279986288915
    // By hand: upper = z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.2775328.
    const { lower, upper } = wilsonInterval(0, 10);
    expect(lower).toBe(0);
    expect(upper).toBeCloseTo(0.27753279986288915, 14);
    expect(Number((100 * upper).toFixed(2))).toBe(27.75);
  });

  it.each([
    // R: prop.test(x, n, correct = FALSE, conf.level = cl)$conf.int
    [74, 107, 0.95, 0.59871509132198553, 0.77118260252129756],
    [6, 8, 0.95, 0.409275430310169, 0.92852078724789089],
    [3, 7, 0.8, 0.22598811161452573, 0.65830294637909348],
    [0, 10, 0.9, 0, 0.212941970083407],
    [10, 10, 0.99, 0.601145906695092, 1],
  ])('matches R prop.test(%d, %d, correct = FALSE, conf.level = %d)', (x, n, cl, lo, hi) => {
    const { lower, upper } = wilsonInterval(x, n, { confidence: cl });
    expect(lower).toBeCloseTo(lo, 13);
    expect(upper).toBeCloseTo(hi, 13);
  });

  it.each([
    [-1, 10, 'successes'],
    [1.5, 10, 'successes'],
    [Number.NaN, 10, 'successes'],
    [1, 2.5, 'n'],
    [11, 10, 'successes'],
  ])('rejects successes %d of n %d with INVALID_OPTION naming %s', (x, n, field) => {
    const error = caught(() => wilsonInterval(x, n));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual([field]);
    expect(error.message).toContain(`wilsonInterval: ${field}`);
  });

  it('rejects n = 0 with EMPTY_INPUT', () => {
    const error = caught(() => wilsonInterval(0, 0));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.path).toEqual(['n']);
    expect(error.message).toContain('n is 0');
  });
});

describe('wilsonInterval at the edges (hostile input)', () => {
  it('gives a finite interval at a confidence level within 1e-16 of 1 (it gave NaN)', () => {
    const { lower, upper } = wilsonInterval(1, 2, { confidence: 1 - 2 ** -53 });
    expect(lower).toBeGreaterThan(0);
    expect(upper).toBeLessThan(1);
    expect(lower + upper).toBeCloseTo(1, 12);
  });

  it('takes counts up to 2^53 - 1 and refuses larger ones, which are not exact whole numbers', () => {
    const { lower, upper } = wilsonInterval(1, Number.MAX_SAFE_INTEGER);
    expect(lower).toBeGreaterThan(0);
    expect(upper).toBeGreaterThan(lower);
    const error = caught(() => wilsonInterval(1, 1.7e308));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['n']);
  });

  it('rejects null options, and reports every bad argument at once', () => {
    expect(caught(() => wilsonInterval(1, 2, null as never)).path).toEqual(['options']);
    const error = caught(() => wilsonInterval(-1, 2.5, { confidence: 7 }));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['successes'],
      ['n'],
      ['options', 'confidence'],
    ]);
  });
});
