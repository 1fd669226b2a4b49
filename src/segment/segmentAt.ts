import { classifyScore } from '../_internal/classifyScore.js';
import type { Model, Segment } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { scoreAt } from '../score/scoreAt.js';
import type { Instant } from '../time/instant.js';

/**
 * The segment a customer is in at an instant: {@link segmentOf} of {@link scoreAt}.
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
 * ```
 * @category Segments
 */
export function segmentAt(
  model: Model,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): Segment {
  return classifyScore(model, scoreAt(model, events, at, options));
}
