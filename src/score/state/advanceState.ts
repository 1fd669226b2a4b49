import { type Instant, readInstant } from '../../time/instant.js';
import { advanceHorizon } from './_lib/held.js';
import type { ScoreState } from './scoreStateParts.js';
import { beforeNewest, checkState } from './scoreStateParts.js';

/**
 * Moves a state's horizon up to an instant (never down): events stamped after the horizon are
 * held, not folded into the sums, so that a clock running ahead cannot make the state unscorable
 * at the present.
 *
 * @remarks
 * The policy: a state can always be scored at any instant at or after the instant it was last
 * scored ({@link scoreState}, {@link scoreCustomer}) or advanced to. An event stamped after that
 * horizon is held, and counts from its own time on: it is folded in when the state is scored or
 * advanced at or past its time. Until a state has a horizon (a fresh state), every event is
 * folded in at once, as a bulk load wants; a service calls `advanceState(state, now)` first.
 * At most `maxHeld` events are held ({@link createScoreState}, default 1,000,000): beyond it the
 * earliest held are folded and the horizon moves up to them. {@link heldEvents} reports them,
 * and {@link serializeState} keeps them.
 *
 * @param state - The state, changed in place.
 * @param at - The new horizon; not before the newest event folded in.
 * @returns The same state.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * folded in; `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { advanceState, applyEvent, createScoreState, defineModel, heldEvents, linear, scoreState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 10, decay: linear({ days: 10 }) } } });
 * const day = 86_400_000;
 * const state = advanceState(createScoreState(model), 5 * day); // "now" is day 5
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 4 * day });
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 6 * day }); // a phone a day ahead
 * heldEvents(state).count; // => 1
 * scoreState(state, 5 * day); // => { ada: 9 }
 * scoreState(state, 6 * day); // => { ada: 18 }
 * heldEvents(state).count; // => 0
 * ```
 * @category Incremental
 */
export function advanceState(state: ScoreState, at: Instant): ScoreState {
  checkState(state, 'advanceState');
  const time = readInstant(at, { fn: 'advanceState', path: ['at'] });
  beforeNewest(state, time, 'advanceState');
  advanceHorizon(state, time);
  return state;
}
