import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';

function count(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new EngagekitError(
    'INVALID_OPTION',
    `churnRate: ${name} must be a whole number >= 0, got ${describeValue(value)}`,
    [name],
  );
}

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
 * @throws {@link EngagekitError} `INVALID_OPTION` for counts that are not whole numbers >= 0 or
 * `lost > atStart`; `EMPTY_INPUT` when `atStart` is 0.
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
  const start = count(atStart, 'atStart');
  const gone = count(lost, 'lost');
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
