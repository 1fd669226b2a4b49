import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import type { Instant } from '../time/instant.js';
import { checkSegment, classifyIndex, ladderOf } from './_lib/ladder.js';
import { readTimeRange } from './_lib/readTimeRange.js';
import { ruleScoreOf, sweepInput } from './sweep/ruleSweep.js';
import { segmentIndexAt } from './sweep/segmentIndexAt.js';
import { scoreOf } from './sweep/sweepColumns.js';
import { sweepSegments } from './sweep/sweepSegments.js';

/**
 * Options of {@link transitions}.
 *
 * @category Segments
 */
export interface TransitionsOptions<Name extends string = string> extends ScoreOptions {
  /** Start of the interval. */
  readonly from: Instant;
  /** End of the interval, included. */
  readonly to: Instant;
  /**
   * For a ladder with a hysteresis band: the segment the customer was in just before `from`. By
   * default it is found by replaying the customer's events from the first one.
   */
  readonly previous?: Name;
}

/**
 * One change of segment, see {@link transitions}.
 *
 * @category Segments
 */
export interface Transition<Name extends string = string> {
  /**
   * The first whole millisecond in the new segment, epoch milliseconds (or `to` itself, for a
   * change after the last whole millisecond of a range that ends between two).
   */
  readonly at: number;
  readonly from: Name;
  readonly to: Name;
  /**
   * The score at `at`: `scoreAt`'s on the same events (see the remarks for the one exception),
   * and always in segment `to`.
   */
  readonly score: number;
}

/**
 * Every change of segment in an interval, in time order, with its exact millisecond.
 *
 * @remarks
 * Unlike `forecast`, every event counts from its own instant, so the jumps that events inside the
 * interval cause are changes too, as are the drifts as boosts fade. Each transition's `at` is the
 * first whole millisecond in `(from, to]` at which `segmentAt` gives the new segment; the segment at
 * `from` itself is the starting point and not a transition. Changes are computed from the decay
 * formulas as `forecast` does, not sampled, so a dip shorter than the step of a timeline is still
 * found (and one that begins and ends within the same millisecond is not a change). When `to` is
 * not a whole millisecond, a change after the last whole millisecond before it (an event between
 * them) is reported at `to` itself, where `segmentAt` gives it.
 *
 * One pass over the customer's events, sorted once, with each behaviour's total kept in closed
 * form as the pass advances: O(n log n) for n events. Each change's `score` is then summed exactly
 * over the events alive at its instant, so it equals `scoreAt` at `at`, bit for bit, and falls in
 * the segment reported; to keep the pass O(n log n), those sums stop once they have added up
 * `4n + 1024` event terms (thousands of changes, each with hundreds of live events), and the
 * later changes' scores are the closed form's, within about 1e-13 of the terms' magnitude of
 * `scoreAt`'s and still in the segment reported.
 *
 * A score that sits exactly on a threshold (two surveys of 15 on a threshold of 30) is decided
 * once per stretch between events when every live event keeps its value (steps, permanent
 * boosts, grace periods), and without any sum when those values are integers; elsewhere the
 * instants the closed form's error bound cannot decide are summed exactly up to `2^20 + 32 n log2
 * n` event terms per call, past which such an instant keeps the current segment: a change whose
 * score stays within about 1e-13 of a threshold for long is then reported where it leaves that
 * band, never one `scoreAt` does not make.
 *
 * With scoring rules each event counts from its instant until a counted reset of its behaviour
 * discards it (a capped event never counts), and the score is the rules' bounded sum of groups: the
 * pass stays exact and O(n log n), each change's `score` summed as `scoreAt` sums it.
 *
 * With a hysteresis band the starting segment is replayed from the customer's first event (score
 * 0 before it) or taken from `options.previous`.
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param options - `from`, `to`, the previous segment (hysteresis) and what to do with unknown
 * behaviours.
 * @returns The transitions, earliest first; empty when the segment never changes.
 * @throws {@link EngagekitError} `INVALID_OPTION` when `to` is before `from` or `previous` is not a
 * segment of the model; `OVERFLOW` (path `['events']`) when the events' `|weight * boost|` add up
 * beyond the range of a number; otherwise as `scoreAt`.
 *
 * @example
 * ```ts
 * import { defineModel, linear, transitions } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const events = [
 *   { behaviour: 'purchase', at: 0 },
 *   { behaviour: 'purchase', at: 100 * day },
 * ];
 * transitions(model, events, { from: 0, to: 200 * day }).map(
 *   (change) => `${new Date(change.at).toISOString()} ${change.from} -> ${change.to}`,
 * );
 * // => [
 * //   '1970-02-18T00:00:00.001Z high -> low',
 * //   '1970-04-07T00:00:00.001Z low -> disengaged',
 * //   '1970-04-11T00:00:00.000Z disengaged -> high',
 * //   '1970-05-29T00:00:00.001Z high -> low',
 * //   '1970-07-16T00:00:00.001Z low -> disengaged',
 * // ]
 * ```
 * @category Segments
 */
export function transitions<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  options: TransitionsOptions<Name>,
): Transition<Name>[] {
  const fn = 'transitions';
  const { from, to } = readTimeRange(fn, options);
  const previous =
    options.previous === undefined
      ? -1
      : checkSegment(model, options.previous, fn, ['options', 'previous']);
  const compiled = compileModel(model, 'transitions');
  const ladder = ladderOf(model);
  const { columns, rules } = sweepInput(compiled, readEvents(compiled, events, fn, options));
  const state = segmentIndexAt(compiled, columns, ladder, from, previous, fn, rules);
  const names = ladder.names as readonly Name[];
  const changes = sweepSegments(
    compiled,
    columns,
    ladder,
    from,
    state,
    to,
    Number.POSITIVE_INFINITY,
    { fn, exactScores: true, rules },
  );
  if (to > Math.floor(to) && to > from) {
    // after the last whole millisecond: the segment at `to` itself
    const before = changes.length === 0 ? state : changes[changes.length - 1]!.to;
    const score =
      rules === undefined
        ? scoreOf(compiled, columns, to, fn)
        : ruleScoreOf(compiled, columns, rules, to, fn);
    const after = classifyIndex(ladder, score, before);
    if (after !== before) changes.push({ at: to, from: before, to: after, score });
  }
  return changes.map((change) => ({
    at: change.at,
    from: names[change.from]!,
    to: names[change.to]!,
    score: change.score,
  }));
}
