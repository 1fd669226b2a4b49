import {
  EngagekitError,
  type EngagekitErrorPath,
  type EngagekitIssue,
} from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import { describeValue, formatPath } from '../../errors/formatPath.js';
import { addCompensated } from '../../math/neumaier.js';
import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { type RuleScratch, ruleScoreOfTotals, ruleScratch } from '../rules/ruleScore.js';
import { type CustomerIndex, lookupId } from './_lib/customerIndex.js';
import {
  allocBlock,
  capacityOf,
  freeBlock,
  grownFloats,
  growsInPlace,
  HEADER,
  KEY,
  LENGTH,
  pruneBlock,
  SIZE,
  SORTED,
  settleBlock,
  sizeFor,
  type WindowStore,
} from './_lib/windowStore.js';

/**
 * Incremental scoring state for a stream of events of many customers; build it with
 * {@link createScoreState}, feed it with {@link applyEvent} or {@link applyColumns}, read it with
 * {@link scoreState}.
 *
 * @remarks
 * Customers get dense indexes (slots) in the order of their first event (`customers`, a hash
 * index on typed arrays that also lists the id of each slot), and their numbers sit in one
 * record of `stride` numbers each in `data`, so that applying an
 * event touches one contiguous record. In a record, behaviour `b` starts at `offset[b]`: an
 * exponential (without cutoff) or permanent behaviour has the anchor (the newest event time of
 * an exponential behaviour, `-Infinity` before its first event) and a compensated sum with its
 * compensation (exponential: every event decayed to the anchor; permanent: every boost); a
 * behaviour that expires (linear, step, exponential with a cutoff) has its one live event
 * `(time, weight * boost)` inline, or `(NaN, 0)` for none, or `(NaN, 1 + start)` when it keeps
 * several: then the block at `start` of `windows.pool` holds them as
 * `[time, weight * boost, time, weight * boost, ...]` (see `WindowStore`; checkpoints write the
 * marker as `(NaN, 1)`). Treat it as opaque: read it with
 * {@link scoreState}, persist it with {@link serializeState}.
 *
 * @category Incremental
 */
export interface ScoreState {
  /** The model the numbers were computed with. */
  readonly compiled: CompiledModel;
  /**
   * The slot of each customer id (`''` for events without one) and the id of each slot, in the
   * order of the slots. @internal
   */
  readonly customers: CustomerIndex;
  /** Numbers per customer record. */
  readonly stride: number;
  /** Where each behaviour's numbers start in a record. */
  readonly offset: Int32Array;
  /** The records, `stride` numbers per customer (with spare room at the end). */
  data: Float64Array;
  /** How many customer records of `data` are filled in (`customers.size` between calls). */
  ready: number;
  /**
   * Events of expiring behaviours that keep more than one, in blocks of one pool; a block's pairs
   * that arrived out of time order are sorted and merged in when the window is read, or once
   * they are as many as the sorted ones (so an insert costs amortised O(log n)). @internal
   */
  readonly windows: WindowStore;
  /** How many windows were kept after the last sweep of expired events. */
  swept: number;
  /** The newest event time applied, epoch ms; `-Infinity` before the first event. */
  latest: number;
  /** A fingerprint of the model (a 64-bit FNV-1a hash of its canonical JSON): states of different models never mix. */
  readonly fingerprint: string;
  /** The feed's position applied last, per partition (see {@link ApplyOptions}). */
  readonly positions: Map<string, string>;
  /**
   * The instant the state was last scored or advanced to (see {@link advanceState}), epoch ms;
   * `-Infinity` before the first: events after it are held, not folded into the sums.
   */
  horizon: number;
  /** Events stamped after the horizon, kept until their time comes (see {@link heldEvents}). @internal */
  readonly held: HeldEvents;
  /** The most events held at once; beyond it the earliest are folded and the horizon moves up. */
  readonly maxHeld: number;
  /**
   * Scratch arrays of `applyColumns`, kept between batches (while small beside the records) so
   * that a feed's batches do not each fault in fresh memory for them; never serialised. @internal
   */
  scratch: ApplyScratch | undefined;
}

/** Scratch arrays of `applyColumns` (contents meaningless between calls). @internal */
export interface ApplyScratch {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
}

