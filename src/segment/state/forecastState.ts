import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type Instant, MAX_INSTANT, readInstant } from '../../time/instant.js';
import { type ColumnForecast, forecastGrouped } from '../_lib/forecastGrouped.js';
import { stateForecastInput } from '../_lib/stateForecastInput.js';

/**
 * Every customer's score, segment and next change of segment straight from an incremental state,
 * as {@link forecastColumns} gives them for the events the state has seen.
 *
 * @remarks
 * A state keeps, per customer and behaviour, what decides the score from now on (an exponential
 * sum and its anchor, a permanent sum, the live events of an expiring behaviour), and the sweep of
 * {@link forecast} runs on that, so `nextAt` is exact. Like {@link scoreState}, it answers at or
 * after the newest event folded in, and first folds in the events held until `at`. A model with a
 * hysteresis band is refused: its segments depend on history a state does not keep.
 *
 * @param state - The state (its held events due by `at` are folded in).
 * @param at - The instant.
 * @param options - `until`: the last instant to look for a change (default: the latest a `Date`
 * holds).
 * @returns The forecast in typed arrays, customer `c` being `customerIds[c]` (the state's order).
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at` or one before the newest event
 * folded in; `INVALID_OPTION` for a bad `until`; `UNSUPPORTED` for a model with a hysteresis band;
 * `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, forecastState, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: { click: { boost: 40, decay: linear({ days: 10 }) } },
 *   segments: { high: 30, low: 10 },
 * });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * const result = forecastState(state, 0);
 * result.customerIds; // => ['ada']
 * result.segments[result.segment[0]]; // => 'high'
 * // The first millisecond below 30: just after 2.5 days.
 * result.nextAt[0] - 2.5 * day; // => 1
 * ```
 * @category Incremental
 */
export function forecastState(
  state: ScoreState,
  at: Instant,
  options: { readonly until?: Instant } = {},
): ColumnForecast & { readonly customerIds: readonly string[] } {
  const fn = 'forecastState';
  const until =
    options?.until === undefined
      ? MAX_INSTANT
      : readInstant(options.until, { fn, path: ['options', 'until'], code: 'INVALID_OPTION' });
  const { compiled, ladder, time, ids, columns } = stateForecastInput(state, at, fn, ['at']);
  const { result } = forecastGrouped(
    compiled,
    ladder,
    columns,
    ids.length,
    time,
    Math.max(time, until),
    fn,
  );
  return { ...result, customerIds: ids };
}
