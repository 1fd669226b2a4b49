import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';
import { checkColumns } from '../kernel/checkColumns.js';
import { limitHeld, pushHeld } from './_lib/held.js';
import { applyColumnsInChunks, stringIds } from './applyColumnsInChunks.js';
import type { ApplyOptions, ScoreState } from './scoreStateParts.js';
import { checkState, customerSlot, positionOf } from './scoreStateParts.js';

/** A customer id as the doors give it: a string, a number or a bigint. */
export type CustomerKey = string | number | bigint;

/**
 * The columns {@link applyColumns} takes: those of {@link scoreColumns}, optionally with the
 * customers' ids (as `eventColumns` returns them).
 *
 * @category Incremental
 */
export interface StateColumnsInput extends EventColumnsInput {
  /** The id of each customer index; every one is listed by the state, with score 0 if need be. */
  readonly customerIds?: readonly CustomerKey[];
}

/**
 * Adds a batch of events held in typed arrays to an incremental scoring state, in place: the
 * same state as {@link applyEvent} on each event in turn, at typed-array speed.
 *
 * @remarks
 * `columns` are those of {@link scoreColumns}; `customerIds[c]` is the id (the key of
 * {@link scoreState}'s result) of customer index `c`: a string, or a number or bigint keyed as
 * `String` writes it. Left out, the ids are `columns.customerIds` (what `eventColumns` returns),
 * and then every customer listed there is in the state, with score 0 when none of their events
 * counted. With `options.position`, a batch at or below the stored position of its
 * `options.partition` changes nothing (exactly once after a replay), and the state records the
 * new position. The columns and ids are checked once, up
 * front, so a bad batch changes nothing. Each customer of the batch is looked up in the state
 * once (not once per event), new customers are added in order of first event, and the state's
 * newest time moves to the batch's newest time before any event is applied, so that events
 * already expired by then are never stored. The events are then taken a chunk at a time (in
 * column order; as many events as the state will have customers, from 131,072 to 1,048,576),
 * grouped by customer (a stable counting sort) and applied group by group, each customer's events
 * in their column order, while the group's records sit in the cache. Events may be in any order,
 * within and across batches: the state serialises to the same JSON as the one {@link applyEvent}
 * builds on each event in turn, and so scores and merges the same. Customers of `customerIds`
 * without an event in the batch are not added. The call needs scratch arrays of 4 bytes per
 * entry of `customerIds` and 8 per customer of the batch, plus 12 bytes (20 with weights) per
 * event of a chunk, at most 12 MB (20 MB) however large the batch; garbage
 * once it returns.
 *
 * @param state - The state from {@link createScoreState}, {@link mergeStates} or {@link parseState}.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`, `customer`
 * indexes `customerIds`.
 * @param customerIds - The id of each customer index; `columns.customerIds` when left out.
 * @param options - The feed's partition and the batch's position in it, for exactly-once application.
 * @returns The same state, updated.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a column of the
 * wrong type or length, a customer index not below `customerIds.length`, a behaviour index out of
 * range, a non-finite time or weight, or a weight whose product with the boost overflows;
 * `INVALID_OPTION` when `customerIds` is not an array, an id that an event of the batch uses (or,
 * with the ids listed in the columns, any listed id) is not a string, number or bigint, or a bad
 * partition or position; `INVALID_STATE` when `state` is not a state.
 *
 * @example
 * ```ts
 * import { applyColumns, createScoreState, defineModel, exponential, linear, scoreState } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     click: { boost: 25, decay: linear({ days: 14 }) },
 *     visit: { boost: 8, decay: exponential({ days: 7 }) },
 *   },
 * });
 * const day = 86_400_000;
 * const state = createScoreState(model);
 * applyColumns(
 *   state,
 *   { customer: Uint32Array.of(0, 1, 1), behaviour: Uint8Array.of(0, 1, 1), at: Float64Array.of(0, 7 * day, 0) },
 *   ['ada', 'bob'],
 * );
 * scoreState(state, 7 * day); // => { ada: 12.5, bob: 12 }
 * ```
 * @category Incremental
 */
