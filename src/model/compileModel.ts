import { type CompiledRules, compileRules } from './_lib/compileRules.js';
import type { DecaySpec } from './decaySchema.js';
import type { Model } from './modelSchema.js';
import { readModel } from './readModel.js';

/** Decay kind codes of {@link CompiledModel.kind}. */
export const KIND_LINEAR = 0;
export const KIND_EXPONENTIAL = 1;
export const KIND_STEP = 2;
export const KIND_PERMANENT = 3;

const KIND_CODES = { linear: 0, exponential: 1, step: 2, permanent: 3 } as const;

/**
 * A model laid out for scoring: per-behaviour constants in typed arrays, indexed like
 * `model.behaviourIds`.
 *
 * @remarks
 * For behaviour `b`: `kind[b]` is 0 linear, 1 exponential, 2 step, 3 permanent. `end[b]` is the
 * age from which the boost is worth nothing (linear and step duration, exponential cutoff,
 * `Infinity` otherwise); `grace[b]` the linear grace period; `span[b] = end - grace` for linear;
 * `halfLife[b]` and `rate[b] = ln 2 / halfLife` for exponential; `cap[b]` is `Infinity` when
 * uncapped. The columnar kernels accumulate per customer in `slotsPerCustomer` slots: slot 0 for
 * every uncapped behaviour together, and `slot[b] >= 1` for each capped behaviour on its own.
 *
 * @category Model
 */
export interface CompiledModel {
  readonly model: Model;
  readonly behaviourIds: readonly string[];
  /** Behaviour id to index. */
  readonly index: ReadonlyMap<string, number>;
  readonly decays: readonly DecaySpec[];
  readonly kind: Uint8Array;
  readonly boost: Float64Array;
  readonly end: Float64Array;
  readonly grace: Float64Array;
  readonly span: Float64Array;
  readonly halfLife: Float64Array;
  readonly rate: Float64Array;
  readonly cap: Float64Array;
  /** Accumulator slot of each behaviour: 0 when uncapped, its own slot from 1 when capped. */
  readonly slot: Int32Array;
  /** 1 + the number of capped behaviours. */
  readonly slotsPerCustomer: number;
  /** The model's rules (bounds, frequency caps, resets, groups); absent for a model without. @internal */
  readonly rules?: CompiledRules;
}

/**
 * Lays a model out in typed arrays for scoring many events; done once, reused for every call.
 *
 * @param model - A model from {@link defineModel} or {@link parseModel}.
 * @param fn - The public function the model was given to, named by the error (default
 * `compileModel`); for engagekit's own functions.
 * @returns The {@link CompiledModel}.
 * @throws {@link EngagekitError} `INVALID_MODEL` (path `['model']`) when `model` is not a model
 * made by `defineModel` or `parseModel` (a plain configuration, the JSON of a model, `null`).
 *
 * @example
 * ```ts
 * import { compileModel, defineModel, exponential, linear } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     visit: { boost: 5, decay: exponential({ days: 3 }), cap: 20 },
 *   },
 * });
 * const compiled = compileModel(model);
 * Array.from(compiled.boost); // => [25, 5]
 * Array.from(compiled.cap); // => [Infinity, 20]
 * compiled.index.get('visit'); // => 1
 * Array.from(compiled.slot); // => [0, 1]
 * ```
 * @category Model
 */
export function compileModel(model: Model, fn = 'compileModel'): CompiledModel {
  const valid = readModel(model, fn);
  const behaviourIds = valid.behaviourIds;
  const count = behaviourIds.length;
  const kind = new Uint8Array(count);
  const boost = new Float64Array(count);
  const end = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const grace = new Float64Array(count);
  const span = new Float64Array(count);
  const halfLife = new Float64Array(count);
  const rate = new Float64Array(count);
  const cap = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const slot = new Int32Array(count);
  let slotsPerCustomer = 1;
  const index = new Map<string, number>();
  const decays: DecaySpec[] = [];
  behaviourIds.forEach((id, b) => {
    const behaviour = valid.behaviours[id]!;
    const decay = behaviour.decay;
    index.set(id, b);
    decays.push(decay);
    kind[b] = KIND_CODES[decay.kind];
    boost[b] = behaviour.boost;
    if (behaviour.cap !== undefined) {
      cap[b] = behaviour.cap;
      slot[b] = slotsPerCustomer++;
    }
    switch (decay.kind) {
      case 'linear':
        end[b] = decay.duration;
        grace[b] = decay.grace ?? 0;
        span[b] = decay.duration - (decay.grace ?? 0);
        break;
      case 'exponential':
        halfLife[b] = decay.halfLife;
        rate[b] = Math.LN2 / decay.halfLife;
        if (decay.cutoff !== undefined) end[b] = decay.cutoff;
        break;
      case 'step':
        end[b] = decay.duration;
        break;
      case 'permanent':
        break;
    }
  });
  return {
    model: valid,
    behaviourIds,
    index,
    decays,
    kind,
    boost,
    end,
    grace,
    span,
    halfLife,
    rate,
    cap,
    slot,
    slotsPerCustomer,
    ...rulesField(valid),
  };
}

/** The `rules` field of a compiled model: present only when the model has rules. */
function rulesField(model: Model): { rules?: CompiledRules } {
  const rules = compileRules(model);
  return rules === undefined ? {} : { rules };
}
