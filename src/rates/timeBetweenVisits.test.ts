import { describe, expect, it } from 'vitest';
import { timeBetweenVisits } from './timeBetweenVisits.js';

const DAY = 86_400_000;
/** Each user's average days between visits; user i visits i + 2 times, evenly. */
const GAPS = [2, 7, 3.5, 10, 1, 4, 6, 2.5];
const ACTIVITY = [
  ...GAPS.flatMap((gap, user) =>
    Array.from({ length: user + 2 }, (_, visit) => ({ userId: `u${user}`, at: visit * gap * DAY })),
  ),
  { userId: 'once', at: 0 },
];

describe('timeBetweenVisits', () => {
  it("summarises each returning user's average gap: quantiles, mean and median as in R", () => {
    // R: g <- c(2, 7, 3.5, 10, 1, 4, 6, 2.5)
    //    quantile(g, c(0.1, 0.25, 0.5, 0.75, 0.9))  # 1.7 2.375 3.75 6.25 7.9;  mean(g)  # 4.5
    //    k <- qbinom(0.025, 8, 0.5)  # 1;  sort(g)[c(1, 8)]  # 1 10;  1 - 2 * pbinom(0, 8, 0.5)  # 0.9921875
    const result = timeBetweenVisits(ACTIVITY);
    expect(result).toMatchObject({ users: 8, singleVisitUsers: 1, confidence: 0.95 });
    expect(result.mean / DAY).toBeCloseTo(4.5, 12);
    expect(result.median / DAY).toBeCloseTo(3.75, 12);
    expect(result.interval).toEqual({ lower: 1 * DAY, upper: 10 * DAY });
    expect(result.coverage).toBe(0.9921875);
    expect(result.quantiles.map(({ probability, value }) => [probability, value / DAY])).toEqual([
      [0.1, expect.closeTo(1.7, 12)],
      [0.25, expect.closeTo(2.375, 12)],
      [0.5, expect.closeTo(3.75, 12)],
      [0.75, expect.closeTo(6.25, 12)],
      [0.9, expect.closeTo(7.9, 12)],
    ]);
  });

  it('counts a heavy user once, by their average gap, whatever the order of the rows', () => {
    const heavy = Array.from({ length: 200 }, (_, visit) => ({ userId: 'heavy', at: visit * DAY }));
    const result = timeBetweenVisits([
      ...heavy.reverse(),
      { userId: 'light', at: 0 },
      { userId: 'light', at: 9 * DAY },
    ]);
    expect(result.users).toBe(2);
    expect(result.median).toBe(5 * DAY);
  });

  it('has nothing to say when nobody came back', () => {
    expect(() => timeBetweenVisits([{ userId: 'a', at: 0 }])).toThrow(
      'timeBetweenVisits: no user visited twice (1 user, one visit each)',
    );
    expect(() => timeBetweenVisits([], { quantiles: [1.5] })).toThrow(
      'timeBetweenVisits: options.quantiles must be an array of probabilities in [0, 1]',
    );
  });
});
