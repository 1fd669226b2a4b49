import { eventRate, readEventRateOptions } from './_lib/eventRate.js';
import { readName } from './_lib/readOptions.js';
import type { CustomerRateOptions } from './CustomerRateOptions.js';
import type { EventRate, RateEvent } from './RateResult.js';

/**
 * Options of {@link repeatPurchaseRate}.
 *
 * @category Rates
 */
export interface RepeatPurchaseRateOptions extends CustomerRateOptions {
  /** The behaviour of a purchase; default `'purchase'`. */
  readonly purchase?: string;
}

/**
 * The repeat purchase rate: of the customers who bought, the share who bought more than once,
 * with its Wilson interval, overall and per cohort of first purchase.
 *
 * @remarks
 * `repeat purchase rate = customers with 2 or more purchases / customers with 1 or more`, over
 * the events given (pass the period you report on: a quarter's purchases give the quarter's rate).
 * This is the repeat customer rate of e-commerce reporting ("the percentage of customers who have
 * made two or more purchases within a specified period", ECDB's glossary, for instance). Every
 * purchase event counts once whatever its `weight` (an order's size is not a second order).
 *
 * With `by`, customers are grouped by the calendar period of their first purchase in the events;
 * later cohorts have had less time to come back, so compare cohorts over equal windows.
 *
 * @param events - Events `{ customerId, behaviour, at }`; other behaviours are not read.
 * @param options - The purchase behaviour, cohorts, confidence and comparisons.
 * @returns The rate with its interval (`unmatched` is always 0), and `groups` with `by`.
 * @throws {@link EngagekitError} `INVALID_EVENT` (every problem listed) for a purchase without a
 * valid `customerId` or `at`; `INVALID_OPTION` for bad options; `EMPTY_INPUT` when there is no
 * purchase.
 *
 * @example
 * ```ts
 * import { repeatPurchaseRate } from 'engagekit';
 *
 * const day = 86_400_000;
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 *   { customerId: 'ann', behaviour: 'purchase', at: 30 * day },
 *   { customerId: 'bo', behaviour: 'purchase', at: 3 * day },
 *   { customerId: 'bo', behaviour: 'siteVisit', at: 9 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: 5 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: 6 * day },
 *   { customerId: 'di', behaviour: 'purchase', at: 8 * day },
 * ];
 * const repeat = repeatPurchaseRate(events);
 * [repeat.successes, repeat.trials, repeat.rate]; // => [2, 4, 0.5]
 * ```
 * @category Rates
 */
export function repeatPurchaseRate(
  events: readonly RateEvent[],
  options: RepeatPurchaseRateOptions = {},
): EventRate {
  const settings = readEventRateOptions(
    'repeatPurchaseRate',
    options,
    ['purchase'],
    ['day', 'week', 'month'],
  );
  const purchase = readName(settings.given.purchase, 'purchase', settings.issues, [
    'options',
    'purchase',
  ]);
  const purchases = new Set([purchase]);
  return eventRate(
    events,
    { trial: purchases, success: purchases, needed: 2, perCampaign: false },
    settings,
    `purchase ('${purchase}')`,
  );
}
