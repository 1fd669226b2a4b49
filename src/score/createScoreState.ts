import { compiledOf } from '../_internal/checkColumns.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';

/**
 * What an incremental {@link ScoreState} keeps for one customer.
 *
 * @remarks
 * `totals` holds three numbers per behaviour `b`: at `3b` the anchor (the newest event time of an
 * exponential behaviour, `-Infinity` before its first event), at `3b + 1` and `3b + 2` a
 * compensated sum and its compensation (exponential: every event decayed to the anchor;
 * permanent: every boost). `windows[b]` is, for behaviours that expire (linear, step,
 * exponential with a cutoff), the events still inside their duration as sorted
 * `[time, weight * boost, time, weight * boost, ...]`.
 *
 * @category Incremental
 */
export interface CustomerScoreState {
  readonly totals: number[];
  readonly windows: (number[] | undefined)[];
}

/**
 * Incremental scoring state for a stream of events of many customers; build it with
 * {@link createScoreState}, feed it with {@link applyEvent}, read it with {@link scoreState}.
 *
 * @category Incremental
 */
export interface ScoreState {
  /** The model the numbers were computed with. */
  readonly compiled: CompiledModel;
  /** Per customer id (`''` for events without one). */
  readonly customers: Map<string, CustomerScoreState>;
  /** The newest event time applied, epoch ms; `-Infinity` before the first event. */
  latest: number;
}

/**
 * An empty incremental scoring state, ready for {@link applyEvent}.
 *
 * @remarks
 * The state keeps O(1) numbers per customer and exponential (without cutoff) or permanent
 * behaviour, and for linear, step and cut-off exponential behaviours only the events still
 * inside their duration, pruned as newer events arrive. Events may arrive in any order. States
 * of shards combine with {@link mergeStates}, and persist with {@link serializeState} /
 * {@link parseState}.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @returns A new, empty state.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, linear, scoreState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { click: { boost: 25, decay: linear({ days: 14 }) } } });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
 * applyEvent(state, { customerId: 'bob', behaviour: 'click', at: 7 * day });
 * scoreState(state, 7 * day); // => { ada: 12.5, bob: 25 }
 * ```
 * @category Incremental
 */
export function createScoreState(model: Model | CompiledModel): ScoreState {
  return { compiled: compiledOf(model), customers: new Map(), latest: Number.NEGATIVE_INFINITY };
}
