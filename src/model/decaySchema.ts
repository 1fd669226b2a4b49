import * as z from 'zod/mini';
import { durationSchema } from '../time/duration.js';

/**
 * Linear decay: the full boost while `elapsed <= grace`, then a straight line to zero at `duration`.
 *
 * @category Model
 */
export interface LinearDecay {
  readonly kind: 'linear';
  /** Milliseconds after which the boost is worth nothing. */
  readonly duration: number;
  /** Milliseconds during which the boost keeps its full value (default 0). */
  readonly grace?: number;
}

/**
 * Exponential decay: the boost halves every `halfLife`; worth nothing from `cutoff` on, if given.
 *
 * @category Model
 */
export interface ExponentialDecay {
  readonly kind: 'exponential';
  /** Milliseconds for the boost to lose half its value. */
  readonly halfLife: number;
  /** Milliseconds after which the boost is cut to zero (default: never). */
  readonly cutoff?: number;
}

/**
 * Step decay: the full boost while `elapsed < duration`, zero afterwards.
 *
 * @category Model
 */
export interface StepDecay {
  readonly kind: 'step';
  /** Milliseconds during which the boost counts in full. */
  readonly duration: number;
}

/**
 * No decay: the boost counts forever.
 *
 * @category Model
 */
export interface PermanentDecay {
  readonly kind: 'permanent';
}

/**
 * How a behaviour's boost fades with time; build one with {@link linear}, {@link exponential},
 * {@link step} or {@link permanent}.
 *
 * @category Model
 */
export type DecaySpec = LinearDecay | ExponentialDecay | StepDecay | PermanentDecay;

/** The names of the decay kinds, in the order the docs present them. */
export const DECAY_KINDS = ['linear', 'exponential', 'step', 'permanent'] as const;

const positive = () =>
  z.pipe(
    durationSchema,
    z.number().check(z.refine((millis) => millis > 0, { error: 'must be longer than zero' })),
  );

function withoutUndefined<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(value)) if (part !== undefined) copy[key] = part;
  return copy as T;
}

/**
 * The zod schema of a {@link DecaySpec}; durations may be milliseconds or date-fns `Duration`s and
 * parse to milliseconds.
 *
 * @remarks
 * Built with `zod/mini` when the module loads, in a call marked pure, so that a bundle which does
 * not use it (nor {@link defineModel} or {@link parseModel}) leaves it and zod out.
 *
 * @category Model
 */
export const decaySchema = /* @__PURE__ */ buildDecaySchema();

function buildDecaySchema() {
  return z.pipe(
    // A plain union, not z.discriminatedUnion (about 0.5 kB min+brotli more in every bundle that
    // validates a model): errorOfIssues' deepestIssue skips the branches whose `kind` did not match.
    z.union(
      [
        z
          .strictObject({
            kind: z.literal('linear'),
            duration: positive(),
            grace: z.optional(durationSchema),
          })
          .check(
            z.refine((decay) => decay.grace === undefined || decay.grace < decay.duration, {
              error: 'must be shorter than duration',
              path: ['grace'],
            }),
          ),
        z.strictObject({
          kind: z.literal('exponential'),
          halfLife: positive(),
          cutoff: z.optional(positive()),
        }),
        z.strictObject({ kind: z.literal('step'), duration: positive() }),
        z.strictObject({ kind: z.literal('permanent') }),
      ],
      { error: `must be one of ${DECAY_KINDS.map((kind) => `"${kind}"`).join(', ')}` },
    ),
    z.transform((decay) => withoutUndefined(decay) as DecaySpec),
  );
}
