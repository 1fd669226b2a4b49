import type { Bounds } from '../boundsSchema.js';
import type { FrequencyCap } from '../frequencyCapSchema.js';
import type { ScoreGroup } from '../groupsSchema.js';

type Parsed<T> = { [K in keyof T]?: T[K] | undefined };

/** Bounds as the model keeps them: only the sides given, -0 as 0. */
function bounds(input: Parsed<Bounds>): Bounds {
  return {
    ...(input.min === undefined ? {} : { min: input.min + 0 }),
    ...(input.max === undefined ? {} : { max: input.max + 0 }),
  };
}

/** A behaviour's rule fields as the model keeps them (absent when not given). @internal */
export function ruleFieldsOfBehaviour(
  frequencyCap:
    | {
        count: number;
        per?: 'day' | undefined;
        timeZone?: string | undefined;
        window?: number | undefined;
      }
    | undefined,
  resets: true | string[] | undefined,
): { frequencyCap?: FrequencyCap; resets?: true | string[] } {
  const fields: { frequencyCap?: FrequencyCap; resets?: true | string[] } = {};
  if (frequencyCap !== undefined) {
    fields.frequencyCap =
      frequencyCap.window !== undefined
        ? { count: frequencyCap.count, window: frequencyCap.window }
        : frequencyCap.timeZone === undefined
          ? { count: frequencyCap.count, per: 'day' }
          : { count: frequencyCap.count, per: 'day', timeZone: frequencyCap.timeZone };
  }
  if (resets !== undefined) fields.resets = resets === true ? true : [...resets];
  return fields;
}

/** A model's rule fields as the model keeps them (absent when not given). @internal */
export function ruleFieldsOfModel(
  modelBounds: Parsed<Bounds> | undefined,
  groups: Record<string, { behaviours: string[]; bounds?: Parsed<Bounds> | undefined }> | undefined,
): { bounds?: Bounds; groups?: Record<string, ScoreGroup> } {
  const fields: { bounds?: Bounds; groups?: Record<string, ScoreGroup> } = {};
  if (modelBounds !== undefined) fields.bounds = bounds(modelBounds);
  if (groups !== undefined) {
    const kept: Record<string, ScoreGroup> = {};
    for (const [name, group] of Object.entries(groups)) {
      kept[name] =
        group.bounds === undefined
          ? { behaviours: [...group.behaviours] }
          : { behaviours: [...group.behaviours], bounds: bounds(group.bounds) };
    }
    fields.groups = kept;
  }
  return fields;
}
