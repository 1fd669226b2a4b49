import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import type { Model } from './modelSchema.js';

const KINDS = new Set(['linear', 'exponential', 'step', 'permanent']);

/**
 * The model argument of a public function, checked once where every path reads it: a model made
 * by `defineModel` or `parseModel` (frozen, with behaviours, their ids in order and segments).
 * Anything else (a configuration not yet validated, the JSON of a model, `null`) throws
 * `INVALID_MODEL` at path `model` naming the function, never a `TypeError` from deeper down.
 * Cost: one pass over the behaviour ids, as compiling the model takes anyway. @internal
 */
export function readModel(model: unknown, fn: string): Model {
  if (!isModel(model)) {
    throw new EngagekitError(
      'INVALID_MODEL',
      `${fn}: model must be a model made by defineModel(configuration) or parseModel(json), got ${describeValue(model)}; call one of them first (a configuration or the JSON of a model is not a model until it is validated)`,
      ['model'],
    );
  }
  return model;
}

function isModel(value: unknown): value is Model {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return false;
  const { behaviours, behaviourIds, segments } = value as Partial<Record<keyof Model, unknown>>;
  if (behaviours === null || typeof behaviours !== 'object') return false;
  if (segments === null || typeof segments !== 'object') return false;
  if (!Array.isArray(behaviourIds) || behaviourIds.length === 0) return false;
  for (const id of behaviourIds) {
    if (typeof id !== 'string' || !Object.hasOwn(behaviours, id)) return false;
    const behaviour = (behaviours as Record<string, unknown>)[id] as
      | { boost?: unknown; decay?: { kind?: unknown } | null }
      | undefined;
    if (typeof behaviour?.boost !== 'number' || !KINDS.has(behaviour.decay?.kind as string)) {
      return false;
    }
  }
  return true;
}
