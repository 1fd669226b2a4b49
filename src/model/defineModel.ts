import type * as z from 'zod/mini';
import { parseWith } from '../errors/zodIssues.js';
import { ruleFieldsOfBehaviour, ruleFieldsOfModel } from './_lib/ruleFields.js';
import {
  type Behaviour,
  DEFAULT_SEGMENTS,
  type DefaultSegment,
  type Model,
  type ModelDefinition,
  modelSchema,
  type SegmentsDefinition,
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
    const { boost, decay, cap, frequencyCap, resets } = parsed.behaviours[id]!;
    // `+ 0` turns -0 into 0, so that a model equals its JSON round trip.
    behaviours[id] = {
      boost: boost + 0,
      decay,
      ...(cap === undefined ? {} : { cap: cap + 0 }),
      ...ruleFieldsOfBehaviour(frequencyCap, resets),
    };
  }
  return freezeDeep({
    behaviours,
    segments: normaliseSegments(parsed.segments),
    behaviourIds,
    ...ruleFieldsOfModel(parsed.bounds, parsed.groups),
  });
}

/** The ladder as the model keeps it: fields in a fixed order, levels from the highest `min` down. */
function normaliseSegments(segments: z.output<typeof modelSchema>['segments']): SegmentsDefinition {
  if (segments === undefined) return { high: DEFAULT_SEGMENTS.high, low: DEFAULT_SEGMENTS.low };
  const band = segments.band === undefined ? {} : { band: segments.band + 0 };
  if ('levels' in segments) {
    const levels = segments.levels
      .map((level) => ({ name: level.name, min: level.min + 0 }))
      .sort((a, b) => b.min - a.min);
    return { levels, below: segments.below, ...band };
  }
  return { high: segments.high + 0, low: segments.low + 0, ...band };
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
 * Segments may instead be a custom ladder with any number of named levels,
 * `{ levels: [{ name, min }, ...], below }`: a score belongs to the level with the highest `min`
 * it reaches, or to `below`. Either form takes an optional hysteresis `band`: a customer leaves a
 * segment downward only when the score drops below its threshold minus `band` (see
 * {@link segmentOf}). The names of a custom ladder become the model's segment type.
 *
 * @param definition - Behaviours and optional segment thresholds or ladder.
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
 *
 * const tiered = defineModel({
 *   behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
 *   segments: {
 *     levels: [
 *       { name: 'champion', min: 80 },
 *       { name: 'active', min: 30 },
 *       { name: 'casual', min: 10 },
 *     ],
 *     below: 'dormant',
 *     band: 5,
 *   },
 * });
 * tiered.segments.band; // => 5
 * ```
 * @category Model
 */
export function defineModel<const Name extends string = DefaultSegment>(
  definition: ModelDefinition<Name>,
): Model<Name> {
  return buildModel(definition, 'defineModel') as Model<Name>;
}
