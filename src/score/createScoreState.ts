import { compiledOf } from '../_internal/checkColumns.js';
import { stateLayout } from '../_internal/scoreStateParts.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';

/**
 * Incremental scoring state for a stream of events of many customers; build it with
 * {@link createScoreState}, feed it with {@link applyEvent} or {@link applyColumns}, read it with
 * {@link scoreState}.
 *
 * @remarks
 * Customers get dense indexes in the order of their first event (`slots.get(id)`; the map
 * holds them in that order, so it also lists the id of each index), and their numbers sit in one record of `stride` numbers each in `data`, so that applying an
 * event touches one contiguous record. In a record, behaviour `b` starts at `offset[b]`: an
 * exponential (without cutoff) or permanent behaviour has the anchor (the newest event time of
 * an exponential behaviour, `-Infinity` before its first event) and a compensated sum with its
 * compensation (exponential: every event decayed to the anchor; permanent: every boost); a
 * behaviour that expires (linear, step, exponential with a cutoff) has its one live event
 * `(time, weight * boost)` inline, or `(NaN, 0)` for none, or `(NaN, 1)` when it keeps several:
 * then `windows.get(slot * behaviourCount + b)` holds them sorted as
 * `[time, weight * boost, time, weight * boost, ...]`. Treat it as opaque: read it with
 * {@link scoreState}, persist it with {@link serializeState}.
 *
 * @category Incremental
 */
export interface ScoreState {
  /** The model the numbers were computed with. */
  readonly compiled: CompiledModel;
  /**
   * Dense index of each customer id (`''` for events without one), in the order of the indexes.
   */
  readonly slots: Map<string, number>;
  /** Numbers per customer record. */
  readonly stride: number;
  /** Where each behaviour's numbers start in a record. */
  readonly offset: Int32Array;
  /** The records, `stride` numbers per customer (with spare room at the end). */
  data: Float64Array;
  /** How many customer records of `data` are filled in (`slots.size` between calls). */
  ready: number;
  /** Events of expiring behaviours that keep more than one, by `slot * behaviourCount + b`. */
  readonly windows: Map<number, number[]>;
  /** How many windows were kept after the last sweep of expired events. */
  swept: number;
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
  const compiled = compiledOf(model);
  return {
    compiled,
    slots: new Map(),
    ...stateLayout(compiled),
    data: new Float64Array(0),
    ready: 0,
    windows: new Map(),
    swept: 0,
    latest: Number.NEGATIVE_INFINITY,
  };
}
