import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { addCompensated } from '../../math/neumaier.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';
import { checkColumns } from '../kernel/checkColumns.js';
import { hashIds, lookupIds, reserveIds } from './_lib/customerIndex.js';
import type { ApplyScratch, ScoreState } from './scoreStateParts.js';
import {
  applyValue,
  customerSlot,
  initCustomers,
  reserveCustomers,
  sweepWindows,
} from './scoreStateParts.js';

/**
 * Customers per group (log2): a group is 1024 consecutive records of the state (160 kB with 8
 * behaviours), which stay in the second-level cache while its events are applied, and the
 * counting sort writes to few enough groups at once (measured: 10 and 11 beat 9 and 12 by about
 * 10% at 10M events / 1M customers).
 */
const SHIFT = 10;
/** `(1 << SHIFT) - 1`, written out so that a bundler can drop it where it is unused. */
const MASK = 0x3ff;

/**
 * The ids as the state's keys: strings as they are, numbers and bigints as `String` writes them
 * (so `7`, `7n` and `'7'` are one customer). Anything else is left for the check of the ids the
 * batch uses, which names it. An array of strings is returned as it is, after one pass over it:
 * {@link applyColumns} skips that pass when the batch's own ids are all strings (see
 * `resolveSlots`).
 */
export function stringIds(ids: readonly unknown[]): readonly string[] {
  let allStrings = true;
  for (let c = 0; c < ids.length; c++) {
    if (typeof ids[c] !== 'string') {
      allStrings = false;
      break;
    }
  }
  if (allStrings) return ids as readonly string[];
  return Array.from(ids, (id) =>
    (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'bigint'
      ? String(id)
      : (id as string),
  );
}

/**
 * The state slot of each customer index of the batch (`slotOf[c]`, which holds 1 + its batch
 * index on entry), adding the new customers in order of first event (`firstOf[local]` is the
 * customer index of batch index `local`): one hash and probe of the state's index per customer
 * of the batch, never one per event, in passes whose cache misses overlap. The ids the batch
 * uses are checked as they are hashed (no separate pass over them: each is a read of a string
 * somewhere in the heap). An integer of at most 8 characters is keyed from its digits, as the
 * string `String` writes for it; when an id is another number or a bigint, every id is made the
 * string `String` writes ({@link stringIds}) and hashed again. Throws `INVALID_OPTION` for an id
 * that is none of these (the first in order of first event) before the state changes.
 */
function resolveSlots(
  state: ScoreState,
  given: readonly unknown[],
  slotOf: Int32Array,
  firstOf: Int32Array,
  count: number,
  keys: Int32Array,
): void {
  // Only the ids the batch uses are read, and checked here, before the state changes.
  let customerIds = given;
  let bad = hashIds(customerIds, firstOf, count, keys);
  if (bad >= 0) {
    customerIds = stringIds(given);
    if (customerIds !== given) bad = hashIds(customerIds, firstOf, count, keys);
  }
  if (bad >= 0) {
    const c = firstOf[bad]!;
    throw new EngagekitError(
      'INVALID_OPTION',
      `applyColumns: customerIds[${c}] must be a string, a finite number or a bigint, got ${describeValue(customerIds[c])}`,
      ['customerIds', c],
    );
  }
  const index = state.customers;
  // Into an empty state every customer of the batch is new (unless an id repeats): the table
  // is sized for them once instead of doubling as they come.
  if (index.size === 0) reserveIds(index, count);
  // Every id the batch uses is a string or a short integer now (hashIds checked them all).
  lookupIds(index, customerIds as readonly (string | number)[], firstOf, count, slotOf, keys);
}

/**
 * Scratch arrays of at least `ints` and `floats` numbers: the state's, kept from an earlier batch,
 * when they are large enough, or new ones (an eighth larger, so that the next batches, a little
 * larger, fit). Their contents are left over from that batch.
 */
function scratchOf(state: ScoreState, ints: number, floats: number): ApplyScratch {
  const kept = state.scratch;
  if (kept !== undefined && kept.ints.length >= ints && kept.floats.length >= floats) return kept;
  state.scratch = undefined;
  return {
    ints: new Int32Array(ints + (ints >> 3)),
    floats: new Float64Array(floats + (floats >> 3)),
  };
}

/**
 * Keeps a batch's scratch arrays in the state for the next batches while they are at most a
 * sixteenth of the records' bytes: a feed's batches then reuse them instead of each writing
 * into fresh memory (on this VM the first write to a page costs about 10 us: the scratch of a
 * batch of 65,536 events, about 2 MB, cost more to fault in than to fill), and one large batch
 * leaves nothing large behind (its scratch is garbage once it returns).
 */
function keepScratch(state: ScoreState, scratch: ApplyScratch): void {
  const bytes = scratch.ints.byteLength + scratch.floats.byteLength;
  state.scratch = 16 * bytes <= state.data.byteLength ? scratch : undefined;
}

/**
 * Events per chunk of {@link applyColumns}: as many as the state will have customers, from
 * 2^17 to 2^20. A chunk's scratch (12 bytes per event kept, 20 with weights) stays under 12 MB
 * (20 MB) however large the batch, and under 12 bytes per customer of the state for states of
 * more than 2^17 customers. Smaller chunks cost speed: a group's records are brought into the
 * cache once per chunk, and a chunk of as many events as customers gives each about one event
 * (measured in one process, alternating: at 1M events / 100k customers 7 to 8.7M events/s
 * against 11M in one chunk; at 10M events / 1M customers 5.7M against 8.6M, though in separate
 * processes both took 1.6 to 2.1 s).
 */
export function chunkFor(customers: number): number {
  return Math.max(1 << 17, Math.min(1 << 20, customers));
}

/**
 * {@link applyColumns} with the events grouped and applied `chunk` events at a time (in column
 * order; {@link chunkFor} the customers when not given), so that its scratch arrays are bounded by
 * the chunk, not the batch; tests pass a small `chunk` to cover several chunks.
 */
export function applyColumnsInChunks(
  state: ScoreState,
  columns: EventColumnsInput,
  customerIds: readonly unknown[],
  chunkSize?: number,
  listAll = false,
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
  const { kind, end, rate, boost } = compiled;
  const chunk = chunkSize ?? chunkFor(state.customers.size + Math.min(length, customerIds.length));
  // Customers of the batch get batch indexes in order of first event (as applyEvent would add
  // them, even when all their events are dropped): slotOf[c] is 1 + the batch index of customer
  // index c, 0 when the batch has none of its events (so that a fresh, zeroed array needs no
  // filling), until resolveSlots makes it the state slot. The same pass finds the batch's newest
  // time, known before any event is applied, so that events of expiring behaviours already
  // expired by then are never stored (applyEvent would drop or prune them).
  const idCount = customerIds.length;
  const firstCount = Math.min(length, idCount);
  const sortedCount = Math.min(length, chunk);
  const mostGroups = ((state.customers.size + firstCount) >> SHIFT) + 1;
  const scratch = scratchOf(
    state,
    idCount + 4 * firstCount + 2 * mostGroups + 1 + sortedCount,
    (weight === undefined ? 1 : 2) * sortedCount,
  );
  const { ints, floats } = scratch;
  const slotOf = ints.subarray(0, idCount).fill(0);
  const firstOf = ints.subarray(idCount, idCount + firstCount);
  const keys = ints.subarray(idCount + firstCount, idCount + 4 * firstCount);
  let free = idCount + 4 * firstCount;
  let count = 0;
  let latest = state.latest;
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    if (slotOf[c] === 0) {
      firstOf[count++] = c;
      slotOf[c] = count;
    }
    const time = at[i]!;
    if (time > latest) latest = time;
  }
  // With listAll, the customers of customerIds without an event in the batch are added after
  // it, in the order of the list (checked now, before the state changes).
  const eventless = listAll && count < idCount ? eventlessIds(customerIds, slotOf) : undefined;
  const known = state.customers.size;
  resolveSlots(state, customerIds, slotOf, firstOf, count, keys);
  const added = state.customers.size - known;
  reserveCustomers(state, state.customers.size, known === 0 ? 0 : added);
  state.latest = latest;
  // Per chunk, a stable counting sort of the events kept by group of GROUP consecutive slots:
  // each group's records stay in the cache while its events are applied, each customer's events
  // in their column order (chunk after chunk, so in column order over the batch).
  const customers = state.customers.size;
  const groups = ((customers - 1) >> SHIFT) + 1;
  const groupStart = ints.subarray(free, free + groups + 1);
  free += groups + 1;
  const cursor = ints.subarray(free, free + groups);
  free += groups;
  // Room for a whole chunk (the events a chunk keeps are at most its length).
  const sortedKey = ints.subarray(free, free + sortedCount);
  const sortedAt = floats.subarray(0, sortedCount);
  const sortedWeight =
    weight === undefined ? undefined : floats.subarray(sortedCount, 2 * sortedCount);
  // applyValue, with everything it reads hoisted out of the loop (`data` cannot grow here).
  const { data, offset, stride } = state;
  let touched = 0;
  for (let from = 0; from < length; from += chunk) {
    const to = Math.min(length, from + chunk);
    groupStart.fill(0);
    for (let i = from; i < to; i++) {
      if (latest - at[i]! < end[behaviour[i]!]!)
        groupStart[(slotOf[customer[i]!]! >> SHIFT) + 1]!++;
    }
    for (let g = 0; g < groups; g++) {
      groupStart[g + 1]! += groupStart[g]!;
      cursor[g] = groupStart[g]!;
    }
    for (let i = from; i < to; i++) {
      const time = at[i]!;
      const b = behaviour[i]!;
      if (latest - time >= end[b]!) continue;
      const slot = slotOf[customer[i]!]!;
      const j = cursor[slot >> SHIFT]!++;
      sortedAt[j] = time;
      sortedKey[j] = (b << SHIFT) | (slot & MASK);
      if (sortedWeight !== undefined) sortedWeight[j] = weight![i]!;
    }
    for (let g = 0; g < groups; g++) {
      const start = groupStart[g]!;
      const stop = groupStart[g + 1]!;
      if (start === stop) continue;
      const base = g << SHIFT;
      // The group's new customers get their records now, so that they are written into the
      // cache.
      initCustomers(state, Math.min(customers, base + MASK + 1));
      // The numbers the group's events update are read ahead, in one tight loop of independent
      // loads, so that their cache misses overlap (`touched` only keeps the loads).
      for (let j = start; j < stop; j++) {
        const key = sortedKey[j]!;
        touched += data[(base | (key & MASK)) * stride + offset[key >> SHIFT]!]!;
      }
      for (let j = start; j < stop; j++) {
        const time = sortedAt[j]!;
        const key = sortedKey[j]!;
        const b = key >> SHIFT;
        const slot = base | (key & MASK);
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
  }
  // Customers whose events were all expired (or who are in no group with events) get empty records.
  initCustomers(state, customers);
  if (touched === Number.MIN_VALUE) sortedKey[0] = 0;
  keepScratch(state, scratch);
  sweepWindows(state);
  if (eventless !== undefined) for (const id of eventless) customerSlot(state, id);
  return state;
}

/**
 * The ids (as the state's keys) of the customer indexes `c` with no event in the batch
 * (`slotOf[c]` 0), in order. Throws `INVALID_OPTION` for one that is not a customer id.
 */
function eventlessIds(customerIds: readonly unknown[], slotOf: Int32Array): string[] {
  const ids: string[] = [];
  for (let c = 0; c < customerIds.length; c++) {
    if (slotOf[c] !== 0) continue;
    const id = customerIds[c];
    if (typeof id === 'string') ids.push(id);
    else if ((typeof id === 'number' && Number.isFinite(id)) || typeof id === 'bigint') {
      ids.push(String(id));
    } else {
      throw new EngagekitError(
        'INVALID_OPTION',
        `applyColumns: customerIds[${c}] must be a string, a finite number or a bigint, got ${describeValue(id)}`,
        ['customerIds', c],
      );
    }
  }
  return ids;
}
