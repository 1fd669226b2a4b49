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
  const estimate = Math.ceil(at + bound);
  if (!(estimate <= MAX_INSTANT + 2)) return Number.POSITIVE_INFINITY;
  const holds = (t: number): boolean => (strict ? t - at > bound : t - at >= bound);
  let t = estimate;
  while (!holds(t)) t++;
  while (holds(t - 1)) t--;
  return t;
}

/** The regime changes of the events of `columns`, sorted once: O(n log n). */
export function regimeChanges(compiled: CompiledModel, columns: EventColumns): RegimeChanges {
  const n = columns.length;
  const instant = new Float64Array(3 * n);
  const event = new Int32Array(3 * n);
  const regime = new Uint8Array(3 * n);
  let length = 0;
  const push = (t: number, i: number, r: number): void => {
    if (t > MAX_INSTANT + 1) return;
    instant[length] = t;
    event[length] = i;
    regime[length] = r;
    length++;
  };
  for (let i = 0; i < n; i++) {
    const at = columns.at[i]!;
    const b = columns.behaviour[i]!;
    const kind = compiled.kind[b]!;
    const end = compiled.end[b]!;
    const enter = Math.ceil(at) + 0;
    const expire =
      end === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : firstAfter(at, end, false);
    if (expire <= enter) continue;
    if (kind === KIND_EXPONENTIAL) push(enter, i, REGIME_EXPONENTIAL);
    else if (kind === KIND_LINEAR) {
      const slope = firstAfter(at, compiled.grace[b]!, true);
      if (slope <= enter) push(enter, i, REGIME_SLOPE);
      else {
        push(enter, i, REGIME_CONSTANT);
        if (slope < expire) push(slope, i, REGIME_SLOPE);
      }
    } else push(enter, i, REGIME_CONSTANT);
    if (expire !== Number.POSITIVE_INFINITY) push(expire, i, REGIME_NONE);
  }
  const order = new Uint32Array(length);
  for (let k = 0; k < length; k++) order[k] = k;
  order.sort((x, y) => instant[x]! - instant[y]! || x - y);
  return {
    length,
    instant: Float64Array.from(order, (k) => instant[k]!),
    event: Int32Array.from(order, (k) => event[k]!),
    regime: Uint8Array.from(order, (k) => regime[k]!),
  };
}
