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
 * The regime changes of the events of `columns`, sorted once: O(n log n). The events are sorted by
 * time; then each behaviour's starts, ends of grace and expiries are each in time order already
 * (their instants grow with the event's), so a heap merges these sorted streams. With `until`
 * (the rules' resets), event `i` also stops counting from the first whole millisecond at or after
 * `until[i]`; within a behaviour that instant grows with the event's too.
 */
export function regimeChanges(
  compiled: CompiledModel,
  columns: EventColumns,
  until?: Float64Array,
): RegimeChanges {
  const n = columns.length;
  const byTime = new Uint32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    byTime[i] = i;
    if (i > 0 && columns.at[i]! < columns.at[i - 1]!) sorted = false;
  }
  if (!sorted) byTime.sort((x, y) => columns.at[x]! - columns.at[y]! || x - y);
  // stream 3b + c: behaviour b's starts (c = 0), ends of grace (1) and expiries (2)
  const streams = 3 * compiled.behaviourIds.length;
  const instants: number[][] = Array.from({ length: streams }, () => []);
  const events: number[][] = Array.from({ length: streams }, () => []);
  const regimes: number[][] = Array.from({ length: streams }, () => []);
  const push = (stream: number, t: number, i: number, r: number): void => {
    if (t > MAX_INSTANT + 1) return;
    instants[stream]!.push(t);
    events[stream]!.push(i);
    regimes[stream]!.push(r);
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
  let length = 0;
  for (const stream of instants) length += stream.length;
  const instant = new Float64Array(length);
  const event = new Int32Array(length);
  const regime = new Uint8Array(length);
  // a binary heap of the streams that have changes left, by the instant of their next one
  const heads = new Int32Array(streams);
  const heap: number[] = [];
  const key = (stream: number): number => instants[stream]![heads[stream]!]!;
  const less = (x: number, y: number): boolean => key(x) < key(y) || (key(x) === key(y) && x < y);
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && less(heap[right]!, heap[left]!) ? right : left;
      if (!less(heap[child]!, heap[at]!)) return;
      [heap[at], heap[child]] = [heap[child]!, heap[at]!];
      at = child;
    }
  };
  for (let stream = 0; stream < streams; stream++) {
    if (instants[stream]!.length > 0) heap.push(stream);
  }
  for (let k = (heap.length >> 1) - 1; k >= 0; k--) siftDown(k);
  for (let out = 0; out < length; out++) {
    const stream = heap[0]!;
    const h = heads[stream]!;
    instant[out] = instants[stream]![h]!;
    event[out] = events[stream]![h]!;
    regime[out] = regimes[stream]![h]!;
    heads[stream] = h + 1;
    if (h + 1 === instants[stream]!.length) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    siftDown(0);
  }
  return { length, instant, event, regime };
}
