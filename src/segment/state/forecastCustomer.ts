import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type Instant, MAX_INSTANT } from '../../time/instant.js';
import { classifyIndex } from '../_lib/ladder.js';
import type { Forecast } from '../forecast.js';
import { scoreOf } from '../sweep/sweepColumns.js';
import { sweepSegments } from '../sweep/sweepSegments.js';
import { customerEvents, openState } from './_lib/stateEvents.js';

/**
 * One customer's score, segment and next change of segment at an instant, from an incremental
 * state, costing that customer's live events, not the population: {@link forecast} for one
 * customer of a state.
 *
 * @remarks
 * Looks the customer up in the state's index (O(1)) and runs the segment sweep of
 * {@link forecast} over what the state keeps of them: each live event of an expiring behaviour,
 * and the kept sum of an exponential or permanent behaviour (one term, as every event decayed to
 * the newest). `next` is the first whole millisecond after `at` at which the customer is in
 * another segment if nothing new happens (held events count once their time comes, so they are
 * something new), or `null`. The score is the one {@link scoreCustomer} gives, to within the
 * rounding of the exponential sums (a few units in the last place); the segment and `next` are
 * exact for that score. A customer the state has never seen scores 0. Like {@link scoreState},
 * it answers at or after the newest event folded in and moves the state's horizon up to `at`.
 * Segments with a hysteresis band are refused (`UNSUPPORTED`): the band needs the segment the
 * customer was in, which the state's sums do not keep.
 *
 * @param state - The state.
 * @param customerId - The customer's id (as the state keys it: `String` of a number or bigint).
 * @param at - The instant, not before the newest event folded into the state.
 * @returns `{ score, segment, next }` as {@link forecast} gives them.
 * @throws {@link EngagekitError} `INVALID_STATE` when `state` is not a state; `INVALID_INSTANT`
 * for a bad `at` or one before the newest event folded in; `INVALID_OPTION` for an id that is not
 * a string, number or bigint; `UNSUPPORTED` for segments with a hysteresis band; `OVERFLOW` when
 * the score is beyond the range of a number.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, forecastCustomer, linear } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 40, decay: linear({ days: 40 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * forecastCustomer(state, 'ada', 5 * day);
 * // => { score: 35, segment: 'high', next: { at: 10 * day + 1, segment: 'low' } }
 * forecastCustomer(state, 'nobody', 5 * day);
 * // => { score: 0, segment: 'disengaged', next: null }
 * ```
 * @category Incremental
 */
export function forecastCustomer<Name extends string = string>(
  state: ScoreState,
  customerId: string | number | bigint,
  at: Instant,
): Forecast<Name> {
  const fn = 'forecastCustomer';
  const read = openState(state, at, fn);
  if (
    typeof customerId !== 'string' &&
    typeof customerId !== 'bigint' &&
    !(typeof customerId === 'number' && Number.isFinite(customerId))
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: customerId must be a string, a finite number or a bigint, got ${describeValue(customerId)}`,
      ['customerId'],
    );
  }
  const { time, ladder, unit } = read;
  const names = ladder.names as readonly Name[];
  const slot = read.state.slots.get(String(customerId));
  if (slot === undefined) {
    return { score: 0, segment: names[classifyIndex(ladder, 0, -1)]!, next: null };
  }
  const events = customerEvents(read.state, slot);
  const score = scoreOf(unit, events, time, fn);
  const segment = classifyIndex(ladder, score, -1);
  const change = sweepSegments(unit, events, ladder, time, segment, MAX_INSTANT, 1, { fn })[0];
  return {
    score,
    segment: names[segment]!,
    next: change === undefined ? null : { at: change.at, segment: names[change.to]! },
  };
}