export function applyColumns(
  state: ScoreState,
  columns: StateColumnsInput,
  customerIds?: readonly CustomerKey[],
  options?: ApplyOptions,
): ScoreState {
  checkState(state, 'applyColumns');
  const listed = customerIds === undefined ? columns?.customerIds : undefined;
  const given = customerIds ?? listed;
  if (!Array.isArray(given)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `applyColumns: customerIds must be an array of customer ids (strings, numbers or bigints), one per customer index, passed as the third argument or as columns.customerIds (as eventColumns returns them), got ${describeValue(given)}`,
      ['customerIds'],
    );
  }
  const position = positionOf('applyColumns', state, options);
  if (position === undefined) {
    // A replay: checked all the same, then nothing changes.
    checkColumns('applyColumns', state.compiled, columns, given.length);
    return state;
  }
  // Without a horizon the ids are checked and keyed as they are hashed (only those the batch
  // uses, in one pass); with one, those of the events held are needed as strings first.
  // Every customer the columns list is in the state, with score 0 when none of their events
  // counted (all ignored, or expired), as in scoreColumns and SQL: without a horizon, those
  // without an event in the batch are added after it (the others are added by it); with one,
  // each id is looked up after the batch.
  if (state.horizon === Number.NEGATIVE_INFINITY) {
    applyColumnsInChunks(state, columns, given, undefined, listed !== undefined);
  } else {
    const ids = stringIds(given);
    applyAroundHorizon(state, columns, ids);
    if (listed !== undefined) for (const id of ids) customerSlot(state, id);
  }
  if (position !== null) state.positions.set(position.partition, position.position);
  return state;
}

/**
 * Applies a batch to a state that has a horizon: the events at or before it are folded in (as
 * without one), those after it are held until their time comes. Everything is checked before
 * the state changes.
 */
function applyAroundHorizon(
  state: ScoreState,
  columns: EventColumnsInput,
  ids: readonly string[],
): void {
  const length = checkColumns('applyColumns', state.compiled, columns, ids.length);
  const { customer, behaviour, at, weight } = columns;
  const horizon = state.horizon;
  let ahead = 0;
  for (let i = 0; i < length; i++) if (at[i]! > horizon) ahead++;
  if (ahead === 0) {
    applyColumnsInChunks(state, columns, ids);
    return;
  }
  // The batch's customers get their slots in order of first event, held or not, as applyEvent
  // gives them (so the state serialises as applyEvent's): every id the batch uses is checked
  // first, then the new ones are added.
  const seen = new Uint8Array(ids.length);
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    if (seen[c] === 0 && typeof ids[c] !== 'string') {
      throw new EngagekitError(
        'INVALID_OPTION',
        `applyColumns: customerIds[${c}] must be a string, a finite number or a bigint, got ${describeValue(ids[c])}`,
        ['customerIds', c],
      );
    }
    seen[c] = 1;
  }
  seen.fill(0);
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    if (seen[c] === 0) customerSlot(state, ids[c]!);
    seen[c] = 1;
  }
  const kept = length - ahead;
  const now: EventColumnsInput = {
    customer: new Uint32Array(kept),
    behaviour: new Uint16Array(kept),
    at: new Float64Array(kept),
    ...(weight === undefined ? {} : { weight: new Float64Array(kept) }),
  };
  let k = 0;
  for (let i = 0; i < length; i++) {
    if (at[i]! > horizon) continue;
    (now.customer as Uint32Array)[k] = customer[i]!;
    (now.behaviour as Uint16Array)[k] = behaviour[i]!;
    (now.at as Float64Array)[k] = at[i]!;
    if (weight !== undefined) now.weight![k] = weight[i]!;
    k++;
  }
  applyColumnsInChunks(state, now, ids);
  const boost = state.compiled.boost;
  for (let i = 0; i < length; i++) {
    const time = at[i]!;
    if (time <= horizon) continue;
    const b = behaviour[i]!;
    const slot = customerSlot(state, ids[customer[i]!]!);
    pushHeld(state.held, slot, b, time, (weight === undefined ? 1 : weight[i]!) * boost[b]!);
  }
  limitHeld(state);
}
