import type { EventColumnsInput } from '../EventColumnsInput.js';
import { applyColumnsInChunks } from './applyColumnsInChunks.js';
import type { ScoreState } from './scoreStateParts.js';

/**
 * Adds a batch of events held in typed arrays to an incremental scoring state, in place: the
 * same state as {@link applyEvent} on each event in turn, at typed-array speed.
 *
 * @remarks
 * `columns` are those of {@link scoreColumns}; `customerIds[c]` is the id (the key of
 * {@link scoreState}'s result) of customer index `c`. The columns and ids are checked once, up
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
 * entry of `customerIds` and 4 per customer of the batch, plus 12 bytes (20 with weights) per
 * event of a chunk not already expired, at most 12 MB (20 MB) however large the batch; garbage
 * once it returns.
 *
 * @param state - The state from {@link createScoreState}, {@link mergeStates} or {@link parseState}.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`, `customer`
 * indexes `customerIds`.
 * @param customerIds - The id of each customer index.
 * @returns The same state, updated.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a column of the
 * wrong type or length, a customer index not below `customerIds.length`, a behaviour index out of
 * range, a non-finite time or weight, or a weight whose product with the boost overflows;
 * `INVALID_OPTION` when `customerIds` is not an array, or an id that an event of the batch uses is
 * not a string (only those ids are read: a long, shared id list costs nothing per unused entry).
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
  columns: EventColumnsInput,
  customerIds: readonly string[],
): ScoreState {
  return applyColumnsInChunks(state, columns, customerIds);
}
