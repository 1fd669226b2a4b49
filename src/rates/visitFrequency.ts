import { EngagekitError } from '../errors/EngagekitError.js';
import { issuesOf, throwIssues } from './_lib/issues.js';
import { medianEstimate } from './_lib/orderStatistics.js';
import { rateOf } from './_lib/rateOf.js';
import { readMillis } from './_lib/readMillis.js';
import { readConfidence, readOptionsObject } from './_lib/readOptions.js';
import { readVisits } from './_lib/readVisits.js';
import type { EngagementRate, RateInterval } from './RateResult.js';
import type { VisitOptions } from './VisitOptions.js';

/**
 * How often users visit, see {@link visitFrequency}.
 *
 * @category Rates
 */
export interface VisitFrequency {
  /** Activity rows read. */
  readonly rows: number;
  /** Visits, after rows within `visitTimeout` of each other were joined. */
  readonly visits: number;
  /** Users with at least one visit. */
  readonly users: number;
  /** `visits / users`. */
  readonly meanVisits: number;
  /** How many users made each number of visits, fewest visits first (only numbers that occur). */
  readonly distribution: readonly { readonly visits: number; readonly users: number }[];
  /** The median number of visits per user. */
  readonly median: number;
  /** Distribution-free interval of the median (order statistics). */
  readonly interval: RateInterval;
  /** The exact coverage of `interval`: at least `confidence` unless users are very few. */
  readonly coverage: number;
  /** Confidence level asked for. */
  readonly confidence: number;
  /** The repeat visit rate: users with 2 or more visits over users, with its Wilson interval. */
  readonly repeatRate: EngagementRate;
}

/**
 * Repeat visit frequency: how many visits each user made, as a distribution, a mean, a median
 * with its interval, and the share of users who came back.
 *
 * @remarks
 * Pass the activity of the period you report on (a month of sessions gives visits per user per
 * month). Each user's rows become visits: with `visitTimeout`, rows closer than it to the
 * user's previous row are one visit (so page views can be passed as they are); by default each
 * row is a visit and rows at the same instant are one.
 *
 * The median's interval is distribution-free, from order statistics: with `k` the smallest whole
 * number with `P(X <= k) >= (1 - confidence) / 2`, `X ~ Binomial(users, 1/2)` (R's `qbinom`), it is
 * `[x_(k), x_(users - k + 1)]` of the sorted counts and covers the median with probability
 * `1 - 2 P(X <= k - 1)`, reported as `coverage` (as `DescTools::MedianCI(method = "exact")` in R;
 * W. J. Conover, Practical Nonparametric Statistics, 3rd ed., 1999, section 3.2). With 5 users or
 * fewer at 95% that is not reachable: the interval is `[min, max]` and `coverage` says how much
 * less it covers. The repeat visit rate is `engagementRate(users with 2+ visits, users)`.
 * Users with no visit in the period are not in the activity and so not counted.
 *
 * @param activity - Activity rows `{ userId, at }`, as the activity functions take them.
 * @param options - Confidence level and the visit timeout.
 * @returns Rows, visits, users, the distribution, mean and median of visits per user, and the
 * repeat visit rate.
 * @throws {@link EngagekitError} `INVALID_ACTIVITY` (every problem listed) for a row without a
 * valid `userId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when there is no row.
 *
 * @example
 * ```ts
 * import { visitFrequency } from 'engagekit';
 *
 * const day = 86_400_000;
 * const activity = [
 *   { userId: 'ann', at: 0 },
 *   { userId: 'ann', at: 3 * day },
 *   { userId: 'ann', at: 3 * day + 60_000 },
 *   { userId: 'bo', at: day },
 *   { userId: 'cy', at: 2 * day },
 *   { userId: 'cy', at: 9 * day },
 * ];
 * const visits = visitFrequency(activity, { visitTimeout: { minutes: 30 } });
 * visits.distribution; // => [{ visits: 1, users: 1 }, { visits: 2, users: 2 }]
 * [visits.visits, visits.meanVisits, visits.median]; // => [5, 5 / 3, 2]
 * Number(visits.repeatRate.rate.toFixed(3)); // => 0.667
 * ```
 * @category Rates
 */
export function visitFrequency(
  activity: readonly { readonly userId: string | number | bigint; readonly at: Date | number }[],
  options: VisitOptions = {},
): VisitFrequency {
  const issues = issuesOf('visitFrequency');
  const given = readOptionsObject(options, issues, ['confidence', 'visitTimeout']);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  const timeout = readMillis(given.visitTimeout, 0, issues, ['options', 'visitTimeout']);
  throwIssues(issues, 'INVALID_OPTION');
  const { rows, users, starts } = readVisits(activity, timeout, issues);
  throwIssues(issues, 'INVALID_ACTIVITY');
  if (users === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'visitFrequency: activity has no rows; there is no visit frequency of nobody',
      ['activity'],
    );
  }
  const counts = new Float64Array(users);
  let repeat = 0;
  for (let u = 0; u < users; u++) {
    counts[u] = starts[u + 1]! - starts[u]!;
    if (counts[u]! >= 2) repeat++;
  }
  counts.sort();
  const distribution: { visits: number; users: number }[] = [];
  for (let i = 0; i < users; ) {
    let j = i;
    while (j < users && counts[j] === counts[i]) j++;
    distribution.push({ visits: counts[i]!, users: j - i });
    i = j;
  }
  const visits = starts[users]!;
  return {
    rows,
    visits,
    users,
    meanVisits: visits / users,
    distribution,
    ...medianEstimate(counts, confidence),
    confidence,
    repeatRate: rateOf(repeat, users, users, confidence),
  };
}
