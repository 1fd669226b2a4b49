import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { rejectEventRules } from '../../model/_lib/rejectEventRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { compiledOf } from '../kernel/checkColumns.js';
import { emptyIndex } from './_lib/customerIndex.js';
import { noHeldEvents } from './_lib/held.js';
import { emptyWindows } from './_lib/windowStore.js';
import type { ScoreState } from './scoreStateParts.js';
import { modelFingerprint, stateLayout } from './scoreStateParts.js';

/** Options of {@link createScoreState}. @category Incremental */
export interface ScoreStateOptions {
  /**
   * The most events stamped after the state's horizon held at once (default 1,000,000); beyond
   * it the earliest are folded and the horizon moves up to them (see {@link advanceState}).
   */
  readonly maxHeld?: number;
}

/** The default of {@link ScoreStateOptions.maxHeld}. */
export const DEFAULT_MAX_HELD = 1_000_000;

/**
 * An empty incremental scoring state, ready for {@link applyEvent}.
 *
 * @remarks
 * The state keeps O(1) numbers per customer and exponential (without cutoff) or permanent
 * behaviour, and for linear, step and cut-off exponential behaviours only the events still
 * inside their duration, pruned as newer events arrive. Events may arrive in any order. States
 * of shards combine with {@link mergeStates}, and persist with {@link serializeState} /
 * {@link parseState}. Events stamped after the instant the state was last scored or advanced to
 * are held until their time comes (see {@link advanceState}), at most `options.maxHeld` of them.
 * Of the scoring rules, the state keeps the model's and its groups' bounds (they act on the
 * totals); frequency caps and resets, which decide which events count, are refused.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @param options - `maxHeld`: the most events held ahead of the horizon (default 1,000,000).
 * @returns A new, empty state.
 * @throws {@link EngagekitError} `UNSUPPORTED` for a model with frequency caps or resets.
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
export function createScoreState(
  model: Model | CompiledModel,
  options?: ScoreStateOptions,
): ScoreState {
  const compiled = compiledOf(model, 'createScoreState');
  rejectEventRules(compiled, 'createScoreState');
  const maxHeld = readMaxHeld(options);
  return {
    compiled,
    customers: emptyIndex(),
    ...stateLayout(compiled),
    data: new Float64Array(0),
    ready: 0,
    windows: emptyWindows(),
    swept: 0,
    latest: Number.NEGATIVE_INFINITY,
    fingerprint: modelFingerprint(compiled),
    positions: new Map(),
    horizon: Number.NEGATIVE_INFINITY,
    held: noHeldEvents(),
    maxHeld,
    scratch: undefined,
  };
}

function readMaxHeld(options: ScoreStateOptions | undefined): number {
  if (options === undefined) return DEFAULT_MAX_HELD;
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError(
      'INVALID_OPTION',
      `createScoreState: options must be an object { maxHeld? }, got ${describeValue(options)}`,
      ['options'],
    );
  }
  const { maxHeld = DEFAULT_MAX_HELD } = options;
  if (!Number.isSafeInteger(maxHeld) || maxHeld < 0) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `createScoreState: options.maxHeld must be a whole number of events, 0 or more, got ${describeValue(maxHeld)}`,
      ['options', 'maxHeld'],
    );
  }
  return maxHeld;
}
