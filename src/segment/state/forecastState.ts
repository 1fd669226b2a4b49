import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type Instant, MAX_INSTANT, readInstant } from '../../time/instant.js';
import { type ColumnForecast, forecastGrouped } from '../_lib/forecastGrouped.js';
import { openState, stateEvents } from './_lib/stateEvents.js';

/** Options of {@link forecastState}. @category Incremental */
export interface ForecastStateOptions {
  /**
   * The last instant to look for a change of segment (default: the latest a `Date` holds), as in
   * {@link forecastColumns}.
   */
  readonly until?: Instant;
}

/**
 * Every customer's score, segment and next change of segment from an incremental state, see
 * {@link forecastState}: a {@link ColumnForecast} whose customer `c` is `customerIds[c]`.
 *
 * @category Incremental
 */
export interface StateForecast<Name extends string = string> extends ColumnForecast<Name> {
  /** The id of each customer, in the order of the arrays (the order of their first event). */
  readonly customerIds: readonly string[];
}

/**
 * Every customer's score, segment and next change of segment at an instant from an incremental
 * state: {@link forecastColumns} over the events the state was fed, without them.
 *
 * @remarks
 * Runs the segment sweep of {@link forecastColumns} over what the state keeps of each customer
 * (see {@link forecastCustomer}): O(live events) plus the sweep. Scores equal {@link scoreState}'s
 * to within the rounding of the exponential sums; segments and next changes are exact for them.
 * Every customer the state has seen is listed, with score 0 when nothing of theirs counts. Like
 * {@link scoreState}, it answers at or after the newest event folded in and moves the state's
 * horizon up to `at`; held events are something new, so they do not enter `nextAt`. Segments with
 * a hysteresis band are refused (`UNSUPPORTED`).
 *
 * @param state - The state.
 * @param at - The instant, not before the newest event folded into the state.
 * @param options - `until`: the last instant to look for a change (default: the latest a `Date` holds).
 * @returns The forecast in typed arrays, with `customerIds`.
 * @throws {@link EngagekitError} `INVALID_STATE` when `state` is not a state; `INVALID_INSTANT`
 * for a bad `at` or one before the newest event folded in; `INVALID_OPTION` for bad options;
 * `UNSUPPORTED` for segments with a hysteresis band; `OVERFLOW` when a score is beyond the range
 * of a number.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, forecastState, linear } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 40, decay: linear({ days: 40 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * applyEvent(state, { customerId: 'bob', behaviour: 'click', at: -30 * day });
 * const result = forecastState(state, 5 * day);
 * result.customerIds; // => ['ada', 'bob']
 * [...result.score]; // => [35, 5]
 * result.segments[result.segment[0]!]; // => 'high'
 * result.nextAt[0]! === 10 * day + 1; // => true
 * result.nextAt[1]; // => Infinity
 * ```
 * @category Incremental
 */
export function forecastState<Name extends string = string>(
  state: ScoreState,
  at: Instant,
  options: ForecastStateOptions = {},
): StateForecast<Name> {
  const fn = 'forecastState';
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options must be an object such as { until } or left out, got ${describeValue(options)}`,
      ['options'],
    );
  }
  const until =
    options.until === undefined
      ? MAX_INSTANT
      : readInstant(options.until, { fn, path: ['options', 'until'], code: 'INVALID_OPTION' });
  const { state: checked, time, ladder, unit } = openState(state, at, fn);
  const { ids, columns } = stateEvents(checked);
  const { result } = forecastGrouped(unit, ladder, columns, ids.length, time, until, fn);
  return { ...(result as ColumnForecast<Name>), customerIds: ids };
}
