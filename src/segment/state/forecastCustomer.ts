import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type Instant, MAX_INSTANT } from '../../time/instant.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import { stateForecastInput } from '../_lib/stateForecastInput.js';

/**
 * One customer's score, segment and next segment change from an incremental state, costing that
 * customer's live events, not the population.
 *
 * @remarks
 * The same numbers {@link forecastState} gives for that customer (and {@link forecast} over their
 * events): the next change is exact. A customer the state has never seen scores 0, in the lowest
 * segment, with no change ahead. Answers at or after the newest event folded in, after folding in
 * the events held until `at`; a model with a hysteresis band is refused.
 *
 * @param state - The state.
 * @param customerId - The customer's id (`String` of a number or bigint, as the state keys it).
 * @param at - The instant.
 * @returns `{ score, segment, next }`, `next` being `{ at, segment }` or `null` when no change comes.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * folded in; `INVALID_OPTION` for a bad id; `UNSUPPORTED` for a model with a hysteresis band;
 * `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, forecastCustomer, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: { click: { boost: 40, decay: linear({ days: 10 }) } },
 *   segments: { high: 30, low: 10 },
 * });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * forecastCustomer(state, 'ada', day); // => { score: 36, segment: 'high', next: { at: 216000001, segment: 'low' } }
 * forecastCustomer(state, 'nobody', day); // => { score: 0, segment: 'disengaged', next: null }
 * ```
 * @category Incremental
 */
export function forecastCustomer(
  state: ScoreState,
  customerId: string | number | bigint,
  at: Instant,
): { score: number; segment: string; next: { at: number; segment: string } | null } {
  const fn = 'forecastCustomer';
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
  const { compiled, ladder, time, ids, columns } = stateForecastInput(
    state,
    at,
    fn,
    ['at'],
    String(customerId),
  );
  const { result } = forecastGrouped(compiled, ladder, columns, ids.length, time, MAX_INSTANT, fn);
  const next = result.nextSegment[0]!;
  return {
    score: result.score[0]!,
    segment: ladder.names[result.segment[0]!]!,
    next: next < 0 ? null : { at: result.nextAt[0]!, segment: ladder.names[next]! },
  };
}
