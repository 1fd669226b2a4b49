import { eventRate, readEventRateOptions } from './_lib/eventRate.js';
import { readName } from './_lib/readOptions.js';
import type { CustomerRateOptions } from './CustomerRateOptions.js';
import type { EventRate, RateEvent } from './RateResult.js';

/**
 * Options of {@link referralRate}.
 *
 * @category Rates
 */
export interface ReferralRateOptions extends CustomerRateOptions {
  /** The behaviour of a referral made (a referred friend signed up); default `'referral'`. */
  readonly referral?: string;
  /**
   * The behaviour that makes a customer count in the denominator, e.g. `'purchase'` for "of the
   * customers who bought"; default: every customer with any event.
   */
  readonly eligible?: string;
}

/**
 * The referral rate: the share of customers who referred someone, with its Wilson interval.
 *
 * @remarks
 * `referral rate = customers with a referral / customers`, where the customers are those with any
 * event in the events given, or with an `eligible` event ("the percentage of customers who refer
 * new customers", as OKRify's KPI glossary puts it). A customer who refers three friends counts
 * once. With `eligible`, a referral by a customer without an eligible event is in neither count
 * and is counted in `unmatched`.
 *
 * The other referral rate in use, the share of new customers who came through a referral, is a
 * count of your sign-ups: `engagementRate(referredSignups, signups)`.
 *
 * @param events - Events `{ customerId, behaviour, at }`.
 * @param options - The referral and eligible behaviours, cohorts, confidence and comparisons.
 * @returns The rate with its interval, `unmatched`, and `groups` with `by` (cohorts of the
 * customers' first eligible event).
 * @throws {@link EngagekitError} `INVALID_EVENT` (every problem listed) for an event it reads
 * without a valid `customerId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when no
 * customer is eligible.
 *
 * @example
 * ```ts
 * import { referralRate } from 'engagekit';
 *
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 *   { customerId: 'ann', behaviour: 'referral', at: 1000 },
 *   { customerId: 'ann', behaviour: 'referral', at: 2000 },
 *   { customerId: 'bo', behaviour: 'purchase', at: 0 },
 *   { customerId: 'cy', behaviour: 'siteVisit', at: 0 },
 *   { customerId: 'cy', behaviour: 'referral', at: 500 },
 * ];
 * const everyone = referralRate(events);
 * [everyone.successes, everyone.trials]; // => [2, 3]
 * const buyers = referralRate(events, { eligible: 'purchase' });
 * [buyers.successes, buyers.trials, buyers.unmatched]; // => [1, 2, 1]
 * ```
 * @category Rates
 */
export function referralRate(
  events: readonly RateEvent[],
  options: ReferralRateOptions = {},
): EventRate {
  const settings = readEventRateOptions(
    'referralRate',
    options,
    ['referral', 'eligible'],
    ['day', 'week', 'month'],
  );
  const { issues, given } = settings;
  const referral = readName(given.referral, 'referral', issues, ['options', 'referral']);
  const eligible =
    given.eligible === undefined
      ? undefined
      : readName(given.eligible, '', issues, ['options', 'eligible']);
  return eventRate(
    events,
    {
      trial: eligible === undefined ? undefined : new Set([eligible]),
      success: new Set([referral]),
      needed: 1,
      perCampaign: false,
    },
    settings,
    eligible === undefined ? 'customer' : `eligible customer ('${eligible}')`,
  );
}
