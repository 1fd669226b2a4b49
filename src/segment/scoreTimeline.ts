import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import type { Model, Segment } from '../model/modelSchema.js';
import { behaviourTotals, cappedScore } from '../score/_lib/behaviourTotals.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type DurationInput, readDuration } from '../time/duration.js';
import { type Instant, readInstant } from '../time/instant.js';
import { classifyScore } from './_lib/classifyScore.js';
import { ladderOf } from './_lib/ladder.js';
import { timelineWithRules } from './rules/timelineWithRules.js';
import { segmentIndexAt } from './sweep/segmentIndexAt.js';
import { sweepSegments } from './sweep/sweepSegments.js';

/** The most points one timeline may have, so that a wrong step cannot exhaust memory. */
export const MAX_TIMELINE_POINTS = 100_000;

/**
 * Options of {@link scoreTimeline}.
 *
 * @category Scoring
 */
export interface ScoreTimelineOptions extends ScoreOptions {
  /** First instant. */
  readonly from: Instant;
  /** Last instant (included when a whole number of steps away from `from`). */
  readonly to: Instant;
  /** Distance between points, longer than zero. */
  readonly step: DurationInput;
}

/**
 * One point of a {@link scoreTimeline}.
 *
 * @category Scoring
 */
export interface TimelinePoint {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly score: number;
  readonly segment: Segment;
}

/**
 * A customer's score and segment at evenly spaced instants, for charts.
 *
 * @remarks
 * Points are `from, from + step, ...` up to and including `to`; each equals {@link scoreAt} at that
 * instant. At most {@link MAX_TIMELINE_POINTS} points. To find the exact instants of segment
 * changes, use `forecast` or `transitions` rather than a fine timeline.
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param options - `from`, `to`, `step`, and what to do with unknown behaviours.
 * @returns The points in time order.
 * @throws {@link EngagekitError} `INVALID_OPTION` when `to` is before `from`, `step` is not longer
 * than zero or there would be too many points; otherwise as {@link scoreAt}.
 *
 * @example
 * ```ts
 * import { defineModel, linear, scoreTimeline } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const day = 86_400_000;
 * scoreTimeline(model, [{ behaviour: 'purchase', at: 0 }], { from: 0, to: 120 * day, step: { days: 60 } });
 * // => [
 * //   { at: 0, score: 50, segment: 'high' },
 * //   { at: 5184000000, score: 25, segment: 'low' },
 * //   { at: 10368000000, score: 0, segment: 'disengaged' },
 * // ]
 * ```
 * @category Scoring
 */
export function scoreTimeline(
  model: Model,
  events: readonly EngagementEvent[],
  options: ScoreTimelineOptions,
): TimelinePoint[] {
  const fn = 'scoreTimeline';
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options { from, to, step } are required`, [
      'options',
    ]);
  }
  const from = readInstant(options.from, { fn, path: ['options', 'from'], code: 'INVALID_OPTION' });
  const to = readInstant(options.to, { fn, path: ['options', 'to'], code: 'INVALID_OPTION' });
  const step = readDuration(options.step, {
    fn,
    path: ['options', 'step'],
    code: 'INVALID_OPTION',
  });
  if (to < from) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.to must not be before options.from`,
      ['options', 'to'],
    );
  }
  if (step <= 0) {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options.step must be longer than zero`, [
      'options',
      'step',
    ]);
  }
  const count = Math.floor((to - from) / step) + 1;
  if (count > MAX_TIMELINE_POINTS) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.from, options.to and options.step give ${count} points, more than ${MAX_TIMELINE_POINTS}; use a longer options.step`,
      ['options', 'step'],
    );
  }
  const compiled = compileModel(model, 'scoreTimeline');
  const columns = readEvents(compiled, events, fn, options);
  if (compiled.rules !== undefined) {
    return timelineWithRules(model, compiled, compiled.rules, columns, from, step, count, fn);
  }
  const ladder = ladderOf(model);
  // With a hysteresis band the segment depends on the path: replay it up to `from`, then follow
  // the exact changes in (from, to] instead of classifying each point on its own.
  let state = ladder.band === 0 ? -1 : segmentIndexAt(compiled, columns, ladder, from, -1, fn);
  const changes =
    ladder.band === 0
      ? []
      : sweepSegments(compiled, columns, ladder, from, state, to, Number.POSITIVE_INFINITY, {
          fn,
        });
  let next = 0;
  const points: TimelinePoint[] = [];
  for (let k = 0; k < count; k++) {
    const at = from + k * step;
    const score = cappedScore(compiled, behaviourTotals(compiled, columns, at, fn), fn, at);
    let segment: Segment;
    if (ladder.band === 0) segment = classifyScore(model, score);
    else {
      while (next < changes.length && changes[next]!.at <= at) state = changes[next++]!.to;
      segment = ladder.names[state]!;
    }
    points.push({ at, score, segment });
  }
  return points;
}
