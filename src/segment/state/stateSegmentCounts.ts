import type { ScoreState } from '../../score/state/scoreStateParts.js';
import type { Instant } from '../../time/instant.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import type { SegmentCounts } from '../segmentCounts.js';
import { openState, stateEvents } from './_lib/stateEvents.js';

/**
 * How many customers of an incremental state are in each segment at an instant:
 * {@link segmentCounts} over the events the state was fed, without them.
 *
 * @remarks
 * Every customer the state has seen is counted (with score 0 when nothing of theirs counts), each
 * classified by the score {@link forecastState} gives. O(live events). Like {@link scoreState}, it
 * answers at or after the newest event folded in and moves the state's horizon up to `at`.
 * Segments with a hysteresis band are refused (`UNSUPPORTED`).
 *
 * @param state - The state.
 * @param at - The instant, not before the newest event folded into the state.
 * @returns `{ total, counts, shares }`, every segment of the ladder from the top down.
 * @throws {@link EngagekitError} `INVALID_STATE` when `state` is not a state; `INVALID_INSTANT`
 * for a bad `at` or one before the newest event folded in; `UNSUPPORTED` for segments with a
 * hysteresis band; `OVERFLOW` when a score is beyond the range of a number.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, linear, stateSegmentCounts } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 40, decay: linear({ days: 40 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * applyEvent(state, { customerId: 'bob', behaviour: 'click', at: -30 * day });
 * stateSegmentCounts(state, 5 * day).counts; // => { high: 1, low: 0, disengaged: 1 }
 * ```
 * @category Incremental
 */
export function stateSegmentCounts<Name extends string = string>(
  state: ScoreState,
  at: Instant,
): SegmentCounts<Name> {
  const fn = 'stateSegmentCounts';
  const { state: checked, time, ladder, unit } = openState(state, at, fn);
  const { ids, columns } = stateEvents(checked);
  const { segment } = forecastGrouped(unit, ladder, columns, ids.length, time, time, fn).result;
  const tally = new Array<number>(ladder.names.length).fill(0);
  for (let c = 0; c < segment.length; c++) tally[segment[c]!]!++;
  const total = ids.length;
  const counts: Record<string, number> = {};
  const shares: Record<string, number> = {};
  ladder.names.forEach((name, index) => {
    counts[name] = tally[index]!;
    shares[name] = total === 0 ? 0 : tally[index]! / total;
  });
  return { total, counts, shares } as SegmentCounts<Name>;
}