/**
 * Events stamped after the state's horizon (the instant it was last scored or advanced to), kept
 * aside until their time comes: a binary min-heap by time over four parallel arrays, so holding
 * and releasing an event costs O(log n) and nothing is allocated per event beyond the arrays'
 * growth. Events of one time leave in no particular order; the sums they go into do not depend on
 * it.
 */
export interface HeldEvents {
  /** The customer slot of each held event. */
  readonly slot: number[];
  /** The behaviour index of each held event. */
  readonly behaviour: number[];
  /** The event's time, epoch ms (the heap's key). */
  readonly time: number[];
  /** The event's worth: weight times boost. */
  readonly value: number[];
}

/**
 * Where a batch sits in the feed it came from, so that applying it again is a no-op (exactly once
 * after a crash and a replay).
 *
 * @category Incremental
 */
export interface ApplyOptions {
  /** The feed's partition: a stream key, a Kafka topic-partition, a table name. `''` if left out. */
  readonly partition?: string;
  /**
   * The batch's position in its partition, growing with each batch: a non-negative integer (a
   * Kafka offset, a database sequence, as a number or bigint) or a string of digits, optionally
   * `ms-seq` (a Redis Stream entry id). A batch at or below the partition's stored position
   * changes nothing.
   */
  readonly position?: number | bigint | string;
}

/** Whether behaviour `b` keeps its events (linear, step, exponential with a cutoff). */
export function isWindowed(compiled: CompiledModel, b: number): boolean {
  return compiled.end[b]! !== Number.POSITIVE_INFINITY;
}

/**
 * Where each behaviour's numbers sit in a customer's record of `ScoreState.data`: 3 numbers
 * (anchor, sum, compensation) for an exponential (without cutoff) or permanent behaviour, 2 for an
 * expiring one (its single live event inline, or a marker that its window is in `windows`).
 */
export function stateLayout(compiled: CompiledModel): { stride: number; offset: Int32Array } {
  const offset = new Int32Array(compiled.kind.length);
  let stride = 0;
  for (let b = 0; b < offset.length; b++) {
    offset[b] = stride;
    stride += isWindowed(compiled, b) ? 2 : 3;
  }
  return { stride, offset };
}

/** Inline time of an expiring behaviour with no event inline. */
// NaN, not Number.NaN: a bundler drops an unused constant only when it reads no property.
const NONE = NaN;

/**
 * Makes room for `count` customer records in `data`. When it grows, it grows by at least an
 * eighth (and at least 1024 records): at most a ninth of it is ever spare room, while the copies
 * stay amortised O(1) per customer (each record copied about 8 times on average). With `ahead`
 * (a batch's new customers, when the state had customers before it), it makes room for as many
 * again, up to half of `count`: a feed's batches bring fewer new customers each, so the next
 * few batches fit without another copy (measured on the benchmark's feed, 1M events / 100k
 * customers in batches of 65,536: three copies of the records instead of five, and the same
 * room at the end). Records that grow in place (a resizable buffer with room) copy nothing, so
 * they take only a sixty-fourth more than asked.
 */
export function reserveCustomers(state: ScoreState, count: number, ahead = 0): void {
  if (state.data.length >= count * state.stride) return;
  const needed = count * state.stride;
  if (growsInPlace(state.data, needed)) {
    // In place nothing is copied: room for a sixty-fourth more (so that customers added one at
    // a time resize the buffer now and then, not each time) instead of an eighth or a batch's
    // worth ahead, which the state would hold as spare room (at 100k customers, 1.6 MB).
    const length = Math.max(needed, state.data.length + (state.data.length >> 6));
    state.data = grownFloats(state.data, state.ready * state.stride, length);
    return;
  }
  const length = Math.max(
    (count + Math.min(ahead, count >> 1)) * state.stride,
    Math.floor(state.data.length * 1.125),
    state.data.length + 1024 * state.stride,
  );
  state.data = grownFloats(state.data, state.ready * state.stride, length);
}

/**
 * Makes room for `count` customers and gives the customers from the current record count up to
 * `count` their empty records: anchors at `-Infinity`, zero sums, no events.
 */
