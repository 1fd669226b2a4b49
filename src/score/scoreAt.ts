import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { type Instant, readInstant } from '../time/instant.js';
import { behaviourTotals, cappedScore } from './_lib/behaviourTotals.js';
import { readEvents } from './_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
import { ruleScoreAt, selectRuleEvents } from './rules/selectRuleEvents.js';

/**
 * A customer's engagement score at an instant: the sum of every past event's decayed boost.
 *
 * @remarks
 * `score = sum over behaviours of clamp(sum over its events with event.at <= at of
 * weight * boost * decay(at - event.at), -cap, cap)`. Events after `at` do not count; an event at
 * exactly `at` counts in full. The order of events never matters: sums are compensated (Neumaier),
 * so a million events do not drift.
 *
 * A model with scoring rules (see {@link hasRules}) is scored by them: frequency caps decide which
 * events count, resets discard earlier events of the behaviours they name, behaviours add up per
 * group with each group clamped to its bounds, and the sum is clamped to the model's `bounds`
 * (see {@link scoreParts} for the groups' parts and the concepts guide for the exact rules).
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param at - The instant to score at.
 * @param options - What to do with unknown behaviours.
 * @returns The score, a finite number.
 * @throws {@link EngagekitError} `INVALID_EVENT` (with the event's index) for a bad event,
 * `UNKNOWN_BEHAVIOUR` for a behaviour not in the model, `INVALID_INSTANT` for a bad `at`,
 * `INVALID_OPTION` for options that are not an object, `OVERFLOW` (path `['events']`) when a
 * behaviour's total or the score is beyond the range of a number (boosts times weights adding up
 * past ±1.8e308) instead of returning `Infinity` or `NaN`.
 *
 * @example
 * ```ts
 * import { defineModel, linear, scoreAt } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     purchase: { boost: 50, decay: linear({ days: 120 }) },
 *   },
 * });
 * const day = 86_400_000;
 * const events = [
 *   { behaviour: 'emailClick', at: 0 },
 *   { behaviour: 'purchase', at: 0 },
 * ];
 * scoreAt(model, events, 0); // => 75
 * scoreAt(model, events, 60 * day); // => 25
 * ```
 * @category Scoring
 */
export function scoreAt(
  model: Model,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): number {
  const time = readInstant(at, { fn: 'scoreAt', path: ['at'] });
  const compiled = compileModel(model, 'scoreAt');
  const columns = readEvents(compiled, events, 'scoreAt', options);
  if (compiled.rules !== undefined) {
    return ruleScoreAt(selectRuleEvents(compiled, compiled.rules, columns), time, 'scoreAt').score;
  }
  return cappedScore(
    compiled,
    behaviourTotals(compiled, columns, time, 'scoreAt'),
    'scoreAt',
    time,
  );
}
