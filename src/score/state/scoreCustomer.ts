import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { finiteTotal } from '../../math/finiteTotal.js';
import { type Instant, readInstant } from '../../time/instant.js';
import { advanceHorizon } from './_lib/held.js';
import type { ScoreState } from './scoreStateParts.js';
import { beforeNewest, checkState, customerScore, slotOf } from './scoreStateParts.js';

/**
 * One customer's score at an instant from an incremental state, costing that customer's live
 * events, not the population: the number {@link scoreState} gives for that customer.
 *
 * @remarks
 * Looks the customer up in the state's index (O(1)) and sums their behaviours as
 * {@link scoreState} does. A customer the state has never seen scores 0, as in
 * {@link scoreColumns}. Like {@link scoreState}, it answers at or after the newest event applied.
 *
 * @param state - The state.
 * @param customerId - The customer's id (as the state keys it: `String` of a number or bigint).
 * @param at - The instant, not before `state.latest`.
 * @returns The customer's score.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * applied; `INVALID_OPTION` for an id that is not a string, number or bigint; `OVERFLOW` when the
 * score is beyond the range of a number; `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, linear, scoreCustomer } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 25, decay: linear({ days: 14 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * scoreCustomer(state, 'ada', 7 * day); // => 12.5
 * scoreCustomer(state, 'nobody', 7 * day); // => 0
 * ```
 * @category Incremental
 */
export function scoreCustomer(
  state: ScoreState,
  customerId: string | number | bigint,
  at: Instant,
): number {
  checkState(state, 'scoreCustomer');
  const time = readInstant(at, { fn: 'scoreCustomer', path: ['at'] });
  if (
    typeof customerId !== 'string' &&
    typeof customerId !== 'bigint' &&
    !(typeof customerId === 'number' && Number.isFinite(customerId))
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `scoreCustomer: customerId must be a string, a finite number or a bigint, got ${describeValue(customerId)}`,
      ['customerId'],
    );
  }
  beforeNewest(state, time, 'scoreCustomer');
  advanceHorizon(state, time);
  const slot = slotOf(state, String(customerId));
  if (slot === undefined) return 0;
  return finiteTotal(
    customerScore(state, slot, time),
    'scoreCustomer',
    ['customerId'],
    `the score of customer ${JSON.stringify(String(customerId))} at ${time}`,
  );
}
