import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { engagementRate } from './engagementRate.js';
import { visitFrequency } from './visitFrequency.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const DAY = 86_400_000;
/** Visits per user of 20 users. */
const COUNTS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
const ACTIVITY = COUNTS.flatMap((count, user) =>
  Array.from({ length: count }, (_, visit) => ({ userId: `u${user}`, at: visit * DAY + user })),
);

describe('visitFrequency', () => {
  it('gives the distribution, mean and median of visits per user with the order-statistic interval', () => {
    // R: x <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4); n <- length(x)
    //    median(x)  # 4.5;  k <- qbinom(0.025, n, 0.5)  # 6
    //    sort(x)[c(k, n - k + 1)]  # 3 7;  1 - 2 * pbinom(k - 1, n, 0.5)  # 0.958610534667969
    const result = visitFrequency(ACTIVITY);
    expect(result).toMatchObject({ rows: 97, visits: 97, users: 20, meanVisits: 97 / 20 });
    expect(result.median).toBe(4.5);
    expect(result.interval).toEqual({ lower: 3, upper: 7 });
    expect(result.coverage).toBeCloseTo(0.958610534667969, 14);
    expect(result.distribution).toEqual([
      { visits: 1, users: 2 },
      { visits: 2, users: 2 },
      { visits: 3, users: 4 },
      { visits: 4, users: 2 },
      { visits: 5, users: 3 },
      { visits: 6, users: 1 },
      { visits: 7, users: 1 },
      { visits: 8, users: 2 },
      { visits: 9, users: 3 },
    ]);
    expect(result.repeatRate).toEqual(engagementRate(18, 20));
  });

  it('joins rows closer than the visit timeout into one visit (and rows at one instant always)', () => {
    const minute = 60_000;
    const pageViews = [
      { userId: 'a', at: 0 },
      { userId: 'a', at: 0 },
      { userId: 'a', at: 20 * minute },
      { userId: 'a', at: 45 * minute },
      { userId: 'a', at: 90 * minute },
    ];
    expect(visitFrequency(pageViews).visits).toBe(4);
    expect(visitFrequency(pageViews, { visitTimeout: { minutes: 30 } }).visits).toBe(2);
    expect(visitFrequency(pageViews, { visitTimeout: 50 * minute }).visits).toBe(1);
  });

  it('says how little a median interval of very few users covers', () => {
    // n = 5 at 95%: qbinom(0.025, 5, 0.5) is 0; the interval is [min, max], covering 1 - 2^-4.
    const few = visitFrequency(
      ACTIVITY.filter((row) => ['u0', 'u1', 'u2', 'u3', 'u4'].includes(row.userId)),
    );
    expect(few.interval).toEqual({ lower: 1, upper: 5 });
    expect(few.coverage).toBe(1 - 2 ** -4);
  });

  it('reports every bad row, and refuses an empty activity', () => {
    const error = caught(() =>
      visitFrequency([
        { userId: 'a', at: 0 },
        { userId: undefined, at: 0 },
        { userId: 'b', at: '2026-01-01' },
      ] as never),
    );
    expect(error.code).toBe('INVALID_ACTIVITY');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['activity', 1, 'userId'],
      ['activity', 2, 'at'],
    ]);
    expect(caught(() => visitFrequency([])).code).toBe('EMPTY_INPUT');
    const options = caught(() =>
      visitFrequency([], { visitTimeout: { minutes: -1, fortnights: 1 } as never }),
    );
    expect(options.code).toBe('INVALID_OPTION');
    expect(options.issues.map((issue) => issue.path)).toEqual([
      ['options', 'visitTimeout', 'minutes'],
      ['options', 'visitTimeout', 'fortnights'],
    ]);
  });
});
