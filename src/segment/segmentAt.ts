import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type Instant, readInstant } from '../time/instant.js';
import { ladderOf } from './_lib/ladder.js';
import { segmentWithRules } from './rules/segmentWithRules.js';
import { sweepInput } from './sweep/ruleSweep.js';
import { segmentIndexAt } from './sweep/segmentIndexAt.js';

/**
 * The segment a customer is in at an instant: {@link segmentOf} of {@link scoreAt}.
 *
 * @remarks
 * With a hysteresis band in the model's ladder the segment depends on the path the score took, so
 * the customer's events are replayed from the first one (score 0, and the segment of 0, before
 * it), changing segment exactly where {@link transitions} does; with scoring rules the replay
 * follows the rules (a capped event never counts, a reset discards the earlier events at its
 * instant, and before the first event the score is what the bounds make of no events).
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param at - The instant.
 * @param options - What to do with unknown behaviours.
 * @returns The segment.
 * @throws {@link EngagekitError} as {@link scoreAt} does.
 *
 * @example
 * ```ts
 * import { defineModel, linear, segmentAt } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const day = 86_400_000;
 * const events = [{ behaviour: 'purchase', at: 0 }];
 * segmentAt(model, events, 10 * day); // => 'high'
 * segmentAt(model, events, 60 * day); // => 'low'
 * segmentAt(model, events, 100 * day); // => 'disengaged'
 *
 * // with a band of 5 the customer stays high until the score is below 25 (day 60)
 * const sticky = defineModel({
 *   behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
 *   segments: { high: 30, low: 10, band: 5 },
 * });
 * segmentAt(sticky, events, 55 * day); // => 'high'
 * segmentAt(sticky, events, 61 * day); // => 'low'
 * ```
 * @category Segments
 */
export function segmentAt<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): Name {
  const time = readInstant(at, { fn: 'segmentAt', path: ['at'] });
  const compiled = compileModel(model, 'segmentAt');
  const columns = readEvents(compiled, events, 'segmentAt', options);
  const ladder = ladderOf(model);
  if (compiled.rules !== undefined && ladder.band === 0) {
    return segmentWithRules(model, compiled, compiled.rules, columns, time, 'segmentAt');
  }
  if (compiled.rules !== undefined) {
    // with a band the segment depends on the path: replayed under the rules
    const input = sweepInput(compiled, columns);
    return ladder.names[
      segmentIndexAt(compiled, input.columns, ladder, time, -1, 'segmentAt', input.rules)
    ] as Name;
  }
  return ladder.names[segmentIndexAt(compiled, columns, ladder, time, -1, 'segmentAt')] as Name;
}
