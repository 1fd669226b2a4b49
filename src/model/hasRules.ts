import type { CompiledModel } from './compileModel.js';
import type { Model } from './modelSchema.js';
import { readModel } from './readModel.js';

/**
 * Whether a model uses any scoring rule: score `bounds`, `groups`, a behaviour's `frequencyCap` or
 * `resets`.
 *
 * @remarks
 * A model without rules scores exactly as before the rules existed, on every path. A model with
 * rules is scored by {@link scoreAt}, {@link scoreParts}, {@link explainScore}, the column paths,
 * the timeline, the forecasts and transitions; a path that cannot honour a rule throws
 * `UNSUPPORTED` naming it.
 *
 * @param model - A model, or its {@link compileModel} result.
 * @returns `true` when the model has at least one rule.
 *
 * @example
 * ```ts
 * import { defineModel, hasRules, linear } from 'engagekit';
 *
 * const plain = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });
 * hasRules(plain); // => false
 * const bounded = defineModel({
 *   behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } },
 *   bounds: { max: 100 },
 * });
 * hasRules(bounded); // => true
 * ```
 * @category Model
 */
export function hasRules(model: Model | CompiledModel): boolean {
  if (typeof model === 'object' && model !== null && 'slotsPerCustomer' in model) {
    return model.rules !== undefined;
  }
  const { bounds, groups, behaviourIds, behaviours } = readModel(model, 'hasRules');
  if (bounds !== undefined || groups !== undefined) return true;
  return behaviourIds.some(
    (id) => behaviours[id]?.frequencyCap !== undefined || behaviours[id]?.resets !== undefined,
  );
}
