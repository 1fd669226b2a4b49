import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';

const COUNT = { integer: true, min: 0, expected: 'a whole number >= 0' };

/**
 * The churn rate of a period: customers lost during it over customers at its start.
 *
 * @remarks
 * `lost / atStart`, in [0, 1]. Customers gained during the period are left out of both sides, so
 * growth cannot hide churn. From a {@link lifecycle} report, the churn of period t is
 * `churnRate(report[t - 1].active, report[t].dormant)`. A monthly rate `c` compounds to
 * `1 - (1 - c)^12` a year. Pairs with the churn-based form of {@link lifetimeValue}.
 *
 * @param atStart - Customers at the start of the period, more than zero.
 * @param lost - Those of them lost by its end, at most `atStart`.
 * @returns The rate in [0, 1].
 * @throws {@link EngagekitError} `INVALID_OPTION` for counts that are not whole numbers >= 0 (both
 * listed in `error.issues`) or `lost > atStart`; `EMPTY_INPUT` when `atStart` is 0.
 *
 * @example
 * ```ts
 * import { churnRate } from 'engagekit';
 *
 * churnRate(400, 18); // => 0.045
 * ```
 * @category Survival
 */
export function churnRate(atStart: number, lost: number): number {
  const issues = issueList('churnRate');
  const read = [issues.number(['atStart'], atStart, COUNT), issues.number(['lost'], lost, COUNT)];
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the counts read are there.
  const [start, gone] = read as [number, number];
  if (start === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'churnRate: atStart is 0, so there was nobody to lose; churn is undefined for an empty base',
      ['atStart'],
    );
  }
  if (gone > start) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `churnRate: lost (${gone}) must not exceed atStart (${start}); count only customers present at the start`,
      ['lost'],
    );
  }
  return gone / start;
}
