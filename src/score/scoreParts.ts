import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { type Instant, readInstant } from '../time/instant.js';
import { behaviourTotals, cappedScore } from './_lib/behaviourTotals.js';
import { readEvents } from './_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
import { ruleScoreAt, selectRuleEvents } from './rules/selectRuleEvents.js';

/**
 * A score with the parts of its groups, see {@link scoreParts}.
 *
 * @category Scoring
 */
export interface ScoreParts {
  /** The score, as {@link scoreAt} returns it. */
  readonly score: number;
  /** Each group's part: the sum of its behaviours (`raw`) and that sum clamped to its bounds. */
  readonly groups: Readonly<Record<string, { readonly raw: number; readonly bounded: number }>>;
  /** The sum of the behaviours in no group (unbounded). */
  readonly ungrouped: number;
}

/**
 * A customer's score at an instant with the parts of the model's groups: "engaged by email but
 * not buying".
 *
 * @remarks
 * `score = clamp_model(ungrouped + sum over groups of clamp_group(raw))`, where a group's `raw` is
 * the sum of its behaviours' totals (each clamped to its `cap`) after frequency caps and resets.
 * A model without groups has `groups: {}` and `ungrouped` equal to the score before the model's
 * bounds.
 *
 * @param model - The model.
 * @param events - The customer's events, in any order.
 * @param at - The instant to score at.
 * @param options - What to do with unknown behaviours.
 * @returns The {@link ScoreParts}.
 * @throws {@link EngagekitError} as {@link scoreAt} does.
 *
 * @example
 * ```ts
 * import { defineModel, linear, permanent, scoreParts } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 10, decay: permanent() },
 *     purchase: { boost: 50, decay: linear({ days: 100 }) },
 *     visit: { boost: 1, decay: permanent() },
 *   },
 *   groups: {
 *     email: { behaviours: ['emailClick'], bounds: { max: 25 } },
 *     commerce: { behaviours: ['purchase'] },
 *   },
 *   bounds: { max: 100 },
 * });
 * const clicks = [0, 1, 2].map((at) => ({ behaviour: 'emailClick', at }));
 * scoreParts(model, [...clicks, { behaviour: 'visit', at: 0 }], 10);
 * // => { score: 26, groups: { email: { raw: 30, bounded: 25 }, commerce: { raw: 0, bounded: 0 } }, ungrouped: 1 }
 * ```
 * @category Scoring
 */
export function scoreParts(
  model: Model,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): ScoreParts {
  const time = readInstant(at, { fn: 'scoreParts', path: ['at'] });
  const compiled = compileModel(model, 'scoreParts');
  const columns = readEvents(compiled, events, 'scoreParts', options);
  const rules = compiled.rules;
  if (rules === undefined) {
    const score = cappedScore(
      compiled,
      behaviourTotals(compiled, columns, time, 'scoreParts'),
      'scoreParts',
      time,
    );
    return { score, groups: {}, ungrouped: score };
  }
  const selection = selectRuleEvents(compiled, rules, columns);
  const { score, ungrouped } = ruleScoreAt(selection, time, 'scoreParts');
  const groups: Record<string, { raw: number; bounded: number }> = {};
  rules.groupIds.forEach((name, g) => {
    const raw = selection.scratch.groupRaw[g]!;
    groups[name] = {
      raw,
      bounded: Math.min(rules.groupMax[g]!, Math.max(rules.groupMin[g]!, raw)),
    };
  });
  return { score, groups, ungrouped };
}
