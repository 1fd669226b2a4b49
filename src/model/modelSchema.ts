import * as z from 'zod/mini';
import { rulesIssues } from './_lib/rulesIssues.js';
import { type Bounds, boundsSchema } from './boundsSchema.js';
import { decaySchema } from './decaySchema.js';
import { type FrequencyCap, frequencyCapSchema } from './frequencyCapSchema.js';
import { groupsSchema, resetsSchema, type ScoreGroup } from './groupsSchema.js';

/** The most behaviours a model may have: behaviour indexes must fit a `Uint16Array`. */
export const MAX_BEHAVIOURS = 65_536;

/** Default segment thresholds: score >= 30 is `high`, >= 10 is `low`, below is `disengaged`. */
export const DEFAULT_SEGMENTS = Object.freeze({ high: 30, low: 10 });

// The schemas are built with zod/mini, each in a function whose call is marked pure, so that a
// bundle that validates no model (nps alone, scoreAt on a model built elsewhere) carries neither
// them nor zod. A new part of the model (bounds, groups...) follows the same pattern: a
// `buildXxxSchema()` in its own file, its result exported as `/* @__PURE__ */ buildXxxSchema()`,
// and one field more in `buildModelSchema` below.

const finite = () => z.number({ error: 'must be a finite number' });

const notNegative = () => finite().check(z.minimum(0, { error: 'must not be negative' }));

const nonEmptyName = (reserved: string) =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be an empty string' }),
    z.refine((id) => id !== '__proto__', {
      error: `"__proto__" is reserved and cannot be ${reserved}`,
    }),
  );

/**
 * The zod schema of one behaviour: its boost, how it decays and an optional cap.
 *
 * @category Model
 */
export const behaviourSchema = /* @__PURE__ */ buildBehaviourSchema();

function buildBehaviourSchema() {
  return z.strictObject({
    boost: finite(),
    decay: decaySchema,
    cap: z.optional(notNegative()),
    // Rules (issue 18): see frequencyCapSchema.ts and groupsSchema.ts.
    frequencyCap: z.optional(frequencyCapSchema),
    resets: z.optional(resetsSchema),
  });
}

const bandSchema = () => z.optional(notNegative());

/**
 * The zod schema of the default ladder's thresholds: `high` must be greater than `low`; the optional
 * hysteresis `band` must be smaller than `high - low`.
 *
 * @category Model
 */
export const segmentThresholdsSchema = /* @__PURE__ */ buildSegmentThresholdsSchema();

function buildSegmentThresholdsSchema() {
  return z.strictObject({ high: finite(), low: finite(), band: bandSchema() }).check(
    z.refine((segments) => segments.high > segments.low, {
      error: 'must be greater than low',
      path: ['high'],
    }),
    z.refine(
      (segments) => segments.band === undefined || segments.band < segments.high - segments.low,
      { error: 'must be smaller than high - low', path: ['band'] },
    ),
  );
}

/**
 * The zod schema of a custom segment ladder: named levels with the least score of each, the name of
 * the segment below the lowest level, and an optional hysteresis `band`.
 *
 * @remarks
 * Levels may be listed in any order and are kept sorted from the highest `min` down. Names must be
 * distinct (including `below`), `min` values distinct, and `band` smaller than the smallest gap
 * between two adjacent `min` values.
 *
 * @category Model
 */
export const segmentLadderSchema = /* @__PURE__ */ buildSegmentLadderSchema();

function buildSegmentLadderSchema() {
  return z
    .strictObject({
      levels: z
        .array(z.strictObject({ name: nonEmptyName('a segment name'), min: finite() }))
        .check(z.minLength(1, { error: 'must list at least one level' })),
      below: nonEmptyName('a segment name'),
      band: bandSchema(),
    })
    .check(
      z.superRefine((ladder, context) => {
        const names = new Set<string>([ladder.below]);
        const mins = new Set<number>();
        ladder.levels.forEach((level, index) => {
          if (names.has(level.name)) {
            context.addIssue({
              code: 'custom',
              message: `segment name "${level.name}" is used twice; names must be distinct`,
              path: ['levels', index, 'name'],
            });
          }
          names.add(level.name);
          if (mins.has(level.min)) {
            context.addIssue({
              code: 'custom',
              message: `min ${level.min} is used by two levels; each level needs its own threshold`,
              path: ['levels', index, 'min'],
            });
          }
          mins.add(level.min);
        });
        if (ladder.band === undefined) return;
        const sorted = [...mins].sort((a, b) => b - a);
        for (let i = 1; i < sorted.length; i++) {
          if (ladder.band >= sorted[i - 1]! - sorted[i]!) {
            context.addIssue({
              code: 'custom',
              message: `must be smaller than the gap between adjacent levels (${sorted[i - 1]! - sorted[i]!})`,
              path: ['band'],
            });
            return;
          }
        }
      }),
    );
}

