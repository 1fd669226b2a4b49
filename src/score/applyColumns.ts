import { checkColumns } from '../_internal/checkColumns.js';
import { describeValue } from '../_internal/formatPath.js';
import { addCompensated } from '../_internal/neumaier.js';
import {
  applyValue,
  initCustomers,
  reserveCustomers,
  sweepWindows,
} from '../_internal/scoreStateParts.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { ScoreState } from './createScoreState.js';
import type { EventColumnsInput } from './EventColumnsInput.js';

/**
 * Customers per group of {@link applyColumns} (log2): 1024 records (160 kB with 8 behaviours) stay
 * in the second-level cache while a group is applied, and the counting sort writes to few enough
 * groups at once (measured: 10 and 11 beat 9 and 12 by about 10% at 10M events / 1M customers).
 */
const SHIFT = 10;
const GROUP = 1 << SHIFT;
const MASK = GROUP - 1;

/**
 * The state slot of each batch customer (by batch index), adding the new ones in order of first
 * event. Ids are looked up in customer order (reading `customerIds` in memory order); into an
 * empty state they are only inserted, unless an id repeats.
 */
function slotsOf(
  state: ScoreState,
  customerIds: readonly string[],
  localOf: Int32Array,
  firstOf: Int32Array,
  count: number,
): Int32Array {
  const slotOf = new Int32Array(count).fill(-1);
  const { ids, slots } = state;
  // Sweeping all of customerIds pays when the batch has a good part of them.
  const sweep = 4 * count >= localOf.length;
  if (ids.length > 0) {
    if (sweep) {
      for (let c = 0; c < localOf.length; c++) {
        const local = localOf[c]! - 1;
        if (local >= 0) slotOf[local] = slots.get(customerIds[c]!) ?? -1;
      }
    } else {
      for (let local = 0; local < count; local++) {
        slotOf[local] = slots.get(customerIds[firstOf[local]!]!) ?? -1;
      }
    }
  } else {
    for (let local = 0; local < count; local++) ids.push(customerIds[firstOf[local]!]!);
    if (sweep) {
      for (let c = 0; c < localOf.length; c++) {
        const local = localOf[c]! - 1;
        if (local >= 0) slots.set(customerIds[c]!, local);
      }
    } else {
      for (let local = 0; local < count; local++) slots.set(ids[local]!, local);
    }
    if (slots.size === count) {
      for (let local = 0; local < count; local++) slotOf[local] = local;
      return slotOf;
    }
    ids.length = 0;
    slots.clear();
  }
  // Customers new to the state, in order of first event (an id may repeat in customerIds).
  for (let local = 0; local < count; local++) {
    if (slotOf[local]! >= 0) continue;
    const id = customerIds[firstOf[local]!]!;
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = ids.length;
      slots.set(id, slot);
      ids.push(id);
    }
    slotOf[local] = slot;
  }
  return slotOf;
}

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
 * already expired by then are never stored. The events are then grouped by customer (a stable
 * counting sort) and applied group by group, each customer's events in their column order, while
 * the group's records sit in the cache. Events may be in any order, within and across batches:
 * the state serialises to the same JSON as the one {@link applyEvent} builds on each event in
 * turn, and so scores and merges the same. Customers of `customerIds` without an event in the
 * batch are not added. The call needs scratch arrays of 12 bytes (20 with weights) per event not
 * already expired and 12 bytes per entry of `customerIds`, garbage once it returns.
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
  if (!Array.isArray(customerIds)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `applyColumns: customerIds must be an array of customer ids (strings), one per customer index, got ${describeValue(customerIds)}`,
      ['customerIds'],
    );
  }
  const compiled = state.compiled;
  const length = checkColumns('applyColumns', compiled, columns, customerIds.length);
  const { customer, behaviour, at, weight } = columns;
  // The batch's newest time is known before any event is applied, so that events of expiring
  // behaviours already expired by then are never stored (applyEvent would drop or prune them).
  const { kind, end, rate, boost } = compiled;
  let latest = state.latest;
  for (let i = 0; i < length; i++) {
    const time = at[i]!;
    if (time > latest) latest = time;
  }
  // Customers of the batch get batch indexes in order of first event (as applyEvent would add
  // them, even when all their events are dropped); the events kept are counted per group of
  // GROUP consecutive batch indexes.
  // localOf[c] is 1 + the batch index of customer c, 0 when the batch has none of its events (so
  // that a fresh, zeroed array needs no filling).
  const localOf = new Int32Array(customerIds.length);
  const firstOf = new Int32Array(Math.min(length, customerIds.length));
  const groupStart = new Int32Array((firstOf.length >> SHIFT) + 2);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    let local = localOf[c]! - 1;
    if (local < 0) {
      // Only the ids the batch uses are read, and checked here, before the state changes.
      if (typeof customerIds[c] !== 'string') {
        throw new EngagekitError(
          'INVALID_OPTION',
          `applyColumns: customerIds[${c}] must be a string, got ${describeValue(customerIds[c])}`,
          ['customerIds', c],
        );
      }
      local = count++;
      localOf[c] = local + 1;
      firstOf[local] = c;
    }
    if (latest - at[i]! < end[behaviour[i]!]!) groupStart[(local >> SHIFT) + 1]!++;
  }
  const slotOf = slotsOf(state, customerIds, localOf, firstOf, count);
  reserveCustomers(state, state.ids.length);
  state.latest = latest;
  // Stable counting sort of the events kept by group: each group's records (GROUP customers) stay
  // in the cache while its events are applied, each customer's events in their original order.
  const groups = ((count - 1) >> SHIFT) + 1;
  for (let g = 0; g < groups; g++) groupStart[g + 1]! += groupStart[g]!;
  const kept = groupStart[groups]!;
  const cursor = groupStart.slice(0, groups);
  const sortedAt = new Float64Array(kept);
  const sortedKey = new Int32Array(kept);
  const sortedWeight = weight === undefined ? undefined : new Float64Array(kept);
  for (let i = 0; i < length; i++) {
    const time = at[i]!;
    const b = behaviour[i]!;
    if (latest - time >= end[b]!) continue;
    const local = localOf[customer[i]!]! - 1;
    const j = cursor[local >> SHIFT]!++;
    sortedAt[j] = time;
    sortedKey[j] = (b << SHIFT) | (local & MASK);
    if (sortedWeight !== undefined) sortedWeight[j] = weight![i]!;
  }
  // applyValue, with everything it reads hoisted out of the loop (`data` cannot grow here).
  const { data, offset, stride } = state;
  const existing = state.ready;
  let touched = 0;
  for (let g = 0; g < groups; g++) {
    const base = g << SHIFT;
    const stop = groupStart[g + 1]!;
    // The group's new customers get their records now, so that they are written into the cache;
    // the records of its customers already in the state are read ahead, in one tight loop of
    // independent loads (`touched` only keeps them from being optimised away).
    let needed = 0;
    for (let local = base; local < Math.min(count, base + GROUP); local++) {
      const slot = slotOf[local]!;
      if (slot >= needed) needed = slot + 1;
      if (slot < existing) {
        const first = slot * stride;
        for (let at = first; at < first + stride; at += 8) touched += data[at]!;
        touched += data[first + stride - 1]!;
      }
    }
    initCustomers(state, needed);
    for (let j = groupStart[g]!; j < stop; j++) {
      const time = sortedAt[j]!;
      const key = sortedKey[j]!;
      const b = key >> SHIFT;
      const slot = slotOf[base | (key & MASK)]!;
      const position = slot * stride + offset[b]!;
      const value = sortedWeight === undefined ? boost[b]! : sortedWeight[j]! * boost[b]!;
      const limit = end[b]!;
      if (limit !== Number.POSITIVE_INFINITY) {
        const first = data[position]!;
        if (Number.isNaN(first) ? data[position + 1] === 0 : latest - first >= limit) {
          data[position] = time;
          data[position + 1] = value;
        } else applyValue(state, slot, b, time, value);
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
  if (touched === Number.MIN_VALUE) sortedKey[0] = 0;
  sweepWindows(state);
  return state;
}
