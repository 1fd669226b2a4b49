import { EngagekitError } from '../../errors/EngagekitError.js';
import type { ScoreState } from '../../score/state/scoreStateParts.js';
import { type DurationInput, readDuration } from '../../time/duration.js';
import { type Instant, readInstant } from '../../time/instant.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import { customerView } from '../_lib/groupColumns.js';
import type { AtRiskCustomer } from '../atRisk.js';
import { sweepSegments } from '../sweep/sweepSegments.js';
import { openState, stateEvents } from './_lib/stateEvents.js';

/** Options of {@link stateAtRisk}. @category Incremental */
export interface StateAtRiskOptions {
  /** Now: not before the newest event folded into the state. */
  readonly at: Instant;
  /** How far ahead to look, e.g. `{ days: 7 }`. */
  readonly within: DurationInput;
}

/**
 * The customers of an incremental state who will drop to a lower segment within a window if
 * nothing new happens, soonest first: {@link atRisk} over the events the state was fed, without
 * them.
 *
 * @remarks
 * The segment sweep of {@link atRisk} over what the state keeps of each customer (see
 * {@link forecastCustomer}); a customer who first rises is listed when they fall below their
 * segment at `at` within the window. Ties are listed by customer id. Like {@link scoreState}, it
 * answers at or after the newest event folded in and moves the state's horizon up to `at`.
 * Segments with a hysteresis band are refused (`UNSUPPORTED`).
 *
 * @param state - The state.
 * @param options - `at`: now; `within`: how far ahead to look.
 * @returns `{ customerId, score, segment, drop: { at, segment } }[]`, the soonest drop first.
 * @throws {@link EngagekitError} `INVALID_STATE` when `state` is not a state; `INVALID_OPTION`
 * for missing or bad options; `INVALID_INSTANT` for an `at` before the newest event folded in;
 * `UNSUPPORTED` for segments with a hysteresis band; `OVERFLOW` when a score is beyond the range
 * of a number.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, linear, stateAtRisk } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 40, decay: linear({ days: 40 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * applyEvent(state, { customerId: 'bob', behaviour: 'click', at: -30 * day });
 * stateAtRisk(state, { at: 5 * day, within: { days: 7 } });
 * // => [{ customerId: 'ada', score: 35, segment: 'high', drop: { at: 10 * day + 1, segment: 'low' } }]
 * ```
 * @category Incremental
 */
export function stateAtRisk<Name extends string = string>(
  state: ScoreState,
  options: StateAtRiskOptions,
): AtRiskCustomer<Name>[] {
  const fn = 'stateAtRisk';
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
  const { state: checked, time, ladder, unit } = openState(state, readAt(options.at, fn), fn);
  const names = ladder.names as readonly Name[];
  const { ids, columns } = stateEvents(checked);
  const horizon = time + within;
  const { result, grouped } = forecastGrouped(unit, ladder, columns, ids.length, time, horizon, fn);
  const list: AtRiskCustomer<Name>[] = [];
  for (let c = 0; c < ids.length; c++) {
    const segment = result.segment[c]!;
    let next = result.nextSegment[c]!;
    let dropAt = result.nextAt[c]!;
    if (next < 0 || segment === names.length - 1) continue;
    if (next < segment) {
      // A rise first: look on to the horizon for a fall below the segment at `at`.
      const changes = sweepSegments(unit, customerView(grouped, c), ladder, time, segment, horizon);
      const drop = changes.find((change) => change.to > segment);
      if (drop === undefined) continue;
      next = drop.to;
      dropAt = drop.at;
    }
    list.push({
      customerId: ids[c]!,
      score: result.score[c]!,
      segment: names[segment]!,
      drop: { at: dropAt, segment: names[next]! },
    });
  }
  return list.sort(
    (a, b) =>
      a.drop.at - b.drop.at ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
}

/** `options.at`, checked as an option (`INVALID_OPTION` at `options.at`) when it is not an instant. */
function readAt(at: unknown, fn: string): number {
  return readInstant(at as Instant, { fn, path: ['options', 'at'], code: 'INVALID_OPTION' });
}
