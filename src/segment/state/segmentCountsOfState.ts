import type { ScoreState } from '../../score/state/scoreStateParts.js';
import type { Instant } from '../../time/instant.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import { stateForecastInput } from '../_lib/stateForecastInput.js';

/**
 * How many customers of an incremental state are in each segment at an instant, and their shares:
 * what {@link segmentCounts} gives for the events the state has seen.
 *
 * @remarks
 * Every customer the state lists counts, those whose events no longer count too (in the lowest
 * segment). Answers at or after the newest event folded in, after folding in the events held
 * until `at`; a model with a hysteresis band is refused.
 *
 * @param state - The state.
 * @param at - The instant.
 * @returns `{ total, counts, shares }` by segment name, top segment first.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * folded in; `UNSUPPORTED` for a model with a hysteresis band; `INVALID_STATE` when `state` is not
 * a state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, linear, segmentCountsOfState } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: { click: { boost: 40, decay: linear({ days: 10 }) } },
 *   segments: { high: 30, low: 10 },
 * });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * applyEvent(state, { customerId: 'bob', behaviour: 'click', at: -7 * day });
 * segmentCountsOfState(state, 0).counts; // => { high: 1, low: 1, disengaged: 0 }
 * ```
 * @category Incremental
 */
export function segmentCountsOfState(
  state: ScoreState,
  at: Instant,
): {
  readonly total: number;
  readonly counts: Record<string, number>;
  readonly shares: Record<string, number>;
} {
  const fn = 'segmentCountsOfState';
  const { compiled, ladder, time, ids, columns } = stateForecastInput(state, at, fn, ['at']);
  const { segment } = forecastGrouped(compiled, ladder, columns, ids.length, time, time, fn).result;
  const tally = new Array<number>(ladder.names.length).fill(0);
  for (let c = 0; c < segment.length; c++) tally[segment[c]!]!++;
  const counts: Record<string, number> = {};
  const shares: Record<string, number> = {};
  ladder.names.forEach((name, index) => {
    counts[name] = tally[index]!;
    shares[name] = ids.length === 0 ? 0 : tally[index]! / ids.length;
  });
  return { total: ids.length, counts, shares };
}