export function initCustomers(state: ScoreState, count: number): void {
  const { stride, ready, offset, compiled } = state;
  if (count <= ready) return;
  reserveCustomers(state, count);
  const data = state.data;
  for (let slot = ready; slot < count; slot++) {
    const base = slot * stride;
    for (let b = 0; b < offset.length; b++) {
      const at = base + offset[b]!;
      if (isWindowed(compiled, b)) {
        data[at] = NONE;
        data[at + 1] = 0;
      } else {
        data[at] = Number.NEGATIVE_INFINITY;
        data[at + 1] = 0;
        data[at + 2] = 0;
      }
    }
  }
  state.ready = count;
}

/** The dense index of customer `id`, added (with nothing yet) when new. */
export function customerSlot(state: ScoreState, id: string): number {
  const slot = lookupId(state.customers, id, true);
  if (slot >= state.ready) initCustomers(state, slot + 1);
  return slot;
}

/** The slot of customer `id`, or `undefined` when the state has not seen them. */
export function slotOf(state: ScoreState, id: string): number | undefined {
  const slot = lookupId(state.customers, id, false);
  return slot < 0 ? undefined : slot;
}

/**
 * Adds an exponential event of worth `value` at `time` to its O(1) summary at `data[at..at + 2]`:
 * the compensated sum of every event decayed to the anchor, the newest time seen. A newer event
 * moves the anchor forward (scaling the sum down, never up); an older one is decayed to the
 * anchor. No factor exceeds 1.
 */
export function addExponential(
  data: Float64Array,
  at: number,
  rate: number,
  time: number,
  value: number,
): void {
  const anchor = data[at]!;
  if (time >= anchor) {
    if (time > anchor) {
      const factor = anchor === Number.NEGATIVE_INFINITY ? 0 : Math.exp(-rate * (time - anchor));
      data[at + 1]! *= factor;
      data[at + 2]! *= factor;
      data[at] = time;
    }
    addCompensated(data, at + 1, value);
  } else addCompensated(data, at + 1, value * Math.exp(-rate * (anchor - time)));
}

/** The events of an expiring behaviour as sorted `[time, value, ...]` (a copy). */
export function readWindow(state: ScoreState, slot: number, b: number): number[] | undefined {
  const at = slot * state.stride + state.offset[b]!;
  const time = state.data[at]!;
  if (!Number.isNaN(time)) return [time, state.data[at + 1]!];
  const marker = state.data[at + 1]!;
  if (marker === 0) return undefined;
  const pool = state.windows.pool;
  const start = marker - 1;
  settleBlock(pool, start);
  const first = start + HEADER;
  return Array.from(pool.subarray(first, first + pool[start + LENGTH]!));
}

/**
 * Stores the events of an expiring behaviour (sorted pairs): inline when there is one, in a block
 * of `windows` when more (the window's own block when it is large enough).
 */
export function writeWindow(
  state: ScoreState,
  slot: number,
  b: number,
  window: readonly number[],
): void {
  const data = state.data;
  const store = state.windows;
  const at = slot * state.stride + state.offset[b]!;
  let start = Number.isNaN(data[at]!) ? data[at + 1]! - 1 : -1;
  if (window.length > 2) {
    if (start >= 0 && capacityOf(store.pool[start + SIZE]!) < window.length) {
      freeBlock(store, start);
      start = -1;
    }
    if (start < 0)
      start = allocBlock(store, sizeFor(window.length), slot * state.offset.length + b);
    const pool = store.pool;
    pool.set(window, start + HEADER);
    pool[start + LENGTH] = window.length;
    pool[start + SORTED] = window.length;
    data[at] = NONE;
    data[at + 1] = start + 1;
    return;
  }
  if (start >= 0) freeBlock(store, start);
  data[at] = window.length === 2 ? window[0]! : NONE;
  data[at + 1] = window.length === 2 ? window[1]! : 0;
}

/**
 * Moves the window whose block starts at `start` (marked in the record at `at`) into a block with
 * room for `numbers` numbers (at least the next size); returns the new block's start.
 */
function moveBlock(store: WindowStore, data: Float64Array, at: number, start: number): number {
  const size = store.pool[start + SIZE]!;
  const moved = allocBlock(store, size + 1, store.pool[start + KEY]!);
  const pool = store.pool;
  const length = pool[start + LENGTH]!;
  pool.copyWithin(moved + HEADER, start + HEADER, start + HEADER + length);
  pool[moved + LENGTH] = length;
  pool[moved + SORTED] = pool[start + SORTED]!;
  freeBlock(store, start);
  data[at + 1] = moved + 1;
  return moved;
}

