import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compareNps } from './compareNps.js';
import { npsFromCounts } from './npsFromCounts.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const counts = (promoters: number, passives: number, detractors: number) =>
  npsFromCounts({ promoters, passives, detractors });

describe('compareNps', () => {
  it('tests 40/30/30 against 50/30/20 with the Wald standard error (confirmed in R)', () => {
    // R: trin <- function(P, A, D) { s <- c(rep(1, P), rep(0, A), rep(-1, D))
    //      100 * sqrt(mean((s - mean(s))^2) / length(s)) }
    //    se <- sqrt(trin(40, 30, 30)^2 + trin(50, 30, 20)^2)  # 11.4017542509914
    //    z <- 20 / se  # 1.75411603861406;  2 * pnorm(-abs(z))  # 0.0794106259989422
    //    20 + c(-1, 1) * qnorm(0.975) * se  # -2.34702769251956 42.3470276925196
    const result = compareNps(counts(40, 30, 30), counts(50, 30, 20));
    expect(result.difference).toBe(20);
    expect(result.standardError).toBeCloseTo(11.4017542509914, 12);
    expect(result.z).toBeCloseTo(1.75411603861406, 12);
    expect(result.pValue).toBeCloseTo(0.0794106259989422, 14);
    expect(result.interval.lower).toBeCloseTo(-2.34702769251956, 11);
    expect(result.interval.upper).toBeCloseTo(42.3470276925196, 11);
    expect(result).toMatchObject({ confidence: 0.95, method: 'wald' });
  });

  it('computes the adjusted-Wald comparison of Sauro & Lewis (confirmed in R)', () => {
    // R: adj <- function(P, D, n) { p <- (P + 0.75) / (n + 3); d <- (D + 0.75) / (n + 3)
    //      list(c = 100 * (p - d), se = 100 * sqrt((p + d - (p - d)^2) / (n + 3))) }
    //    a <- adj(40, 30, 100); b <- adj(50, 20, 100); se <- sqrt(a$se^2 + b$se^2)
    //    b$c - a$c  # 19.4174757281553;  se  # 11.2089160230861
    //    z <- (b$c - a$c) / se  # 1.73232413269604;  2 * pnorm(-abs(z))  # 0.0832158675315712
    const result = compareNps(counts(40, 30, 30), counts(50, 30, 20), { method: 'adjustedWald' });
    expect(result.difference).toBeCloseTo(19.4174757281553, 12);
    expect(result.standardError).toBeCloseTo(11.2089160230861, 12);
    expect(result.z).toBeCloseTo(1.73232413269604, 12);
    expect(result.pValue).toBeCloseTo(0.0832158675315712, 14);
  });

  it('gives a p-value that is right far in the tail and near 1 (R)', () => {
    // R: se <- sqrt(trin(300, 100, 100)^2 + trin(100, 100, 300)^2); z <- -80 / se
    //    z  # -15.8113883008419;  2 * pnorm(-abs(z))  # 2.5968070393400554e-56
    const far = compareNps(counts(300, 100, 100), counts(100, 100, 300));
    expect(far.z).toBeCloseTo(-15.8113883008419, 11);
    expect(far.pValue / 2.5968070393400554e-56).toBeCloseTo(1, 10);
    // R: se <- sqrt(trin(30, 40, 30)^2 + trin(33, 40, 27)^2); z <- 6 / se
    //    z  # 0.54854599453862851;  2 * pnorm(-abs(z))  # 0.58331705657338251
    const near = compareNps(counts(30, 40, 30), counts(33, 40, 27));
    expect(near.pValue).toBeCloseTo(0.58331705657338251, 14);
  });

  it('gives p = 1 and no z when two degenerate samples agree, p = 0 when they differ (Wald)', () => {
    const allPromoters = counts(5, 0, 0);
    expect(compareNps(allPromoters, counts(8, 0, 0))).toMatchObject({
      difference: 0,
      standardError: 0,
      z: null,
      pValue: 1,
    });
    expect(compareNps(allPromoters, counts(0, 0, 3))).toMatchObject({ z: null, pValue: 0 });
    expect(compareNps(allPromoters, counts(0, 0, 3)).interval).toEqual({
      lower: -200,
      upper: -200,
    });
    const adjusted = compareNps(allPromoters, counts(8, 0, 0), { method: 'adjustedWald' });
    expect(adjusted.standardError).toBeGreaterThan(0);
    expect(typeof adjusted.z).toBe('number');
  });

  it('is antisymmetric: swapping the samples negates the difference and z, keeps the p-value', () => {
    const a = counts(12, 5, 9);
    const b = counts(20, 3, 4);
    const forward = compareNps(a, b);
    const backward = compareNps(b, a);
    expect(backward.difference).toBe(-forward.difference);
    expect(backward.z).toBe(-(forward.z ?? 0));
    expect(backward.pValue).toBe(forward.pValue);
  });

  it.each([
    [{ score: 0, promoterRate: 1.2, detractorRate: 0, effectiveSampleSize: 10 }, 'promoterRate'],
    [{ score: 0, promoterRate: 0.7, detractorRate: 0.7, effectiveSampleSize: 10 }, 'detractorRate'],
    [
      { score: 0, promoterRate: 0.5, detractorRate: 0.2, effectiveSampleSize: 0 },
      'effectiveSampleSize',
    ],
    [{ score: 300, promoterRate: 0.5, detractorRate: 0.2, effectiveSampleSize: 3 }, 'score'],
    [{ promoterRate: 0.5, detractorRate: 0.2, effectiveSampleSize: 3 }, 'score'],
  ])('rejects the sample %j with INVALID_OPTION naming the field', (sample, field) => {
    const error = caught(() => compareNps(counts(1, 1, 1), sample as never));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['b', field]);
    expect(error.message).toContain(`compareNps: b.${field}`);
  });

  it('rejects bad options with INVALID_OPTION', () => {
    const error = caught(() => compareNps(counts(1, 1, 1), counts(1, 1, 1), { confidence: 95 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain('options.confidence');
  });
});

describe('compareNps at the edges (hostile input)', () => {
  const sample = { score: 0, promoterRate: 0.5, detractorRate: 0.5, effectiveSampleSize: 2 };

  it('rejects an effective sample size below 1, which gave an Infinity standard error', () => {
    // Kish's (sum w)^2 / sum w^2 is never below 1; 5e-324 made the variance / n overflow.
    const error = caught(() => compareNps({ ...sample, effectiveSampleSize: 5e-324 }, sample));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['a', 'effectiveSampleSize']);
    expect(error.message).toMatch(/^compareNps: a\.effectiveSampleSize must be .* at least 1/);
  });

  it('stays finite for the largest effective sample sizes and levels within 1e-16 of 1', () => {
    const huge = { ...sample, effectiveSampleSize: Number.MAX_VALUE };
    const result = compareNps(huge, {
      ...huge,
      score: 10,
      promoterRate: 0.55,
      detractorRate: 0.45,
    });
    expect(Number.isFinite(result.standardError)).toBe(true);
    expect(result.z === null || Number.isFinite(result.z)).toBe(true);
    const wide = compareNps(sample, sample, { confidence: 1 - 2 ** -53 });
    expect(wide.interval).toEqual({ lower: -200, upper: 200 });
  });

  it('rejects null samples and options, and reports every problem of both samples', () => {
    expect(caught(() => compareNps(sample, sample, null as never)).path).toEqual(['options']);
    const error = caught(() => compareNps(null as never, { ...sample, score: 101 }));
    expect(error.issues.map((issue) => issue.path)).toEqual([['a'], ['b', 'score']]);
  });
});
