import { rejectRules } from '../../model/_lib/rejectRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { compiledOf } from '../kernel/checkColumns.js';
import type { ScoreState } from './scoreStateParts.js';
import { modelFingerprint, stateLayout } from './scoreStateParts.js';

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
  const compiled = compiledOf(model, 'createScoreState');
  rejectRules(compiled, 'createScoreState'); // issue 18: the state keeps no rules yet
  return {
    compiled,
    slots: new Map(),
    ...stateLayout(compiled),
    data: new Float64Array(0),
    ready: 0,
    windows: new Map(),
    unsorted: new Map(),
    swept: 0,
    latest: Number.NEGATIVE_INFINITY,
    fingerprint: modelFingerprint(compiled),
    positions: new Map(),
  };
}
