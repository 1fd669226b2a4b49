import * as z from 'zod';
import { decaySchema } from './decaySchema.js';

/** The most behaviours a model may have: behaviour indexes must fit a `Uint16Array`. */
export const MAX_BEHAVIOURS = 65_536;

/** Default segment thresholds: score >= 30 is `high`, >= 10 is `low`, below is `disengaged`. */
export const DEFAULT_SEGMENTS = Object.freeze({ high: 30, low: 10 });

const finite = () => z.number({ error: 'must be a finite number' });

const behaviourIdSchema = z
  .string()
  .min(1, { error: 'must not be an empty string' })
  .refine((id) => id !== '__proto__', {
    error: '"__proto__" is reserved and cannot be a behaviour id',
  });

/**
 * The zod schema of one behaviour: its boost, how it decays and an optional cap.
 *
 * @category Model
 */
export const behaviourSchema = z.strictObject({
  boost: finite(),
  decay: decaySchema,
  cap: finite().min(0, { error: 'must not be negative' }).optional(),
});

/**
 * The zod schema of segment thresholds: `high` must be greater than `low`.
 *
 * @category Model
 */
export const segmentThresholdsSchema = z
  .strictObject({ high: finite(), low: finite() })
  .refine((segments) => segments.high > segments.low, {
    error: 'must be greater than low',
    path: ['high'],
  });

/**
 * The zod schema of a model's configuration, as {@link defineModel} and {@link parseModel} accept
 * it. Durations may be milliseconds or date-fns `Duration` objects.
 *
 * @category Model
 */
export const modelSchema = z
  .strictObject({
    behaviours: z
      .record(behaviourIdSchema, behaviourSchema)
      .refine((behaviours) => Object.keys(behaviours).length > 0, {
        error: 'must define at least one behaviour',
      })
      .refine((behaviours) => Object.keys(behaviours).length <= MAX_BEHAVIOURS, {
        error: `must define at most ${MAX_BEHAVIOURS} behaviours`,
      }),
    segments: segmentThresholdsSchema.optional(),
    behaviourIds: z
      .array(z.string())
      .optional()
      .meta({ description: 'Written by engagekit when a model is serialised; optional on input.' }),
  })
  .refine(
    (model) =>
      model.behaviourIds === undefined ||
      (model.behaviourIds.length === Object.keys(model.behaviours).length &&
        Object.keys(model.behaviours).every((id, index) => model.behaviourIds?.[index] === id)),
    { error: 'must list the keys of behaviours in order', path: ['behaviourIds'] },
  );

/**
 * A model's configuration as {@link defineModel} and {@link parseModel} accept it.
 *
 * @category Model
 */
export type ModelDefinition = z.input<typeof modelSchema>;

/**
 * One behaviour of a {@link Model}, with durations in milliseconds.
 *
 * @category Model
 */
export interface Behaviour {
  /** Points one event of this behaviour adds when it happens (negative for a penalty). */
  readonly boost: number;
  /** How the boost fades. */
  readonly decay: import('./decaySchema.js').DecaySpec;
  /** Bound on the absolute total this behaviour contributes at an instant. */
  readonly cap?: number;
}

/**
 * A segment of the default ladder: `high`, `low` or `disengaged`.
 *
 * @category Segments
 */
export type Segment = 'high' | 'low' | 'disengaged';

/**
 * Score thresholds of the default segment ladder.
 *
 * @category Model
 */
export interface SegmentThresholds {
  /** Scores at or above this are `high`. */
  readonly high: number;
  /** Scores at or above this (and below `high`) are `low`; below it, `disengaged`. */
  readonly low: number;
}

/**
 * A validated, immutable engagement model. Build it with {@link defineModel} or
 * {@link parseModel}; `JSON.stringify` gives back a configuration {@link parseModel} accepts.
 *
 * @category Model
 */
export interface Model {
  /** Behaviours by id, durations in milliseconds. */
  readonly behaviours: Readonly<Record<string, Behaviour>>;
  /** Segment thresholds. */
  readonly segments: SegmentThresholds;
  /** Behaviour ids in definition order; the fast path refers to behaviours by index into this. */
  readonly behaviourIds: readonly string[];
}
