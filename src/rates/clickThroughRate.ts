import { emailRate } from './_lib/emailRate.js';
import type { EmailRateOptions } from './EmailRateOptions.js';
import type { EventRate, RateEvent } from './RateResult.js';

/**
 * The unique click-through rate of email campaigns from their events: recipients who clicked
 * over recipients delivered, with its Wilson interval, overall and per campaign or week.
 *
 * @remarks
 * `click-through rate = unique clickers / delivered`: a recipient is one customer in one campaign
 * (events without a `campaign` form one campaign); clicking several links, or one link several
 * times, counts once, as in the industry's definition ("the number of unique clicks divided by
 * the non-bounce send quantity", Email Marketing Journal; "a person who clicks two or more links
 * is counted only once", Blackbaud). Total clicks over deliveries is not a proportion (it can
 * exceed 1) and has no Wilson interval; count it with your own query.
 *
 * A click of a recipient with no delivery in the events is in neither count and is counted in
 * `unmatched`. Events of other behaviours are not read.
 *
 * @param events - Events `{ customerId, behaviour, at, campaign? }`.
 * @param options - Behaviour names, grouping, confidence and comparisons.
 * @returns The rate with its interval, `unmatched`, and `groups` with `by`.
 * @throws {@link EngagekitError} `INVALID_EVENT` (every problem listed) for a delivery or click
 * without a valid `customerId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when no
 * event is a delivery.
 *
 * @example
 * ```ts
 * import { clickThroughRate } from 'engagekit';
 *
 * const day = 86_400_000;
 * const events = [
 *   { customerId: 'ann', behaviour: 'emailDelivered', at: 0, campaign: 'a' },
 *   { customerId: 'bo', behaviour: 'emailDelivered', at: 0, campaign: 'a' },
 *   { customerId: 'ann', behaviour: 'emailClick', at: 1000, campaign: 'a' },
 *   { customerId: 'ann', behaviour: 'emailClick', at: 2000, campaign: 'a' },
 *   { customerId: 'ann', behaviour: 'emailDelivered', at: 7 * day, campaign: 'b' },
 *   { customerId: 'bo', behaviour: 'emailDelivered', at: 7 * day, campaign: 'b' },
 * ];
 * const clicks = clickThroughRate(events, { by: 'campaign' });
 * clicks.rate; // => 0.25
 * clicks.groups.map((group) => [group.group, group.rate]); // => [['a', 0.5], ['b', 0]]
 * ```
 * @category Rates
 */
export function clickThroughRate(
  events: readonly RateEvent[],
  options: EmailRateOptions = {},
): EventRate {
  return emailRate('clickThroughRate', 'clickThrough', events, options);
}
