import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
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

describe('npsFromCounts', () => {
  it('gives NPS 10 for 40/30/30 (published worked example) with the R-confirmed interval', () => {
    // R: s <- c(rep(1, 40), rep(0, 30), rep(-1, 30))
    //    10 + c(-1, 1) * qnorm(0.975) * 100 * sqrt(mean((s - mean(s))^2) / 100)
    //    # -6.2806836044404 26.2806836044404
    const result = npsFromCounts({ promoters: 40, passives: 30, detractors: 30 });
    expect(result.score).toBe(10);
    expect(result.n).toBe(100);
    expect(result.interval.lower).toBeCloseTo(-6.2806836044404, 12);
    expect(result.interval.upper).toBeCloseTo(26.2806836044404, 12);
  });

  it('takes a confidence level and the adjusted-Wald method', () => {
    // R: qnorm(0.995) * 8.30662386291807  # 21.396445159662939
    expect(
      npsFromCounts({ promoters: 40, passives: 30, detractors: 30 }, { confidence: 0.99 })
        .marginOfError,
    ).toBeCloseTo(21.396445159662939, 11);
    // R: pa <- 40.75 / 103; da <- 30.75 / 103; 100 * (pa - da)  # 9.70873786407767
    //    100 * sqrt((pa + da - (pa - da)^2) / 103)  # 8.15355541121235
    const adjusted = npsFromCounts(
      { promoters: 40, passives: 30, detractors: 30 },
      { method: 'adjustedWald' },
    );
    expect(adjusted.standardError).toBeCloseTo(8.15355541121235, 12);
    expect((adjusted.interval.lower + adjusted.interval.upper) / 2).toBeCloseTo(
      9.70873786407767,
      12,
    );
  });

  it.each([
    [{ promoters: 1.5, passives: 0, detractors: 0 }, 'promoters'],
    [{ promoters: 1, passives: -2, detractors: 0 }, 'passives'],
    [{ promoters: 1, passives: 0 }, 'detractors'],
    [{ promoters: 1, passives: 0, detractors: Number.NaN }, 'detractors'],
  ])('rejects %j with INVALID_RESPONSE naming the count', (counts, field) => {
    const error = caught(() => npsFromCounts(counts as never));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.path).toEqual(['counts', field]);
    expect(error.message).toContain(`npsFromCounts: counts.${field}`);
  });

  it('rejects all-zero counts with EMPTY_INPUT', () => {
    const error = caught(() => npsFromCounts({ promoters: 0, passives: 0, detractors: 0 }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('counts');
  });

  it('rejects weights, which need the answers, with INVALID_OPTION', () => {
    const error = caught(() =>
      npsFromCounts({ promoters: 1, passives: 0, detractors: 0 }, { weights: [1] } as never),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain('weights');
  });
});

describe('npsFromCounts at the edges (hostile input)', () => {
  it('rejects null counts or options, and counts past 2^53 - 1', () => {
    expect(caught(() => npsFromCounts(null as never)).path).toEqual(['counts']);
    const options = caught(() =>
      npsFromCounts({ promoters: 1, passives: 0, detractors: 0 }, null as never),
    );
    expect(options.path).toEqual(['options']);
    const huge = caught(() => npsFromCounts({ promoters: 1e308, passives: 1e308, detractors: 0 }));
    expect(huge.code).toBe('INVALID_RESPONSE');
    expect(huge.issues.map((issue) => issue.path)).toEqual([
      ['counts', 'promoters'],
      ['counts', 'passives'],
    ]);
  });

  it('stays finite at the largest counts it takes', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const result = npsFromCounts({ promoters: max, passives: max, detractors: max });
    expect(result.score).toBe(0);
    expect(Number.isFinite(result.marginOfError)).toBe(true);
  });
});
