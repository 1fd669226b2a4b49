import { EngagekitError } from '../../errors/EngagekitError.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type DurationInput, readDuration } from '../../time/duration.js';
import type { Instant } from '../../time/instant.js';
import { atRiskList } from '../_lib/atRiskList.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import { stateForecastInput } from '../_lib/stateForecastInput.js';
import type { AtRiskCustomer } from '../atRisk.js';

/**
 * The customers of an incremental state who will drop a segment within a horizon if nothing new
 * happens, soonest first: what {@link atRisk} lists for the events the state has seen.
 *
 * @remarks
 * The drop instants are exact (the sweep of {@link forecast} on what the state keeps). Answers at
 * or after the newest event folded in, after folding in the events held until `at`; a model with
 * a hysteresis band is refused.
 *
 * @param state - The state.
 * @param options - `at`, the instant, and `within`, the horizon (a duration).
 * @returns The customers with their score, segment and `drop: { at, segment }`, by `drop.at`
 * then id.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options; `INVALID_INSTANT` for an `at`
 * before the newest event folded in; `UNSUPPORTED` for a model with a hysteresis band;
 * `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyEvent, atRiskOfState, createScoreState, defineModel, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: { click: { boost: 40, decay: linear({ days: 10 }) } },
 *   segments: { high: 30, low: 10 },
 * });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * atRiskOfState(state, { at: day, within: { days: 2 } }); // => [{ customerId: 'ada', score: 36, segment: 'high', drop: { at: 216000001, segment: 'low' } }]
 * ```
 * @category Incremental
 */
export function atRiskOfState(
  state: ScoreState,
  options: { readonly at: Instant; readonly within: DurationInput },
): AtRiskCustomer[] {
  const fn = 'atRiskOfState';
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options { at, within } are required`, [
      'options',
    ]);
  }
  const within = readDuration(options.within, {
    fn,
    path: ['options', 'within'],
    code: 'INVALID_OPTION',
  });
  const { compiled, ladder, time, ids, columns } = stateForecastInput(state, options.at, fn, [
    'options',
    'at',
  ]);
  const horizon = time + within;
  const { result, grouped } = forecastGrouped(
    compiled,
    ladder,
    columns,
    ids.length,
    time,
    horizon,
    fn,
  );
  return atRiskList(compiled, ladder, ids, result, grouped, time, horizon);
}
