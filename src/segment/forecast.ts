import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type Instant, MAX_INSTANT, readInstant } from '../time/instant.js';
import { checkSegment, ladderOf } from './_lib/ladder.js';
import { ruleScoreOf, sweepInput } from './sweep/ruleSweep.js';
import { segmentIndexAt } from './sweep/segmentIndexAt.js';
import { columnsUpTo, scoreOf } from './sweep/sweepColumns.js';
import { sweepSegments } from './sweep/sweepSegments.js';

/**
 * Options of {@link forecast}.
 *
 * @category Segments
 */
export interface ForecastOptions<Name extends string = string> extends ScoreOptions {
  /**
   * For a ladder with a hysteresis band: the segment the customer was in just before `at`, when
   * the host keeps it. By default it is found by replaying the customer's events from the first
   * one (score 0 before it).
   */
  readonly previous?: Name;
}

/**
 * What {@link forecast} predicts.
 *
 * @category Segments
 */
export interface Forecast<Name extends string = string> {
  /** The score at `at`. */
  readonly score: number;
  /** The segment at `at`. */
  readonly segment: Name;
  /** The first change of segment if nothing new happens, or `null` if there is none. */
  readonly next: { readonly at: number; readonly segment: Name } | null;
}

/**
 * The score and segment now, and the exact millisecond the customer will change segment if
 * nothing new happens.
 *
 * @remarks
 * Only events at or before `at` count: later events are new happenings, which a forecast assumes
 * away (use `transitions` to see their effect). `next.at` is the first whole millisecond after
 * `at` at which the customer is in another segment: `segmentAt` on the events up to `at` gives
 * `segment` at `next.at - 1` and `next.segment` at `next.at`.
 *
 * It is computed, not sampled: between breakpoints (a boost's grace period, duration or cutoff
 * ending, a capped behaviour meeting its cap) the score is a constant plus a linear term plus a sum
 * of exponentials in closed form, whose crossings of the segment thresholds are isolated exactly
 * and located to the millisecond, with the millisecond itself settled in the arithmetic of
 * `scoreAt`. A purchase of +50 fading linearly over 120 days is `high` until day 48 (score exactly
 * 30) and `low` one millisecond later; a boost `B` with half-life `H` drops below threshold `T` at
 * `H * log2(B / T)`. Negative boosts make the score rise as they fade, so `next.segment` may be
 * higher. A score that only tends towards a threshold never reaches it: `next` is `null`. Changes
 * after the latest instant a `Date` can hold (8.64e15) are not reported.
 *
 * With scoring rules the forecast stays exact: which events count is fixed by the events up to
 * `at` (the frequency caps take the earliest of each day or window, a reset has discarded what
 * came before it), and the score is the model-bounded sum of the group-bounded parts; the clamps
 * add breakpoints (a group or the total meeting a bound) to the sweep, between which the closed
 * form is solved as without rules.
 *
 * With a hysteresis band the stay range of the current segment is `[threshold - band, next
 * threshold up)`; the current segment is replayed from the customer's history or taken from
 * `options.previous`.
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param at - The instant to forecast from.
 * @param options - The previous segment (hysteresis) and what to do with unknown behaviours.
 * @returns The {@link Forecast}.
 * @throws {@link EngagekitError} `INVALID_INSTANT` for a bad `at`, `INVALID_OPTION` for a
 * `previous` that is not a segment of the model; otherwise as `scoreAt`.
 *
 * @example
 * ```ts
 * import { defineModel, exponential, forecast, linear } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({
 *   behaviours: {
 *     purchase: { boost: 50, decay: linear({ days: 120 }) },
 *     emailClick: { boost: 40, decay: exponential({ days: 7 }) },
 *   },
 * });
 * forecast(model, [{ behaviour: 'purchase', at: 0 }], 0);
 * // => { score: 50, segment: 'high', next: { at: 48 * day + 1, segment: 'low' } }
 * forecast(model, [{ behaviour: 'purchase', at: 0 }], 50 * day).next;
 * // => { at: 96 * day + 1, segment: 'disengaged' }
 * forecast(model, [{ behaviour: 'purchase', at: 0 }], 100 * day).next; // => null
 *
 * // 40 halving every 7 days falls below 30 at 7 * log2(40 / 30) days
 * const crossing = 7 * day * Math.log2(40 / 30);
 * forecast(model, [{ behaviour: 'emailClick', at: 0 }], 0).next?.at === Math.floor(crossing) + 1; // => true
 * ```
 * @category Segments
 */
export function forecast<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ForecastOptions<Name> = {},
): Forecast<Name> {
  const fn = 'forecast';
  const time = readInstant(at, { fn, path: ['at'] });
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options must be an object`, ['options']);
  }
  const previous =
    options.previous === undefined
      ? -1
      : checkSegment(model, options.previous, fn, ['options', 'previous']);
  const compiled = compileModel(model, 'forecast');
  const ladder = ladderOf(model);
  const { columns, rules } = sweepInput(
    compiled,
    columnsUpTo(readEvents(compiled, events, fn, options), time),
  );
  const state = segmentIndexAt(compiled, columns, ladder, time, previous, fn, rules);
  const change = sweepSegments(compiled, columns, ladder, time, state, MAX_INSTANT, 1, {
    fn,
    rules,
  })[0];
  const names = ladder.names as readonly Name[];
  return {
    score:
      rules === undefined
        ? scoreOf(compiled, columns, time, fn)
        : ruleScoreOf(compiled, columns, rules, time, fn),
    segment: names[state]!,
    next: change === undefined ? null : { at: change.at, segment: names[change.to]! },
  };
}
