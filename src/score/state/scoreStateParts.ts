import { addCompensated } from '../../math/neumaier.js';
import type { CompiledModel } from '../../model/compileModel.js';

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
const NONE = Number.NaN;
/** Inline value (with time NONE) of an expiring behaviour whose events are in `state.windows`. */
const IN_WINDOWS = 1;

/**
 * Makes room for `count` customer records in `data`. When it grows, it grows by at least an
 * eighth (and at least 1024 records): at most a ninth of it is ever spare room, while the copies
 * stay amortised O(1) per customer (each record copied about 8 times on average).
 */
export function reserveCustomers(state: ScoreState, count: number): void {
  if (state.data.length >= count * state.stride) return;
  const grown = new Float64Array(
    Math.max(
      count * state.stride,
      Math.floor(state.data.length * 1.125),
      state.data.length + 1024 * state.stride,
    ),
  );
  grown.set(state.data.subarray(0, state.ready * state.stride));
  state.data = grown;
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
  let slot = state.slots.get(id);
  if (slot === undefined) {
    slot = state.slots.size;
    state.slots.set(id, slot);
    initCustomers(state, slot + 1);
  }
  return slot;
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

/** The events of an expiring behaviour as sorted `[time, value, ...]` (a copy when inline). */
export function readWindow(state: ScoreState, slot: number, b: number): number[] | undefined {
  const at = slot * state.stride + state.offset[b]!;
  const time = state.data[at]!;
  if (!Number.isNaN(time)) return [time, state.data[at + 1]!];
  if (state.data[at + 1] !== IN_WINDOWS) return undefined;
  return state.windows.get(slot * state.offset.length + b);
}

/** Stores the events of an expiring behaviour: inline when there is one, in `windows` when more. */
export function writeWindow(state: ScoreState, slot: number, b: number, window: number[]): void {
  const at = slot * state.stride + state.offset[b]!;
  const key = slot * state.offset.length + b;
  if (window.length > 2) {
    state.windows.set(key, window);
    state.data[at] = NONE;
    state.data[at + 1] = IN_WINDOWS;
    return;
  }
  state.windows.delete(key);
  state.data[at] = window.length === 2 ? window[0]! : NONE;
  state.data[at + 1] = window.length === 2 ? window[1]! : 0;
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
        const other = data[at + 1]!;
        writeWindow(
          state,
          slot,
          b,
          first <= time ? [first, other, time, value] : [time, value, first, other],
        );
      }
    } else if (data[at + 1] !== IN_WINDOWS) {
      data[at] = time;
      data[at + 1] = value;
    } else {
      const key = slot * state.offset.length + b;
      const window = insertWindow(state.windows.get(key)!, time, value);
      pruneWindow(window, latest, end);
      if (window.length === 2) writeWindow(state, slot, b, window);
      else state.windows.set(key, window);
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
  if (state.windows.size <= 2 * state.swept + 64) return;
  const { end } = state.compiled;
  const count = state.offset.length;
  for (const [key, window] of state.windows) {
    const b = key % count;
    pruneWindow(window, state.latest, end[b]!, true);
    if (window.length <= 2) writeWindow(state, (key - b) / count, b, window);
  }
  state.swept = state.windows.size;
}

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
 * A copy of a window kept sorted by time (interleaved pairs) with `(time, value)` inserted, after
 * the events of the same time. A copy, of exactly the new length: growing the array in place
 * would give it room for 8 more events (V8 grows arrays by half plus 16 elements), which most
 * windows never use.
 */
export function insertWindow(window: number[], time: number, value: number): number[] {
  let position = window.length;
  while (position > 0 && window[position - 2]! > time) position -= 2;
  if (position === window.length) return window.concat([time, value]);
  return window.slice(0, position).concat([time, value], window.slice(position));
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

/** The `(anchor, sum, compensation)` of an O(1) behaviour of customer `slot`. */
export function readTotals(state: ScoreState, slot: number, b: number): [number, number, number] {
  const at = slot * state.stride + state.offset[b]!;
  return [state.data[at]!, state.data[at + 1]!, state.data[at + 2]!];
}

/** One customer's score at `at` (trusted `at >= latest`): per behaviour, capped, compensated. */
export function customerScore(state: ScoreState, slot: number, at: number): number {
  const compiled = state.compiled;
  const { kind, end, grace, span, rate, cap } = compiled;
  const data = state.data;
  const base = slot * state.stride;
  let score = 0;
  let compensation = 0;
  for (let b = 0; b < kind.length; b++) {
    const position = base + state.offset[b]!;
    let total = 0;
    if (isWindowed(compiled, b)) {
      const window = readWindow(state, slot, b);
      if (window !== undefined) {
        let windowCompensation = 0;
        for (let i = 0; i < window.length; i += 2) {
          const elapsed = at - window[i]!;
          if (elapsed < 0 || elapsed >= end[b]!) continue;
          let factor = 1;
          if (kind[b] === 1) factor = Math.exp(-rate[b]! * elapsed);
          else if (kind[b] === 0 && elapsed > grace[b]!) factor = (end[b]! - elapsed) / span[b]!;
          const value = window[i + 1]! * factor;
          const next = total + value;
          windowCompensation +=
            Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
          total = next;
        }
        total += windowCompensation;
      }
    } else if (kind[b] === 1) {
      const anchor = data[position]!;
      if (anchor !== Number.NEGATIVE_INFINITY) {
        const factor = Math.exp(-rate[b]! * (at - anchor));
        total = data[position + 1]! * factor + data[position + 2]! * factor;
      }
    } else total = data[position + 1]! + data[position + 2]!;
    const bounded = Math.min(cap[b]!, Math.max(total, -cap[b]!));
    const next = score + bounded;
    compensation +=
      Math.abs(score) >= Math.abs(bounded) ? score - next + bounded : bounded - next + score;
    score = next;
  }
  return score + compensation;
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
