import { emailRate } from './_lib/emailRate.js';
import type { EmailRateOptions } from './EmailRateOptions.js';
import type { EventRate, RateEvent } from './RateResult.js';

/**
 * The unique open rate of email campaigns from their events: recipients who opened over
 * recipients delivered, with its Wilson interval, overall and per campaign or week.
 *
 * @remarks
 * `open rate = unique opens / delivered`: a recipient is one customer in one campaign (events
 * without a `campaign` form one campaign); the denominator counts recipients with a delivery
 * event, the numerator those of them with an open (or, with `clickImpliesOpen`, the default, a
 * click: an inferred open, since a click proves the email was read when the tracking pixel was
 * blocked). Opening twice counts once. This is the unique open rate as SendGrid's glossary
 * defines it ("the number of unique individuals that have opened your emails by the total number
 * of delivered messages"), on delivered rather than sent emails, so bounces are left out.
 *
 * An open or click of a recipient with no delivery in the events (the delivery fell outside the
 * data you queried) is in neither count and is counted in `unmatched`. Events of other behaviours
 * are not read. Machine opens (Apple Mail Privacy Protection) are opens to this function: filter
 * them out first if your provider flags them.
 *
 * @param events - Events `{ customerId, behaviour, at, campaign? }`, e.g. the library's events.
 * @param options - Behaviour names, grouping, confidence and comparisons.
 * @returns The rate with its interval, `unmatched`, and `groups` with `by`.
 * @throws {@link EngagekitError} `INVALID_EVENT` (every problem listed) for a delivery, open or
 * click without a valid `customerId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT`
 * when no event is a delivery.
 *
 * @example
 * ```ts
 * import { openRate } from 'engagekit';
 *
 * const events = [
 *   { customerId: 'ann', behaviour: 'emailDelivered', at: 0, campaign: 'oct' },
 *   { customerId: 'bo', behaviour: 'emailDelivered', at: 0, campaign: 'oct' },
 *   { customerId: 'cy', behaviour: 'emailDelivered', at: 0, campaign: 'oct' },
 *   { customerId: 'ann', behaviour: 'emailOpen', at: 60_000, campaign: 'oct' },
 *   { customerId: 'ann', behaviour: 'emailOpen', at: 90_000, campaign: 'oct' },
 *   { customerId: 'bo', behaviour: 'emailClick', at: 70_000, campaign: 'oct' },
 * ];
 * const opens = openRate(events);
 * [opens.successes, opens.trials]; // => [2, 3]
 * openRate(events, { clickImpliesOpen: false }).successes; // => 1
 * ```
 * @category Rates
 */
export function openRate(events: readonly RateEvent[], options: EmailRateOptions = {}): EventRate {
  return emailRate('openRate', 'open', events, options);
}