/**
 * The zod schema of a model's configuration, as {@link defineModel} and {@link parseModel} accept
 * it. Durations may be milliseconds or date-fns `Duration` objects.
 *
 * @remarks
 * Built with `zod/mini`; a bundle that does not use it leaves it and zod out.
 *
 * @category Model
 */
export const modelSchema = /* @__PURE__ */ buildModelSchema();

function buildModelSchema() {
  return z
    .strictObject({
      behaviours: z.record(nonEmptyName('a behaviour id'), behaviourSchema).check(
        z.refine((behaviours) => Object.keys(behaviours).length > 0, {
          error: 'must define at least one behaviour',
        }),
        z.refine((behaviours) => Object.keys(behaviours).length <= MAX_BEHAVIOURS, {
          error: `must define at most ${MAX_BEHAVIOURS} behaviours`,
        }),
      ),
      segments: z.optional(z.union([segmentThresholdsSchema, segmentLadderSchema])),
      behaviourIds: z.optional(z.array(z.string())),
      // Rules (issue 18): see boundsSchema.ts and groupsSchema.ts.
      bounds: z.optional(boundsSchema),
      groups: z.optional(groupsSchema),
    })
    .check(
      z.refine(
        (model) =>
          model.behaviourIds === undefined ||
          (model.behaviourIds.length === Object.keys(model.behaviours).length &&
            Object.keys(model.behaviours).every((id, index) => model.behaviourIds?.[index] === id)),
        { error: 'must list the keys of behaviours in order', path: ['behaviourIds'] },
      ),
      z.superRefine((model, context) => {
        for (const issue of rulesIssues(model)) context.addIssue({ code: 'custom', ...issue });
      }),
    );
}

/**
 * A model's configuration as {@link defineModel} and {@link parseModel} accept it.
 *
 * @category Model
 */
export type ModelDefinition<Name extends string = Segment> = Omit<
  z.input<typeof modelSchema>,
  'segments'
> & {
  /** Default `{ high: 30, low: 10 }`. */
  readonly segments?: SegmentsDefinition<Name>;
};

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
  /** At most so many of its events count per day or per rolling window. */
  readonly frequencyCap?: FrequencyCap;
  /** An event of it discards every earlier event of these behaviours (`true`: all). */
  readonly resets?: true | string[];
}

/**
 * A segment of the default ladder: `high`, `low` or `disengaged`.
 *
 * @category Segments
 */
export type DefaultSegment = 'high' | 'low' | 'disengaged';

/**
 * The name of a segment: one of the default ladder's, or a name of a custom ladder
 * ({@link SegmentLadder}).
 *
 * @category Segments
 */
export type Segment = DefaultSegment | (string & {});

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
  /**
   * Hysteresis: a customer in a segment leaves it downward only once the score is below its
   * threshold minus `band` (moving up still needs the threshold itself). Default 0.
   */
  readonly band?: number;
}

/**
 * One rung of a {@link SegmentLadder}.
 *
 * @category Model
 */
export interface SegmentLevel<Name extends string = Segment> {
  readonly name: Name;
  /** The least score of this segment. */
  readonly min: number;
}

/**
 * A custom segment ladder with any number of named levels, highest `min` first.
 *
 * @category Model
 */
export interface SegmentLadder<Name extends string = Segment> {
  /** Levels sorted from the highest `min` down. A score belongs to the first level it reaches. */
  readonly levels: readonly SegmentLevel<Name>[];
  /** The segment of scores below every level. */
  readonly below: Name;
  /** Hysteresis band, as in {@link SegmentThresholds.band}. */
  readonly band?: number;
}

/**
 * How a model turns scores into segments: the default ladder's thresholds or a custom ladder.
 *
 * @category Model
 */
export type SegmentsDefinition<Name extends string = Segment> =
  | SegmentThresholds
  | SegmentLadder<Name>;

/**
 * A validated, immutable engagement model. Build it with {@link defineModel} or
 * {@link parseModel}; `JSON.stringify` gives back a configuration {@link parseModel} accepts.
 *
 * @category Model
 */
export interface Model<Name extends string = Segment> {
  /** Behaviours by id, durations in milliseconds. */
  readonly behaviours: Readonly<Record<string, Behaviour>>;
  /** Segment thresholds (`{ high, low }` for the default ladder) or a custom ladder. */
  readonly segments: SegmentsDefinition<Name>;
  /** Behaviour ids in definition order; the fast path refers to behaviours by index into this. */
  readonly behaviourIds: readonly string[];
  /** Bounds on the final score. */
  readonly bounds?: Bounds;
  /** Named groups of behaviours, each with optional bounds on its part. */
  readonly groups?: Readonly<Record<string, ScoreGroup>>;
}
