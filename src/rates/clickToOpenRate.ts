import { emailRate } from './_lib/emailRate.js';
import type { EmailRateOptions } from './EmailRateOptions.js';
import type { EventRate, RateEvent } from './RateResult.js';

/**
 * The click-to-open rate (CTOR) of email campaigns from their events: recipients who clicked over
 * recipients who opened, with its Wilson interval: how well the content worked on its readers.
 *
 * @remarks
 * `CTOR = unique clicks / unique opens` (Campaign Monitor's glossary: it "compares the number of
 * unique clicks and unique opens"). A recipient is one customer in one campaign. With
 * `clickImpliesOpen` (the default) a click is also an open, so every clicker is in the
 * denominator and the rate never exceeds 1; without it, a click of a recipient with no recorded
 * open is in neither count and is counted in `unmatched`. Deliveries are not read.
 *
 * @param events - Events `{ customerId, behaviour, at, campaign? }`.
 * @param options - Behaviour names, `clickImpliesOpen`, grouping, confidence and comparisons.
 * @returns The rate with its interval, `unmatched`, and `groups` with `by`.
 * @throws {@link EngagekitError} `INVALID_EVENT` (every problem listed) for an open or click
 * without a valid `customerId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when no
 * event is an open (or a click, with `clickImpliesOpen`).
 *
 * @example
 * ```ts
 * import { clickToOpenRate } from 'engagekit';
 *
 * const events = [
 *   { customerId: 'ann', behaviour: 'emailOpen', at: 0 },
 *   { customerId: 'bo', behaviour: 'emailOpen', at: 0 },
 *   { customerId: 'cy', behaviour: 'emailOpen', at: 0 },
 *   { customerId: 'ann', behaviour: 'emailClick', at: 5000 },
 *   { customerId: 'di', behaviour: 'emailClick', at: 5000 },
 * ];
 * const ctor = clickToOpenRate(events);
 * [ctor.successes, ctor.trials]; // => [2, 4]
 * const strict = clickToOpenRate(events, { clickImpliesOpen: false });
 * [strict.successes, strict.trials, strict.unmatched]; // => [1, 3, 1]
 * ```
 * @category Rates
 */
export function clickToOpenRate(
  events: readonly RateEvent[],
  options: EmailRateOptions = {},
): EventRate {
  return emailRate('clickToOpenRate', 'clickToOpen', events, options);
}
