import * as fc from 'fast-check';
import type { DecaySpec } from '../model/decaySchema.js';
import { defineModel } from '../model/defineModel.js';
import type { Model } from '../model/modelSchema.js';
import { amountArbitrary } from './_lib/amount.js';
import type { ArbitraryMagnitude } from './ArbitraryMagnitude.js';

const DAY = 86_400_000;

/**
 * Options of {@link modelArbitrary}.
 *
 * @category Testing
 */
export interface ModelArbitraryOptions {
  /** Most behaviours in a model (default 6, at least 1). */
  readonly maxBehaviours?: number;
  /** Whether behaviours may have caps (default true). */
  readonly caps?: boolean;
  /** Whether boosts may be negative (default true). */
  readonly negativeBoosts?: boolean;
  /** Longest duration, half-life or cutoff in milliseconds (default 400 days). */
  readonly maxDuration?: number;
  /**
   * How large boosts and caps are (default `'realistic'`: 0 or 0.01 to 100 for boosts, 0.01 to 200
   * for caps; `'extreme'`: any finite double, 5e-324 and 1e308 included).
   */
  readonly magnitude?: ArbitraryMagnitude;
  /**
   * Where behaviour ids come from: by default a few plain names (`visit`, `click`, `purchase`,
   * ...); pass an arbitrary (e.g. `fc.string({ minLength: 1 })`) to draw distinct ids from it.
   */
  readonly behaviourIds?: fc.Arbitrary<string>;
}

/**
 * Decay specs of every kind, with whole-millisecond durations up to `maxDuration`.
 *
 * @param maxDuration - Longest duration in milliseconds (default 400 days).
 * @returns An arbitrary of {@link DecaySpec}.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { decayArbitrary } from 'engagekit/testing';
 *
 * const kinds = fc.sample(decayArbitrary(), { numRuns: 200, seed: 1 }).map((decay) => decay.kind);
 * new Set(kinds).size; // => 4
 * ```
 * @category Testing
 */
export function decayArbitrary(maxDuration = 400 * DAY): fc.Arbitrary<DecaySpec> {
  const duration = fc.integer({ min: 1, max: maxDuration });
  return fc.oneof(
    fc
      .tuple(duration, fc.option(fc.double({ min: 0, max: 0.99, noNaN: true }), { nil: undefined }))
      .map(([length, graceShare]): DecaySpec => {
        const grace = graceShare === undefined ? undefined : Math.floor(length * graceShare);
        return grace === undefined || grace >= length
          ? { kind: 'linear', duration: length }
          : { kind: 'linear', duration: length, grace };
      }),
    fc
      .tuple(duration, fc.option(duration, { nil: undefined }))
      .map(
        ([halfLife, cutoff]): DecaySpec =>
          cutoff === undefined
            ? { kind: 'exponential', halfLife }
            : { kind: 'exponential', halfLife, cutoff },
      ),
    duration.map((length): DecaySpec => ({ kind: 'step', duration: length })),
    fc.constant<DecaySpec>({ kind: 'permanent' }),
  );
}

/**
 * Valid engagement models: 1 to `maxBehaviours` behaviours with boosts in [-100, 100], every decay
 * kind, optional caps, and segment thresholds with `high > low`.
 *
 * @remarks
 * By default the numbers are realistic: a boost is 0 or at least 0.01 in absolute value, so that
 * a test of a host's SQL integration does not meet values such as 2e-253 that a warehouse
 * underflows on. `magnitude: 'extreme'` draws any finite double instead; `behaviourIds` draws ids
 * from an arbitrary of the host's choosing (hostile names, say).
 *
 * @param options - Size and features of the generated models.
 * @returns An arbitrary of frozen {@link Model}s built with `defineModel`.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { modelArbitrary } from 'engagekit/testing';
 *
 * const [model] = fc.sample(modelArbitrary({ maxBehaviours: 3 }), { numRuns: 1, seed: 7 });
 * model !== undefined && model.behaviourIds.length >= 1 && model.behaviourIds.length <= 3; // => true
 * ```
 * @category Testing
 */
export function modelArbitrary(options: ModelArbitraryOptions = {}): fc.Arbitrary<Model> {
  const maxBehaviours = Math.max(1, options.maxBehaviours ?? 6);
  const boost = amountArbitrary(options.magnitude, {
    least: 0.01,
    max: 100,
    negative: options.negativeBoosts !== false,
  });
  const cap =
    options.caps === false
      ? fc.constant(undefined)
      : fc.option(amountArbitrary(options.magnitude, { least: 0.01, max: 200, negative: false }), {
          nil: undefined,
          freq: 3,
        });
  const behaviour = fc.record({ boost, decay: decayArbitrary(options.maxDuration), cap });
  const ids = fc.uniqueArray(
    options.behaviourIds ??
      fc.constantFrom(
        'visit',
        'click',
        'purchase',
        'survey',
        'login',
        'share',
        'review',
        'refund',
        'complaint',
        'upgrade',
      ),
    {
      minLength: 1,
      maxLength: Math.min(maxBehaviours, 10),
    },
  );
  const segments = fc
    .tuple(fc.integer({ min: -50, max: 100 }), fc.integer({ min: 1, max: 100 }))
    .map(([low, gap]) => ({ high: low + gap, low }));
  return fc
    .tuple(ids, segments)
    .chain(([names, thresholds]) =>
      fc.tuple(
        fc.array(behaviour, { minLength: names.length, maxLength: names.length }),
        fc.constant(names),
        fc.constant(thresholds),
      ),
    )
    .map(([behaviours, names, thresholds]) =>
      defineModel({
        behaviours: Object.fromEntries(
          names.map((name, i) => {
            const { boost: points, decay, cap: limit } = behaviours[i]!;
            return [
              name,
              limit === undefined ? { boost: points, decay } : { boost: points, decay, cap: limit },
            ];
          }),
        ),
        segments: thresholds,
      }),
    );
}
