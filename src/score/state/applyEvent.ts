import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { EngagementEvent } from '../EngagementEvent.js';
import type { ScoreState } from './scoreStateParts.js';
import { applyValue, customerSlot, sweepWindows } from './scoreStateParts.js';

function invalid(field: string, problem: string): never {
  throw new EngagekitError('INVALID_EVENT', `applyEvent: event.${field} ${problem}`, [
    'event',
    field,
  ]);
}

/**
 * Adds one event to an incremental scoring state, in place; events may arrive in any order.
 *
 * @remarks
 * The event's boost times its weight goes into O(1) numbers for exponential (without cutoff)
 * and permanent behaviours (an older event is decayed to the newest time seen; no factor ever
 * exceeds 1), or into the customer's sorted window for behaviours that expire, from which events
 * `duration` or more older than the newest event applied are pruned (once the window is small or
 * half expired, so that pruning costs amortised O(1) and a window holds at most about twice its
 * live events). An event already that old
 * when it arrives can never count again and is dropped. The state is updated in place (for speed
 * on streams) and returned.
 *
 * @param state - The state from {@link createScoreState}, {@link mergeStates} or {@link parseState}.
 * @param event - The event; `customerId` defaults to `''`.
 * @returns The same state, updated.
 * @throws {@link EngagekitError} `INVALID_EVENT` (naming the field) for a bad `at`, `weight`,
 * `behaviour` or `customerId`; `UNKNOWN_BEHAVIOUR` for a behaviour not in the model.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, exponential, scoreState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 8, decay: exponential({ days: 7 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { behaviour: 'visit', at: 7 * day });
 * applyEvent(state, { behaviour: 'visit', at: 0, weight: 2 }); // arrives late: decayed to day 7
 * scoreState(state, 7 * day); // => { '': 16 }
 * ```
 * @category Incremental
 */
export function applyEvent(state: ScoreState, event: EngagementEvent): ScoreState {
  if (event === null || typeof event !== 'object') {
    throw new EngagekitError(
      'INVALID_EVENT',
      `applyEvent: event must be an object { behaviour, at, weight?, customerId? }, got ${describeValue(event)}`,
      ['event'],
    );
  }
  const compiled = state.compiled;
  const id = event.behaviour;
  const b = compiled.index.get(id);
  if (b === undefined) {
    if (typeof id !== 'string')
      invalid('behaviour', `must be a behaviour id (string), got ${describeValue(id)}`);
    throw new EngagekitError(
      'UNKNOWN_BEHAVIOUR',
      `applyEvent: event.behaviour ${JSON.stringify(id)} is not in the model; add it to the model or filter such events out`,
      ['event', 'behaviour'],
    );
  }
  const at = event.at;
  const time = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(time)) {
    invalid('at', `must be a Date or finite epoch milliseconds, got ${describeValue(at)}`);
  }
  const weight = event.weight;
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isFinite(weight))) {
    invalid('weight', `must be a finite number, got ${describeValue(weight)}`);
  }
  if (weight !== undefined && !Number.isFinite(weight * compiled.boost[b]!)) {
    invalid(
      'weight',
      `times the boost of "${id}" (${compiled.boost[b]}) overflows a number (${weight}); scale the weights down`,
    );
  }
  const customerId = event.customerId ?? '';
  if (typeof customerId !== 'string') {
    invalid('customerId', `must be a string, got ${describeValue(customerId)}`);
  }
  if (time > state.latest) state.latest = time;
  const slot = customerSlot(state, customerId);
  applyValue(state, slot, b, time, (weight ?? 1) * compiled.boost[b]!);
  sweepWindows(state);
  return state;
}
