import * as fc from 'fast-check';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import type { DecaySpec } from '../model/decaySchema.js';
import { defineModel } from '../model/defineModel.js';
import type { Model } from '../model/modelSchema.js';
import { amountArbitrary } from './_lib/amount.js';
import {
  readFlag,
  readIdArbitrary,
  readMagnitude,
  readMaxDuration,
  readSize,
} from './_lib/readArbitraryOptions.js';
import type { ArbitraryMagnitude } from './ArbitraryMagnitude.js';

const DAY = 86_400_000;

/** The behaviour ids drawn when the host gives none. */
const DEFAULT_IDS = [
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
] as const;

/**
 * Options of {@link modelArbitrary}.
 *
 * @category Testing
 */
export interface ModelArbitraryOptions {
  /** Most behaviours in a model (default 6, at least 1; at most 10 with the default ids). */
  readonly maxBehaviours?: number;
  /** Whether behaviours may have caps (default true). */
  readonly caps?: boolean;
  /** Whether boosts may be negative (default true). */
  readonly negativeBoosts?: boolean;
  /** Longest duration, half-life or cutoff in whole milliseconds (default 400 days, at most 8.64e15). */
  readonly maxDuration?: number;
  /**
   * How large boosts and caps are (default `'realistic'`: 0 or 0.01 to 100 for boosts, 0.01 to 200
   * for caps; `'extreme'`: any finite double, 5e-324 and 1e308 included).
   */
  readonly magnitude?: ArbitraryMagnitude;
  /**
   * Where behaviour ids come from: by default a few plain names (`visit`, `click`, `purchase`,
   * ...); pass an arbitrary (e.g. `fc.string({ minLength: 1 })`) to draw distinct ids from it.
   * Ids a model cannot have (`''`, `'__proto__'`, anything but a string) are left out; a model
   * whose every drawn id was left out has the one behaviour `visit`.
   */
  readonly behaviourIds?: fc.Arbitrary<string>;
}

/**
 * Decay specs of every kind, with whole-millisecond durations up to `maxDuration`.
 *
 * @param maxDuration - Longest duration in whole milliseconds (default 400 days, at most 8.64e15).
 * @returns An arbitrary of {@link DecaySpec}.
 * @throws `EngagekitError` `INVALID_OPTION` (path `['maxDuration']`) at the call for a
 * `maxDuration` that is not a whole number of milliseconds from 1 to 8.64e15.
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
  const issues = issueList('decayArbitrary');
  const longest = readMaxDuration(issues, ['maxDuration'], maxDuration, 400 * DAY);
  issues.throwIfAny('INVALID_OPTION');
  return decays(longest!);
}

/** Decay specs with whole-millisecond durations up to `maxDuration`, checked by the caller. */
function decays(maxDuration: number): fc.Arbitrary<DecaySpec> {
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
 * @throws `EngagekitError` `INVALID_OPTION` at the call (not when fast-check draws) for
 * options that are not an object, an unknown option, a `maxBehaviours` that is not a whole number
 * from 1 to 1,000,000, a `maxDuration` that is not whole milliseconds from 1 to 8.64e15, a
 * `magnitude` other than `'realistic'` or `'extreme'`, a flag that is not a boolean, or a
 * `behaviourIds` that is not an arbitrary; every problem is listed.
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
  const issues = issueList('modelArbitrary');
  const fields = readFields(issues, ['options'], options, {
    known: ['maxBehaviours', 'caps', 'negativeBoosts', 'maxDuration', 'magnitude', 'behaviourIds'],
    optional: true,
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const maxBehaviours = readSize(issues, ['options', 'maxBehaviours'], fields!.maxBehaviours, 6, 1);
  const caps = readFlag(issues, ['options', 'caps'], fields!.caps, true);
  const negative = readFlag(issues, ['options', 'negativeBoosts'], fields!.negativeBoosts, true);
  const maxDuration = readMaxDuration(
    issues,
    ['options', 'maxDuration'],
    fields!.maxDuration,
    400 * DAY,
  );
  const magnitude = readMagnitude(issues, ['options', 'magnitude'], fields!.magnitude);
  const behaviourIds = readIdArbitrary(issues, ['options', 'behaviourIds'], fields!.behaviourIds);
  issues.throwIfAny('INVALID_OPTION');
  const boost = amountArbitrary(magnitude, { least: 0.01, max: 100, negative: negative! });
  const cap =
    caps === false
      ? fc.constant(undefined)
      : fc.option(amountArbitrary(magnitude, { least: 0.01, max: 200, negative: false }), {
          nil: undefined,
          freq: 3,
        });
  const behaviour = fc.record({ boost, decay: decays(maxDuration!), cap });
  const ids = (
    behaviourIds === undefined
      ? fc.uniqueArray(fc.constantFrom(...DEFAULT_IDS), {
          minLength: 1,
          maxLength: Math.min(maxBehaviours!, DEFAULT_IDS.length),
        })
      : fc.uniqueArray(behaviourIds, { minLength: 1, maxLength: maxBehaviours! })
  ).map((drawn) => {
    const usable = drawn.filter(
      (id): id is string => typeof id === 'string' && id !== '' && id !== '__proto__',
    );
    return usable.length === 0 ? ['visit'] : usable;
  });
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
