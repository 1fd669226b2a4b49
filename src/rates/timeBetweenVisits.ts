import { EngagekitError } from '../errors/EngagekitError.js';
import { neumaierSum } from '../math/neumaier.js';
import { addIssue, issuesOf, throwIssues } from './_lib/issues.js';
import { medianEstimate, quantileSorted } from './_lib/orderStatistics.js';
import { readMillis } from './_lib/readMillis.js';
import { readConfidence, readOptionsObject } from './_lib/readOptions.js';
import { readVisits } from './_lib/readVisits.js';
import type { RateInterval } from './RateResult.js';
import type { VisitOptions } from './VisitOptions.js';

/**
 * Options of {@link timeBetweenVisits}.
 *
 * @category Rates
 */
export interface TimeBetweenVisitsOptions extends VisitOptions {
  /** The quantiles of the distribution to report; default `[0.1, 0.25, 0.5, 0.75, 0.9]`. */
  readonly quantiles?: readonly number[];
}

/**
 * How long users take to come back, see {@link timeBetweenVisits}. All times in milliseconds.
 *
 * @category Rates
 */
export interface TimeBetweenVisits {
  /** Users with 2 or more visits: those with a time between visits. */
  readonly users: number;
  /** Users with a single visit: they have no time between visits and are not in the figures. */
  readonly singleVisitUsers: number;
  /** The mean over users of each user's average time between visits. */
  readonly mean: number;
  /** The median over users of each user's average time between visits. */
  readonly median: number;
  /** Distribution-free interval of the median (order statistics). */
  readonly interval: RateInterval;
  /** The exact coverage of `interval`: at least `confidence` unless users are very few. */
  readonly coverage: number;
  /** Confidence level asked for. */
  readonly confidence: number;
  /** The distribution over users: each quantile asked for and its value (R's type 7). */
  readonly quantiles: readonly { readonly probability: number; readonly value: number }[];
}

/**
 * The time between visits per user: each returning user's average gap between visits, summed up
 * over users as a distribution (quantiles), a mean, and a median with its interval.
 *
 * @remarks
 * For a user with `k >= 2` visits, from first at `t_1` to last at `t_k`, the average time between
 * visits is `(t_k - t_1) / (k - 1)`. One number per user keeps the heaviest users from dominating
 * the figures (a user with 200 visits counts once, not 199 times). Visits are made from rows as
 * in {@link visitFrequency} (`visitTimeout`). Quantiles interpolate as R's
 * `quantile(type = 7)`; the median's interval is the distribution-free one of
 * {@link visitFrequency}. Users with one visit are counted in `singleVisitUsers`.
 *
 * @param activity - Activity rows `{ userId, at }`.
 * @param options - Confidence level, the visit timeout and the quantiles to report.
 * @returns The figures over users, in milliseconds.
 * @throws {@link EngagekitError} `INVALID_ACTIVITY` (every problem listed) for a row without a
 * valid `userId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when no user visited
 * twice.
 *
 * @example
 * ```ts
 * import { timeBetweenVisits } from 'engagekit';
 *
 * const day = 86_400_000;
 * const activity = [
 *   { userId: 'ann', at: 0 },
 *   { userId: 'ann', at: 2 * day },
 *   { userId: 'ann', at: 6 * day },
 *   { userId: 'bo', at: day },
 *   { userId: 'bo', at: 8 * day },
 *   { userId: 'cy', at: 5 * day },
 * ];
 * const gaps = timeBetweenVisits(activity, { quantiles: [0.5] });
 * [gaps.users, gaps.singleVisitUsers]; // => [2, 1]
 * gaps.median / day; // => 5
 * gaps.quantiles; // => [{ probability: 0.5, value: 5 * day }]
 * ```
 * @category Rates
 */
export function timeBetweenVisits(
  activity: readonly { readonly userId: string | number | bigint; readonly at: Date | number }[],
  options: TimeBetweenVisitsOptions = {},
): TimeBetweenVisits {
  const issues = issuesOf('timeBetweenVisits');
  const given = readOptionsObject(options, issues, ['confidence', 'visitTimeout', 'quantiles']);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  const timeout = readMillis(given.visitTimeout, 0, issues, ['options', 'visitTimeout']);
  let probabilities: readonly number[] = [0.1, 0.25, 0.5, 0.75, 0.9];
  if (given.quantiles !== undefined) {
    if (
      Array.isArray(given.quantiles) &&
      given.quantiles.every((p) => typeof p === 'number' && p >= 0 && p <= 1)
    ) {
      probabilities = given.quantiles as number[];
    } else {
      addIssue(issues, ['options', 'quantiles'], 'must be an array of probabilities in [0, 1]');
    }
  }
  throwIssues(issues, 'INVALID_OPTION');
  const { users, starts, visitAt } = readVisits(activity, timeout, issues);
  throwIssues(issues, 'INVALID_ACTIVITY');
  const gaps = new Float64Array(users);
  let returning = 0;
  for (let u = 0; u < users; u++) {
    const visits = starts[u + 1]! - starts[u]!;
    if (visits < 2) continue;
    gaps[returning++] = (visitAt[starts[u + 1]! - 1]! - visitAt[starts[u]!]!) / (visits - 1);
  }
  if (returning === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `timeBetweenVisits: no user visited twice (${users} user${users === 1 ? '' : 's'}, one visit each), so there is no time between visits`,
      ['activity'],
    );
  }
  const sorted = gaps.subarray(0, returning).sort();
  return {
    users: returning,
    singleVisitUsers: users - returning,
    mean: neumaierSum(sorted) / returning,
    ...medianEstimate(sorted, confidence),
    confidence,
    quantiles: probabilities.map((probability) => ({
      probability,
      value: quantileSorted(sorted, probability),
    })),
  };
}