/**
 * Adds one checked event (behaviour `b`, worth `value = weight * boost`) to customer `slot`, after
 * `state.latest` has been moved to include `time`: the shared core of `applyEvent` and
 * `applyColumns`, so both build the very same state.
 */
export function applyValue(
  state: ScoreState,
  slot: number,
  b: number,
  time: number,
  value: number,
): void {
  const compiled = state.compiled;
  const data = state.data;
  const at = slot * state.stride + state.offset[b]!;
  const end = compiled.end[b]!;
  if (end !== Number.POSITIVE_INFINITY) {
    const latest = state.latest;
    if (latest - time >= end) return;
    const first = data[at]!;
    if (!Number.isNaN(first)) {
      if (latest - first >= end) {
        data[at] = time;
        data[at + 1] = value;
      } else {
        // A second live event: both go into a block of the smallest size, sorted, as
        // writeWindow would put them (without an array for them).
        const other = data[at + 1]!;
        const start = allocBlock(state.windows, 0, slot * state.offset.length + b);
        const pool = state.windows.pool;
        const pairs = start + HEADER;
        const later = first > time;
        pool[pairs] = later ? time : first;
        pool[pairs + 1] = later ? value : other;
        pool[pairs + 2] = later ? first : time;
        pool[pairs + 3] = later ? other : value;
        pool[start + LENGTH] = 4;
        pool[start + SORTED] = 4;
        data[at] = NONE;
        data[at + 1] = start + 1;
      }
    } else if (data[at + 1] === 0) {
      data[at] = time;
      data[at + 1] = value;
    } else {
      const store = state.windows;
      let start = data[at + 1]! - 1;
      let pool = store.pool;
      let length = pool[start + LENGTH]!;
      if (length + 2 > capacityOf(pool[start + SIZE]!)) {
        start = moveBlock(store, data, at, start);
        pool = store.pool;
      }
      const first = start + HEADER;
      const settled = pool[start + SORTED]!;
      const inOrder = settled === length && pool[first + length - 2]! <= time;
      pool[first + length] = time;
      pool[first + length + 1] = value;
      length += 2;
      pool[start + LENGTH] = length;
      if (inOrder) pool[start + SORTED] = length;
      else {
        if (length - settled < Math.max(32, settled)) return;
        settleBlock(pool, start);
      }
      if (pruneBlock(pool, start, latest, end, false) === 2) {
        writeWindow(state, slot, b, [pool[first]!, pool[first + 1]!]);
      }
    }
  } else if (compiled.kind[b] === 1) {
    addExponential(data, at, compiled.rate[b]!, time, value);
  } else addCompensated(data, at + 1, value);
}

/**
 * Prunes every kept window against `state.latest` once the number of windows has doubled since the
 * last sweep (amortised O(1) per event): a window only gets pruned when its behaviour gets a new
 * event, so without sweeps expired windows of quiet customers would pile up. Windows left with
 * one event go back inline.
 */
export function sweepWindows(state: ScoreState): void {
  const store = state.windows;
  if (store.size <= 2 * state.swept + 64) return;
  const { end } = state.compiled;
  const { data, stride, offset } = state;
  const count = offset.length;
  const pool = store.pool;
  // The blocks in pool order (none is allocated here, so the pool stays this array), a round of
  // up to SWEEP_ROUND windows left with at most one event at a time: their records (anywhere in
  // the state) are read first, independent loads whose cache misses overlap, then written and
  // their blocks freed in pool order.
  const done = new Int32Array(SWEEP_ROUND);
  let touched = 0;
  let start = 0;
  while (start < store.top) {
    let found = 0;
    for (; start < store.top && found < SWEEP_ROUND; start += 8 << pool[start + SIZE]!) {
      const key = pool[start + KEY]!;
      if (key < 0) continue;
      settleBlock(pool, start);
      const b = key % count;
      if (pruneBlock(pool, start, state.latest, end[b]!, true) > 2) continue;
      done[found++] = start;
      touched += data[((key - b) / count) * stride + offset[b]!]!;
    }
    for (let k = 0; k < found; k++) {
      const block = done[k]!;
      const key = pool[block + KEY]!;
      const b = key % count;
      const at = ((key - b) / count) * stride + offset[b]!;
      const left = pool[block + LENGTH]!;
      data[at] = left === 2 ? pool[block + HEADER]! : NONE;
      data[at + 1] = left === 2 ? pool[block + HEADER + 1]! : 0;
      freeBlock(store, block);
    }
  }
  // Never true (a record's first number is a time, -Infinity or NaN): it only keeps the reads.
  if (touched === Number.MIN_VALUE) state.swept = 0;
  state.swept = store.size;
}

