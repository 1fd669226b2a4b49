import { checkColumns } from '../_internal/checkColumns.js';
import { describeValue } from '../_internal/formatPath.js';
import {
  addCompensated,
  applyValue,
  initCustomers,
  sweepWindows,
} from '../_internal/scoreStateParts.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { ScoreState } from './createScoreState.js';
import type { EventColumnsInput } from './EventColumnsInput.js';

/** Events per block of {@link applyColumns}: their records fit the first-level cache. */
const BLOCK = 64;

/**
 * Adds a batch of events held in typed arrays to an incremental scoring state, in place: the
 * same state as {@link applyEvent} on each event in turn, at typed-array speed.
 *
 * @remarks
 * `columns` are those of {@link scoreColumns}; `customerIds[c]` is the id (the key of
 * {@link scoreState}'s result) of customer index `c`. The columns and ids are checked once, up
 * front, so a bad batch changes nothing. Then each customer of the batch is looked up in the
 * state once (not once per event) and every event is applied in column order, exactly as
 * {@link applyEvent} applies it: events may be in any order, within and across batches, and the
 * resulting state is identical to the one `applyEvent` builds (it serialises to the same JSON).
 * Customers of `customerIds` without an event in the batch are not added.
 *
 * @param state - The state from {@link createScoreState}, {@link mergeStates} or {@link parseState}.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`, `customer`
 * indexes `customerIds`.
 * @param customerIds - The id of each customer index.
 * @returns The same state, updated.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a column of the
 * wrong type or length, a customer index not below `customerIds.length`, a behaviour index out of
 * range, or a non-finite time or weight; `INVALID_OPTION` when `customerIds` is not an array of
 * strings.
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
  if (!Array.isArray(customerIds)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `applyColumns: customerIds must be an array of customer ids (strings), one per customer index, got ${describeValue(customerIds)}`,
      ['customerIds'],
    );
  }
  for (let c = 0; c < customerIds.length; c++) {
    if (typeof customerIds[c] !== 'string') {
      throw new EngagekitError(
        'INVALID_OPTION',
        `applyColumns: customerIds[${c}] must be a string, got ${describeValue(customerIds[c])}`,
        ['customerIds', c],
      );
    }
  }
  const compiled = state.compiled;
  const length = checkColumns('applyColumns', compiled, columns, customerIds.length);
  const { customer, behaviour, at, weight } = columns;
  const { boost } = compiled;
  // Each customer of the batch is looked up once, in order of first event (as applyEvent would
  // add them); then the events go straight to dense indexes.
  const slotOf = new Int32Array(customerIds.length).fill(-1);
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    if (slotOf[c] === -1) {
      const id = customerIds[c]!;
      let slot = state.slots.get(id);
      if (slot === undefined) {
        slot = state.ids.length;
        state.slots.set(id, slot);
        state.ids.push(id);
      }
      slotOf[c] = slot;
    }
  }
  initCustomers(state, state.ids.length);
  // applyValue, with everything it reads hoisted out of the loop (`data` cannot grow here).
  const { kind, end, rate } = compiled;
  const { data, offset, stride } = state;
  let latest = state.latest;
  // Events go in blocks: a first, tight loop reads each event's record (independent loads that
  // the processor overlaps, instead of one cache miss after another), then the block is applied
  // from the cache. `touched` only keeps the reads from being optimised away.
  const positions = new Int32Array(BLOCK);
  let touched = 0;
  for (let from = 0; from < length; from += BLOCK) {
    const to = Math.min(length, from + BLOCK);
    for (let i = from; i < to; i++) {
      const position = slotOf[customer[i]!]! * stride + offset[behaviour[i]!]!;
      positions[i - from] = position;
      touched += data[position + 1]!;
    }
    for (let i = from; i < to; i++) {
      const time = at[i]!;
      if (time > latest) latest = time;
      const b = behaviour[i]!;
      const position = positions[i - from]!;
      const value = weight === undefined ? boost[b]! : weight[i]! * boost[b]!;
      const limit = end[b]!;
      if (limit !== Number.POSITIVE_INFINITY) {
        if (latest - time >= limit) continue;
        const first = data[position]!;
        if (!Number.isNaN(first) && latest - first >= limit) {
          data[position] = time;
          data[position + 1] = value;
        } else if (Number.isNaN(first) && data[position + 1] === 0) {
          data[position] = time;
          data[position + 1] = value;
        } else {
          state.latest = latest;
          applyValue(state, slotOf[customer[i]!]!, b, time, value);
        }
      } else if (kind[b] === 1) {
        const anchor = data[position]!;
        if (time > anchor) {
          const factor =
            anchor === Number.NEGATIVE_INFINITY ? 0 : Math.exp(-rate[b]! * (time - anchor));
          data[position + 1]! *= factor;
          data[position + 2]! *= factor;
          data[position] = time;
          addCompensated(data, position + 1, value);
        } else if (time === anchor) addCompensated(data, position + 1, value);
        else addCompensated(data, position + 1, value * Math.exp(-rate[b]! * (anchor - time)));
      } else addCompensated(data, position + 1, value);
    }
  }
  if (touched === Number.MIN_VALUE) positions[0] = 0;
  state.latest = latest;
  sweepWindows(state);
  return state;
}
