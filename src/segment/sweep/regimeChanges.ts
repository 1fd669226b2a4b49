import { type CompiledModel, KIND_EXPONENTIAL, KIND_LINEAR } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { MAX_INSTANT } from '../../time/instant.js';

/** Regimes of an event's decay, as the sweep tracks them. */
export const REGIME_NONE = 0;
/** Its full boost (step, permanent, a linear decay's grace period). */
export const REGIME_CONSTANT = 1;
/** A linear decay's straight line down to zero. */
export const REGIME_SLOPE = 2;
/** An exponential decay. */
export const REGIME_EXPONENTIAL = 3;

/**
 * Every change of an event's regime, at whole milliseconds, sorted by instant: the event starts
 * counting (`regime` is the one it starts in), leaves a linear decay's grace period
 * (`REGIME_SLOPE`) or stops counting (`REGIME_NONE`). Instants are the first whole millisecond at
 * which the event is in the new regime, decided with the very comparisons of `decayFactor`
 * (`elapsed <= grace`, `elapsed >= duration`, `elapsed >= cutoff`, with `elapsed = t - event.at`
 * in floating point), so that at every whole millisecond between two changes each event's regime
 * is exactly what `scoreAt` uses. Changes after the latest instant a `Date` can hold are left
 * out; so is an event that counts at no whole millisecond.
 */
export interface RegimeChanges {
  readonly length: number;
  readonly instant: Float64Array;
  readonly event: Int32Array;
  readonly regime: Uint8Array;
}

/** The first whole millisecond `t` with `t - at > bound` (`strict`) or `>= bound`, or Infinity. */
function firstAfter(at: number, bound: number, strict: boolean): number {
  let t = Math.ceil(at + bound);
  if (!(t <= MAX_INSTANT + 2)) return Number.POSITIVE_INFINITY;
  // t - at rounds, so the estimate may be a millisecond off either way
  if (strict) {
    while (!(t - at > bound)) t++;
    while (t - 1 - at > bound) t--;
  } else {
    while (!(t - at >= bound)) t++;
    while (t - 1 - at >= bound) t--;
  }
  return t;
}

/**
 * Where {@link regimeChanges} may write instead of allocating: a previous result, whose arrays it
 * reuses when they are long enough (a forecast of many customers sweeps each in turn with one).
 */
export interface RegimeScratch {
  /** The result's arrays. */
  instant: Float64Array;
  event: Int32Array;
  regime: Uint8Array;
  /** The changes as written, before the sort: instant, event, regime and stream (`3 b + c`). */
  written: Float64Array;
  writtenEvent: Int32Array;
  writtenRegime: Uint8Array;
  stream: Int32Array;
  /** The order the sort builds, and the events in time order. */
  order: Int32Array;
  byTime: Uint32Array;
}

/** Scratch for {@link regimeChanges}, empty: it grows to the largest customer swept with it. */
export function regimeScratch(): RegimeScratch {
  return arraysFor(0, undefined);
}

/** Arrays for at least `n` events (3 changes each), `scratch`'s own when they are long enough. */
function arraysFor(n: number, scratch: RegimeScratch | undefined): RegimeScratch {
  if (scratch !== undefined && scratch.byTime.length >= n) return scratch;
  const size = Math.max(n, 2 * (scratch?.byTime.length ?? 0), 16);
  const fresh = {
    instant: new Float64Array(3 * size),
    event: new Int32Array(3 * size),
    regime: new Uint8Array(3 * size),
    written: new Float64Array(3 * size),
    writtenEvent: new Int32Array(3 * size),
    writtenRegime: new Uint8Array(3 * size),
    stream: new Int32Array(3 * size),
    order: new Int32Array(3 * size),
    byTime: new Uint32Array(size),
  };
  if (scratch !== undefined) Object.assign(scratch, fresh);
  return scratch ?? fresh;
}

/**
 * The regime changes of the events of `columns`, sorted once: O(n log n). The events are taken in
 * time order; each change is written with its stream (`3 b` for behaviour b's starts, `3 b + 1`
 * its ends of grace, `3 b + 2` its expiries), and the changes are sorted by instant, then stream,
 * then the order they were written in (the events' time order), which is the order the sweep
 * applies them in. With `until` (the rules' resets), event `i` also stops counting from the first
 * whole millisecond at or after `until[i]`. With `scratch`, its arrays are reused (and grown in
 * it): the result's arrays are then longer than its `length`.
 */
export function regimeChanges(
  compiled: CompiledModel,
  columns: EventColumns,
  until?: Float64Array,
  scratch?: RegimeScratch,
): RegimeChanges {
  const n = columns.length;
  const arrays = arraysFor(n, scratch);
  const { written, writtenEvent, writtenRegime, stream, order, byTime } = arrays;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    byTime[i] = i;
    if (i > 0 && columns.at[i]! < columns.at[i - 1]!) sorted = false;
  }
  if (!sorted) {
    byTime.subarray(0, n).sort((x, y) => columns.at[x]! - columns.at[y]! || x - y);
  }
  let length = 0;
  const push = (s: number, t: number, i: number, r: number): void => {
    if (t > MAX_INSTANT + 1) return;
    written[length] = t;
    writtenEvent[length] = i;
    writtenRegime[length] = r;
    stream[length] = s;
    length++;
  };
  for (let k = 0; k < n; k++) {
    const i = byTime[k]!;
    const at = columns.at[i]!;
    const b = columns.behaviour[i]!;
    const kind = compiled.kind[b]!;
    const end = compiled.end[b]!;
    const enter = Math.ceil(at) + 0;
    const expire = Math.min(
      end === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : firstAfter(at, end, false),
      until === undefined ? Number.POSITIVE_INFINITY : Math.ceil(until[i]!),
    );
    if (expire <= enter) continue;
    if (kind === KIND_EXPONENTIAL) push(3 * b, enter, i, REGIME_EXPONENTIAL);
    else if (kind === KIND_LINEAR) {
      const slope = firstAfter(at, compiled.grace[b]!, true);
      if (slope <= enter) push(3 * b, enter, i, REGIME_SLOPE);
      else {
        push(3 * b, enter, i, REGIME_CONSTANT);
        if (slope < expire) push(3 * b + 1, slope, i, REGIME_SLOPE);
      }
    } else push(3 * b, enter, i, REGIME_CONSTANT);
    if (expire !== Number.POSITIVE_INFINITY) push(3 * b + 2, expire, i, REGIME_NONE);
  }
  sortChanges(written, stream, order, length);
  const { instant, event, regime } = arrays;
  for (let k = 0; k < length; k++) {
    const from = order[k]!;
    instant[k] = written[from]!;
    event[k] = writtenEvent[from]!;
    regime[k] = writtenRegime[from]!;
  }
  return { length, instant, event, regime };
}

/** Sorts `order[0 .. length - 1]` (filled here) by instant, stream, then position. */
function sortChanges(
  instant: Float64Array,
  stream: Int32Array,
  order: Int32Array,
  length: number,
): void {
  for (let k = 0; k < length; k++) order[k] = k;
  const before = (x: number, y: number): boolean =>
    instant[x]! < instant[y]! ||
    (instant[x] === instant[y] && (stream[x]! < stream[y]! || (stream[x] === stream[y] && x < y)));
  if (length <= 48) {
    for (let k = 1; k < length; k++) {
      const item = order[k]!;
      let j = k - 1;
      while (j >= 0 && before(item, order[j]!)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = item;
    }
    return;
  }
  order
    .subarray(0, length)
    .sort((x, y) => instant[x]! - instant[y]! || stream[x]! - stream[y]! || x - y);
}
