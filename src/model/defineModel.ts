import { parseWith } from '../_internal/zodIssues.js';
import {
  type Behaviour,
  DEFAULT_SEGMENTS,
  type Model,
  type ModelDefinition,
  modelSchema,
} from './modelSchema.js';

function freezeDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const part of Object.values(value)) freezeDeep(part);
    Object.freeze(value);
  }
  return value;
}

/** Validates a configuration and builds the immutable model. @internal */
export function buildModel(definition: unknown, fn: string): Model {
  const parsed = parseWith(modelSchema, definition, { fn, code: 'INVALID_MODEL' });
  const behaviourIds = Object.keys(parsed.behaviours);
  const behaviours: Record<string, Behaviour> = {};
  for (const id of behaviourIds) {
    const { boost, decay, cap } = parsed.behaviours[id]!;
    // `+ 0` turns -0 into 0, so that a model equals its JSON round trip.
    behaviours[id] =
      cap === undefined ? { boost: boost + 0, decay } : { boost: boost + 0, decay, cap: cap + 0 };
  }
  const segments = parsed.segments ?? DEFAULT_SEGMENTS;
  return freezeDeep({
    behaviours,
    segments: { high: segments.high + 0, low: segments.low + 0 },
    behaviourIds,
  });
}

/**
 * Validates an engagement model and returns it frozen, with durations in milliseconds.
 *
 * @remarks
 * Each behaviour has a `boost` (points per event, may be negative), a `decay` (built with
 * {@link linear}, {@link exponential}, {@link step} or {@link permanent}) and an optional `cap` on
 * the absolute total it can contribute at an instant. `segments` defaults to `{ high: 30, low: 10 }`
 * and `high` must be greater than `low`.
 *
 * @param definition - Behaviours and optional segment thresholds.
 * @returns The immutable {@link Model}.
 * @throws {@link EngagekitError} `INVALID_MODEL` naming the offending field, e.g.
 * `behaviours.purchase.boost`.
 *
 * @example
 * ```ts
 * import { defineModel, exponential, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     purchase: { boost: 50, decay: linear({ days: 120 }) },
 *     siteVisit: { boost: 5, decay: exponential({ days: 3 }), cap: 20 },
 *   },
 * });
 * model.behaviourIds; // => ['emailClick', 'purchase', 'siteVisit']
 * model.segments; // => { high: 30, low: 10 }
 * ```
 * @category Model
 */
export function defineModel(definition: ModelDefinition): Model {
  return buildModel(definition, 'defineModel');
}
