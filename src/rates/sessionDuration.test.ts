import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { sessionDuration } from './sessionDuration.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const SECOND = 1000;
const START = Date.UTC(2026, 9, 5, 9);
/** Session durations in seconds. */
const DURATIONS = [120, 45, 600, 30, 0, 240, 1800, 95, 310, 75, 60, 20, 900, 150, 35];
const SESSIONS = DURATIONS.map((seconds, i) => ({
  started_at: new Date(START + i * 3_600_000),
  ended_at: new Date(START + i * 3_600_000 + seconds * SECOND),
}));
const fields = { start: 'started_at', end: 'ended_at' };

describe('sessionDuration', () => {
  it('gives the mean with the t interval and the median with its interval, as R', () => {
    // R: d <- c(120, 45, 600, 30, 0, 240, 1800, 95, 310, 75, 60, 20, 900, 150, 35)
    //    mean(d)  # 298.666666666667;  sd(d)  # 484.427005656708
    //    t.test(d)$conf.int  # 30.3999326984422 566.9334006348913
    //    t.test(d, conf.level = 0.9)$conf.int  # 78.3646103870409 518.9687229462925
    //    median(d)  # 95;  k <- qbinom(0.025, 15, 0.5)  # 4
    //    sort(d)[c(k, 15 - k + 1)]  # 35 310;  1 - 2 * pbinom(k - 1, 15, 0.5)  # 0.96484375
    const result = sessionDuration(SESSIONS, { fields });
    expect(result.sessions).toBe(15);
    expect(result.total).toBe(4480 * SECOND);
    expect(result.mean / SECOND).toBeCloseTo(298.666666666667, 11);
    expect(result.standardDeviation / SECOND).toBeCloseTo(484.427005656708, 10);
    expect(result.meanInterval!.lower / SECOND).toBeCloseTo(30.3999326984422, 8);
    expect(result.meanInterval!.upper / SECOND).toBeCloseTo(566.9334006348913, 8);
    expect(result.median).toBe(95 * SECOND);
    expect(result.medianInterval).toEqual({ lower: 35 * SECOND, upper: 310 * SECOND });
    expect(result.medianCoverage).toBe(0.96484375);
    const ninety = sessionDuration(SESSIONS, { fields, confidence: 0.9 });
    expect(ninety.meanInterval!.lower / SECOND).toBeCloseTo(78.3646103870409, 8);
    expect(ninety.meanInterval!.upper / SECOND).toBeCloseTo(518.9687229462925, 8);
  });

  it('has no interval of the mean for a single session', () => {
    const one = sessionDuration([{ start: 0, end: 60_000 }]);
    expect(one).toMatchObject({ mean: 60_000, meanInterval: null, standardDeviation: 0 });
  });

  it('reports every session that ends before it starts or has no instant', () => {
    const error = caught(() =>
      sessionDuration([
        { start: 10, end: 5 },
        { start: 0, end: 1 },
        { start: Number.NaN, end: 1 },
        { begin: 0, end: 1 },
      ]),
    );
    expect(error.code).toBe('INVALID_ACTIVITY');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['sessions', 0, 'end'],
      ['sessions', 2, 'start'],
      ['sessions', 3, 'start'],
    ]);
    expect(error.message).toMatch(
      /^sessionDuration: sessions\[0\]\.end \(1970-01-01T00:00:00\.005Z\) is before start/,
    );
    expect(caught(() => sessionDuration([])).code).toBe('EMPTY_INPUT');
  });
});
