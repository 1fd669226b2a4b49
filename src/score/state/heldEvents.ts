import type { ScoreState } from './scoreStateParts.js';
import { checkState } from './scoreStateParts.js';

/**
 * What a state holds back: the events stamped after its horizon (see {@link advanceState}).
 *
 * @category Incremental
 */
export interface HeldEventsReport {
  /** How many events are held. */
  readonly count: number;
  /** The earliest held event's time (epoch ms), or `null` when none is held. */
  readonly earliest: number | null;
  /** The latest held event's time (epoch ms), or `null` when none is held. */
  readonly latest: number | null;
  /** The state's horizon (epoch ms), or `null` before it was first scored or advanced. */
  readonly horizon: number | null;
  /** The most events the state holds at once. */
  readonly maxHeld: number;
}

/**
 * Reports the events a state holds because they are stamped after its horizon (a skewed clock, or
 * events ahead of the instant last scored), so a service can log or alert on them.
 *
 * @param state - The state.
 * @returns The count, the earliest and latest held times, the horizon and the bound.
 * @throws {@link EngagekitError} `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { advanceState, applyEvent, createScoreState, defineModel, heldEvents, permanent } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * const state = advanceState(createScoreState(model), 1000);
 * applyEvent(state, { customerId: 'ada', behaviour: 'signup', at: 5000 });
 * heldEvents(state); // => { count: 1, earliest: 5000, latest: 5000, horizon: 1000, maxHeld: 1000000 }
 * ```
 * @category Incremental
 */
export function heldEvents(state: ScoreState): HeldEventsReport {
  checkState(state, 'heldEvents');
  const times = state.held.time;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) if (times[i]! > latest) latest = times[i]!;
  return {
    count: times.length,
    earliest: times.length === 0 ? null : times[0]!,
    latest: times.length === 0 ? null : latest,
    horizon: state.horizon === Number.NEGATIVE_INFINITY ? null : state.horizon,
    maxHeld: state.maxHeld,
  };
}