/** Windows per round of {@link sweepWindows}. */
const SWEEP_ROUND = 64;

/** The events of an expiring behaviour still worth something at or after `state.latest`. */
export function liveWindow(state: ScoreState, slot: number, b: number): number[] | undefined {
  const window = readWindow(state, slot, b);
  if (window === undefined) return undefined;
  const end = state.compiled.end[b]!;
  let drop = 0;
  while (drop < window.length && state.latest - window[drop]! >= end) drop += 2;
  return drop === window.length ? undefined : window.slice(drop);
}

/**
 * Drops the events of a window that are `end` or more older than `latest`: they never count
 * again. Unless `full`, it waits until the window is small or half of it has expired, so that the
 * work is amortised O(1) per event; a window then holds at most about twice its live events.
 */
export function pruneWindow(window: number[], latest: number, end: number, full = false): void {
  const length = window.length;
  if (length === 0 || latest - window[0]! < end) return;
  if (!full && length > 16 && latest - window[(length >> 2) << 1]! < end) return;
  let drop = 0;
  while (drop < length && latest - window[drop]! >= end) drop += 2;
  window.splice(0, drop);
}

/**
 * `e^(-rate * elapsed)` for `elapsed >= 0`, exactly 1 at 0 even when the rate is `Infinity` (a
 * half-life below about 2.2e-308 ms), where the product would be `NaN`.
 */
export function decayFactor(rate: number, elapsed: number): number {
  return elapsed === 0 ? 1 : Math.exp(-rate * elapsed);
}

/** The `(anchor, sum, compensation)` of an O(1) behaviour of customer `slot`. */
export function readTotals(state: ScoreState, slot: number, b: number): [number, number, number] {
  const at = slot * state.stride + state.offset[b]!;
  return [state.data[at]!, state.data[at + 1]!, state.data[at + 2]!];
}

/** One customer's score at `at` (trusted `at >= latest`): per behaviour, capped, compensated. */
export function customerScore(
  state: ScoreState,
  slot: number,
  at: number,
  scratch?: RuleScratch,
): number {
  const compiled = state.compiled;
  const rules = compiled.rules;
  const work = rules === undefined ? undefined : (scratch ?? ruleScratch(compiled, rules));
  const sums = work?.sums;
  const { kind, rate, cap } = compiled;
  const data = state.data;
  const base = slot * state.stride;
  let score = 0;
  let compensation = 0;
  for (let b = 0; b < kind.length; b++) {
    const position = base + state.offset[b]!;
    let total = 0;
    if (isWindowed(compiled, b)) {
      const time = data[position]!;
      if (!Number.isNaN(time)) total = windowTotal(compiled, b, data, position, position + 2, at);
      else if (data[position + 1] !== 0) {
        const start = data[position + 1]! - 1;
        const pool = state.windows.pool;
        settleBlock(pool, start);
        const first = start + HEADER;
        total = windowTotal(compiled, b, pool, first, first + pool[start + LENGTH]!, at);
      }
    } else if (kind[b] === 1) {
      const anchor = data[position]!;
      if (anchor !== Number.NEGATIVE_INFINITY) {
        const factor = decayFactor(rate[b]!, at - anchor);
        total = data[position + 1]! * factor + data[position + 2]! * factor;
      }
    } else total = data[position + 1]! + data[position + 2]!;
    if (sums !== undefined) {
      sums[b] = total;
      continue;
    }
    const bounded = Math.min(cap[b]!, Math.max(total, -cap[b]!));
    const next = score + bounded;
    compensation +=
      Math.abs(score) >= Math.abs(bounded) ? score - next + bounded : bounded - next + score;
    score = next;
  }
  if (rules !== undefined && work !== undefined) return boundedScore(compiled, rules, work, at);
  return score + compensation;
}

