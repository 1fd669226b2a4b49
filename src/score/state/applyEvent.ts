import { EngagekitError, type EngagekitIssue } from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import { describeValue } from '../../errors/formatPath.js';
import { instantMillis } from '../../time/instant.js';
import type { EngagementEvent } from '../EngagementEvent.js';
import { applyOrHold } from './_lib/held.js';
import type { ApplyOptions, ScoreState } from './scoreStateParts.js';
import { checkState, customerSlot, positionOf } from './scoreStateParts.js';

function problem(field: string, text: string): EngagekitIssue {
  return { path: ['event', field], message: `applyEvent: event.${field} ${text}` };
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
 * An event stamped after the state's horizon (the instant it was last scored or advanced to) is
 * held until its time comes instead (see {@link advanceState}): a skewed clock cannot make the
 * state unscorable at the present.
 *
 * With `options.position`, the event is applied once: an event at or below the stored position
 * of its `options.partition` changes nothing, and the state records the new position.
 *
 * @param state - The state from {@link createScoreState}, {@link mergeStates} or {@link parseState}.
 * @param event - The event; `customerId` defaults to `''`, a `null` or missing weight counts 1.
 * @param options - The feed's partition and position of the event, for exactly-once application.
 * @returns The same state, updated.
 * @throws {@link EngagekitError} `INVALID_EVENT` (naming every bad field) for a bad `at` (beyond
 * the range of a `Date` too), `weight`, `behaviour` or `customerId`; `UNKNOWN_BEHAVIOUR` for a
 * behaviour not in the model; `INVALID_STATE` when `state` is not a state; `INVALID_OPTION` for a
 * bad partition or position.
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
 *
 * // Exactly once: a replayed entry of a Redis Stream changes nothing.
 * const feed = { partition: 'events', position: '1767225600000-0' };
 * applyEvent(state, { behaviour: 'visit', at: 7 * day }, feed);
 * applyEvent(state, { behaviour: 'visit', at: 7 * day }, feed);
 * scoreState(state, 7 * day); // => { '': 24 }
 * ```
 * @category Incremental
 */
export function applyEvent(
  state: ScoreState,
  event: EngagementEvent,
  options?: ApplyOptions,
): ScoreState {
  checkState(state, 'applyEvent');
  if (event === null || typeof event !== 'object') {
    throw new EngagekitError(
      'INVALID_EVENT',
      `applyEvent: event must be an object { behaviour, at, weight?, customerId? }, got ${describeValue(event)}`,
      ['event'],
    );
  }
  const compiled = state.compiled;
  const issues: EngagekitIssue[] = [];
  let code: 'INVALID_EVENT' | 'UNKNOWN_BEHAVIOUR' = 'INVALID_EVENT';
  const id = event.behaviour;
  const b = compiled.index.get(id);
  if (b === undefined) {
    if (typeof id !== 'string') {
      issues.push(
        problem('behaviour', `must be a behaviour id (string), got ${describeValue(id)}`),
      );
    } else {
      code = 'UNKNOWN_BEHAVIOUR';
      issues.push({
        path: ['event', 'behaviour'],
        message: `applyEvent: event.behaviour ${JSON.stringify(id)} is not in the model; add it to the model or filter such events out`,
      });
    }
  }
  const time = instantMillis(event.at);
  if (Number.isNaN(time)) {
    issues.push(
      problem(
        'at',
        `must be a Date or epoch milliseconds within ±8.64e15 (the range of a Date), got ${describeValue(event.at)}`,
      ),
    );
  }
  // A null weight counts 1, as in SQL and the events readers.
  const weight = event.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    issues.push(problem('weight', `must be a finite number, got ${describeValue(weight)}`));
  } else if (b !== undefined && !Number.isFinite(weight * compiled.boost[b]!)) {
    issues.push(
      problem(
        'weight',
        `times the boost of "${id}" (${compiled.boost[b]}) overflows a number (${weight}); scale the weights down`,
      ),
    );
  }
  const customerId = event.customerId ?? '';
  if (typeof customerId !== 'string') {
    issues.push(problem('customerId', `must be a string, got ${describeValue(customerId)}`));
  }
  if (issues.length > 0) {
    // An unknown behaviour alone keeps its code; with other problems the event is invalid.
    throw errorOfIssues(
      issues.length === 1 ? code : 'INVALID_EVENT',
      issues as [EngagekitIssue, ...EngagekitIssue[]],
    );
  }
  const position = positionOf('applyEvent', state, options);
  if (position === undefined) return state;
  const slot = customerSlot(state, customerId);
  applyOrHold(state, slot, b!, time, weight * compiled.boost[b!]!);
  if (position !== null) state.positions.set(position.partition, position.position);
  return state;
}
