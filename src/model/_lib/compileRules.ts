import type { Model } from '../modelSchema.js';

/** Frequency cap kinds of {@link CompiledRules.capKind}. */
export const CAP_NONE = 0;
export const CAP_DAY = 1;
export const CAP_WINDOW = 2;

/**
 * A model's rules (issue 18) in typed arrays, indexed like `model.behaviourIds`: frequency caps,
 * resets, groups and bounds. @internal
 */
export interface CompiledRules {
  /** 0 no frequency cap, 1 per calendar day, 2 per rolling window. */
  readonly capKind: Uint8Array;
  /** Events counted per day or window (`Infinity` without a cap). */
  readonly capCount: Float64Array;
  /** Rolling window in milliseconds (kind 2). */
  readonly capWindow: Float64Array;
  /** Time zone of a per-day cap (kind 1), `'UTC'` by default. */
  readonly capZone: readonly string[];
  /** For a reset behaviour, 1 at every behaviour it resets; `undefined` for other behaviours. */
  readonly resetTargets: readonly (Uint8Array | undefined)[];
  /** Whether any behaviour resets. */
  readonly hasResets: boolean;
  /** Group names in definition order. */
  readonly groupIds: readonly string[];
  /** Index into `groupIds` of each behaviour's group, -1 for an ungrouped behaviour. */
  readonly groupOf: Int32Array;
  /** Bounds of each group (`-Infinity` / `Infinity` when open). */
  readonly groupMin: Float64Array;
  readonly groupMax: Float64Array;
  /** Bounds of the score. */
  readonly min: number;
  readonly max: number;
}

/** Whether a model uses any rule of issue 18. */
export function modelHasRules(model: Model): boolean {
  if (model.bounds !== undefined || model.groups !== undefined) return true;
  return model.behaviourIds.some((id) => {
    const behaviour = model.behaviours[id]!;
    return behaviour.frequencyCap !== undefined || behaviour.resets !== undefined;
  });
}

/** The rules of a model laid out for scoring, or `undefined` for a model without rules. */
export function compileRules(model: Model): CompiledRules | undefined {
  if (!modelHasRules(model)) return undefined;
  const ids = model.behaviourIds;
  const count = ids.length;
  const capKind = new Uint8Array(count);
  const capCount = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const capWindow = new Float64Array(count);
  const capZone: string[] = [];
  const resetTargets: (Uint8Array | undefined)[] = [];
  let hasResets = false;
  ids.forEach((id, b) => {
    const behaviour = model.behaviours[id]!;
    const cap = behaviour.frequencyCap;
    capZone.push('UTC');
    if (cap !== undefined) {
      capCount[b] = cap.count;
      if ('window' in cap) {
        capKind[b] = CAP_WINDOW;
        capWindow[b] = cap.window;
      } else {
        capKind[b] = CAP_DAY;
        capZone[b] = cap.timeZone ?? 'UTC';
      }
    }
    const resets = behaviour.resets;
    if (resets === undefined) {
      resetTargets.push(undefined);
      return;
    }
    hasResets = true;
    const targets = new Uint8Array(count);
    if (resets === true) targets.fill(1);
    else for (const target of resets) targets[ids.indexOf(target)] = 1;
    resetTargets.push(targets);
  });
  const groupIds = Object.keys(model.groups ?? {});
  const groupOf = new Int32Array(count).fill(-1);
  const groupMin = new Float64Array(groupIds.length);
  const groupMax = new Float64Array(groupIds.length);
  groupIds.forEach((name, g) => {
    const group = model.groups![name]!;
    for (const id of group.behaviours) groupOf[ids.indexOf(id)] = g;
    groupMin[g] = group.bounds?.min ?? Number.NEGATIVE_INFINITY;
    groupMax[g] = group.bounds?.max ?? Number.POSITIVE_INFINITY;
  });
  return {
    capKind,
    capCount,
    capWindow,
    capZone,
    resetTargets,
    hasResets,
    groupIds,
    groupOf,
    groupMin,
    groupMax,
    min: model.bounds?.min ?? Number.NEGATIVE_INFINITY,
    max: model.bounds?.max ?? Number.POSITIVE_INFINITY,
  };
}

/** The rules a model uses, in words, for an `UNSUPPORTED` message: `frequencyCap of "visit"`. */
export function ruleNames(model: Model): string[] {
  const names: string[] = [];
  for (const id of model.behaviourIds) {
    const behaviour = model.behaviours[id]!;
    if (behaviour.frequencyCap !== undefined) names.push(`frequencyCap of ${JSON.stringify(id)}`);
    if (behaviour.resets !== undefined) names.push(`resets of ${JSON.stringify(id)}`);
  }
  if (model.groups !== undefined) names.push('groups');
  if (model.bounds !== undefined) names.push('bounds');
  return names;
}