/**
 * The compensated sum at `at` of the `[time, value, ...]` pairs `values[from .. to - 1]` of
 * expiring behaviour `b` (sorted by time): each decayed, those not yet happened or expired left
 * out.
 */
function windowTotal(
  compiled: CompiledModel,
  b: number,
  values: Float64Array,
  from: number,
  to: number,
  at: number,
): number {
  const { kind, end, grace, span, rate } = compiled;
  let total = 0;
  let windowCompensation = 0;
  for (let i = from; i < to; i += 2) {
    const elapsed = at - values[i]!;
    if (elapsed < 0 || elapsed >= end[b]!) continue;
    let factor = 1;
    if (kind[b] === 1) factor = decayFactor(rate[b]!, elapsed);
    else if (kind[b] === 0 && elapsed > grace[b]!) factor = (end[b]! - elapsed) / span[b]!;
    const value = values[i + 1]! * factor;
    const next = total + value;
    windowCompensation +=
      Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + windowCompensation;
}

/**
 * The score of a model with bounds and groups from the per-behaviour totals in `scratch.sums`
 * (as `scoreAt` combines them), or `NaN` when a total, a group's part or the score is beyond the
 * range of a number: the callers report that as `OVERFLOW` naming the customer.
 */
function boundedScore(
  compiled: CompiledModel,
  rules: CompiledRules,
  scratch: RuleScratch,
  at: number,
): number {
  for (const total of scratch.sums) if (total - total !== 0) return Number.NaN;
  try {
    return ruleScoreOfTotals(compiled, rules, scratch, at, 'scoreState').score;
  } catch (error) {
    // A group's part or the score beyond a float: the caller names the customer.
    if (error instanceof EngagekitError && error.code === 'OVERFLOW') return Number.NaN;
    throw error;
  }
}

/** Whether two states were built for the same model: same behaviours, same decays and caps. */
export function sameModel(a: ScoreState, b: ScoreState): boolean {
  return modelKey(a.compiled) === modelKey(b.compiled);
}

/** A string that identifies what a state's numbers depend on: ids, decays, boosts, caps. */
export function modelKey(compiled: CompiledModel): string {
  return JSON.stringify(
    compiled.behaviourIds.map((id, b) => [
      id,
      compiled.decays[b],
      compiled.boost[b],
      compiled.cap[b],
    ]),
  );
}

/**
 * {@link modelKey} with the model's groups and bounds, which combine the totals into the score. A
 * model without them keeps the key (and so the fingerprint) it had before rules existed.
 */
function scoringKey(compiled: CompiledModel): string {
  const { groups, bounds } = compiled.model;
  const key = modelKey(compiled);
  if (groups === undefined && bounds === undefined) return key;
  return `${key}${JSON.stringify({ groups: groups ?? null, bounds: bounds ?? null })}`;
}

/**
 * The FNV-1a 64-bit hash (as 16 hex digits) of a compiled model's canonical JSON (`scoringKey`):
 * a fingerprint that two states must share to be merged. Pure arithmetic, no `node:crypto`.
 */
export function modelFingerprint(compiled: CompiledModel): string {
  const text = scoringKey(compiled);
  // 64-bit FNV-1a on two 32-bit halves: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const byte of unit < 0x100 ? [unit] : [unit >> 8, unit & 0xff]) {
      low ^= byte;
      // (high, low) * 0x100000001b3 mod 2^64: low * 0x1b3, high * 0x1b3 + low << 8 (for 2^40).
      const lowProduct = (low & 0xffff) * 0x1b3;
      const lowHigh = (low >>> 16) * 0x1b3 + (lowProduct >>> 16);
      const newLow = ((lowHigh & 0xffff) << 16) | (lowProduct & 0xffff);
      high = (Math.imul(high, 0x1b3) + (lowHigh >>> 16) + (low << 8)) >>> 0;
      low = newLow >>> 0;
    }
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** A position as `[major, minor]` bigints, or `undefined` when it is not a valid position. */
export function readPosition(position: unknown): [bigint, bigint] | undefined {
  if (typeof position === 'number') {
    return Number.isSafeInteger(position) && position >= 0 ? [BigInt(position), 0n] : undefined;
  }
  if (typeof position === 'bigint') return position >= 0n ? [position, 0n] : undefined;
  if (typeof position !== 'string' || position.length > 64) return undefined;
  const match = /^(\d+)(?:-(\d+))?$/.exec(position);
  if (match === null) return undefined;
  return [BigInt(match[1]!), BigInt(match[2] ?? '0')];
}

/** Whether position `a` is after position `b` (both valid). */
export function isAfter(a: string, b: string): boolean {
  const [aMajor, aMinor] = readPosition(a)!;
  const [bMajor, bMinor] = readPosition(b)!;
  return aMajor > bMajor || (aMajor === bMajor && aMinor > bMinor);
}

/**
 * Checks `options` of an apply call. Returns the partition and the position (as a string) to
 * record, or `undefined` when the batch is at or below its partition's stored position (a replay:
 * apply nothing), or `null` when no position was given.
 */
export function positionOf(
  fn: string,
  state: ScoreState,
  options: ApplyOptions | undefined,
): { partition: string; position: string } | null | undefined {
  if (options === undefined) return null;
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options must be an object { partition?, position? }, got ${describeValue(options)}`,
      ['options'],
    );
  }
  const { partition = '', position } = options;
  const issues: EngagekitIssue[] = [];
  if (typeof partition !== 'string') {
    issues.push({
      path: ['options', 'partition'],
      message: `${fn}: options.partition must be a string, got ${describeValue(partition)}`,
    });
  }
  if (position !== undefined && readPosition(position) === undefined) {
    issues.push({
      path: ['options', 'position'],
      message: `${fn}: options.position must be a non-negative integer, a bigint or a string of digits (optionally "ms-seq", as Redis Stream ids), got ${describeValue(position)}`,
    });
  }
  if (issues.length > 0) {
    throw errorOfIssues('INVALID_OPTION', issues as [EngagekitIssue, ...EngagekitIssue[]]);
  }
  if (position === undefined) return null;
  const text = String(position);
  const stored = state.positions.get(partition);
  if (stored !== undefined && !isAfter(text, stored)) return undefined;
  return { partition, position: text };
}

/**
 * Throws `INVALID_STATE` (path `['state']`, or `path`) unless `value` is a state made by
 * {@link createScoreState}, {@link parseState} or {@link mergeStates}: a plain object, an array or
 * `null` given where a state goes gets an error a person can act on, not a `TypeError`.
 */
export function checkState(
  value: unknown,
  fn: string,
  path: EngagekitErrorPath = ['state'],
): asserts value is ScoreState {
  const state = value as Partial<ScoreState> | null;
  if (
    state !== null &&
    typeof state === 'object' &&
    state.data instanceof Float64Array &&
    state.offset instanceof Int32Array &&
    typeof state.customers === 'object' &&
    state.customers !== null &&
    state.customers.table instanceof Int32Array &&
    typeof state.windows === 'object' &&
    state.windows !== null &&
    state.windows.pool instanceof Float64Array &&
    state.positions instanceof Map &&
    typeof state.fingerprint === 'string' &&
    typeof state.latest === 'number' &&
    typeof state.horizon === 'number' &&
    typeof state.maxHeld === 'number' &&
    typeof state.held === 'object' &&
    state.held !== null &&
    Array.isArray(state.held.time) &&
    typeof state.compiled === 'object' &&
    state.compiled !== null &&
    state.compiled.end instanceof Float64Array
  ) {
    return;
  }
  throw new EngagekitError(
    'INVALID_STATE',
    `${fn}: ${formatPath(path)} must be a state from createScoreState, parseState or mergeStates, got ${describeValue(value)}`,
    path,
  );
}

/**
 * Throws `INVALID_INSTANT` when `time` is before the newest event folded into the state: its sums
 * no longer tell which events came after `time`.
 */
export function beforeNewest(state: ScoreState, time: number, fn: string): void {
  if (time >= state.latest) return;
  throw new EngagekitError(
    'INVALID_INSTANT',
    `${fn}: ${formatPath(['at'])} ${time} is before the newest event folded into the state (${state.latest}); a state answers at or after it (use scoreAt or scoreColumns for the past), and holds events stamped after the instant it was last scored or advanced to: call advanceState(state, now) before applying events whose clocks may run ahead`,
    ['at'],
  );
}
