import type { HeldEvents, ScoreState } from '../scoreStateParts.js';
import { applyValue, sweepWindows } from '../scoreStateParts.js';

/** An empty heap of held events. */
export function noHeldEvents(): HeldEvents {
  return { slot: [], behaviour: [], time: [], value: [] };
}

function swap(held: HeldEvents, i: number, j: number): void {
  const { slot, behaviour, time, value } = held;
  const s = slot[i]!;
  slot[i] = slot[j]!;
  slot[j] = s;
  const b = behaviour[i]!;
  behaviour[i] = behaviour[j]!;
  behaviour[j] = b;
  const t = time[i]!;
  time[i] = time[j]!;
  time[j] = t;
  const v = value[i]!;
  value[i] = value[j]!;
  value[j] = v;
}

/** Adds an event to the heap. */
export function pushHeld(
  held: HeldEvents,
  slot: number,
  behaviour: number,
  time: number,
  value: number,
): void {
  held.slot.push(slot);
  held.behaviour.push(behaviour);
  held.time.push(time);
  held.value.push(value);
  let i = held.time.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (held.time[parent]! <= time) break;
    swap(held, i, parent);
    i = parent;
  }
}

/** Removes the earliest event from the heap (which must not be empty), into `out`. */
function popHeld(held: HeldEvents, out: number[]): void {
  out[0] = held.slot[0]!;
  out[1] = held.behaviour[0]!;
  out[2] = held.time[0]!;
  out[3] = held.value[0]!;
  const last = held.time.length - 1;
  if (last > 0) swap(held, 0, last);
  held.slot.pop();
  held.behaviour.pop();
  held.time.pop();
  held.value.pop();
  const length = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= length) break;
    const right = left + 1;
    const child = right < length && held.time[right]! < held.time[left]! ? right : left;
    if (held.time[i]! <= held.time[child]!) break;
    swap(held, i, child);
    i = child;
  }
}

/** Folds every held event with time at or before `until` into the state, earliest first. */
export function releaseHeld(state: ScoreState, until: number): void {
  const held = state.held;
  if (held.time.length === 0 || held.time[0]! > until) return;
  const event = [0, 0, 0, 0];
  while (held.time.length > 0 && held.time[0]! <= until) {
    popHeld(held, event);
    const time = event[2]!;
    if (time > state.latest) state.latest = time;
    applyValue(state, event[0]!, event[1]!, time, event[3]!);
  }
  sweepWindows(state);
}

/**
 * Applies one checked event of customer `slot`: folded into the sums when the state has no
 * horizon yet or the event is at or before it, held otherwise. When more than `state.maxHeld`
 * events are held, the earliest are released and the horizon moves up to them.
 */
export function applyOrHold(
  state: ScoreState,
  slot: number,
  b: number,
  time: number,
  value: number,
): void {
  if (state.horizon === Number.NEGATIVE_INFINITY || time <= state.horizon) {
    if (time > state.latest) state.latest = time;
    applyValue(state, slot, b, time, value);
    sweepWindows(state);
    return;
  }
  pushHeld(state.held, slot, b, time, value);
  limitHeld(state);
}

/** Releases the earliest held events while more than `state.maxHeld` are held. */
export function limitHeld(state: ScoreState): void {
  const held = state.held;
  while (held.time.length > state.maxHeld) {
    state.horizon = held.time[0]!;
    releaseHeld(state, state.horizon);
  }
}

/**
 * Moves the horizon up to `time` (never down) and folds the events held until then: what scoring
 * at `time` does first. The caller has checked `time >= state.latest`.
 */
export function advanceHorizon(state: ScoreState, time: number): void {
  if (time > state.horizon) state.horizon = time;
  releaseHeld(state, state.horizon);
}
