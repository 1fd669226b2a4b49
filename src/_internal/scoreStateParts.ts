import type { CompiledModel } from '../model/compileModel.js';
import type { CustomerScoreState, ScoreState } from '../score/createScoreState.js';

/** Whether behaviour `b` keeps its events (linear, step, exponential with a cutoff). */
export function isWindowed(compiled: CompiledModel, b: number): boolean {
  return compiled.end[b]! !== Number.POSITIVE_INFINITY;
}

/** A customer with nothing yet: anchors at -Infinity, zero sums, no windows. */
export function newCustomer(behaviourCount: number): CustomerScoreState {
  const totals: number[] = [];
  for (let b = 0; b < behaviourCount; b++) totals.push(Number.NEGATIVE_INFINITY, 0, 0);
  return { totals, windows: new Array<number[] | undefined>(behaviourCount).fill(undefined) };
}

/** Adds `value` to the compensated pair at `totals[at], totals[at + 1]`. */
export function addCompensated(totals: number[], at: number, value: number): void {
  const sum = totals[at]!;
  const next = sum + value;
  totals[at + 1]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
  totals[at] = next;
}

/**
 * Adds an exponential event of worth `value` at `time` to its O(1) summary: the compensated sum of
 * every event decayed to the anchor, the newest time seen. A newer event moves the anchor forward
 * (scaling the sum down, never up); an older one is decayed to the anchor. No factor exceeds 1.
 */
export function addExponential(
  totals: number[],
  b: number,
  rate: number,
  time: number,
  value: number,
): void {
  const anchor = totals[3 * b]!;
  if (time >= anchor) {
    if (time > anchor) {
      const factor = anchor === Number.NEGATIVE_INFINITY ? 0 : Math.exp(-rate * (time - anchor));
      totals[3 * b + 1]! *= factor;
      totals[3 * b + 2]! *= factor;
      totals[3 * b] = time;
    }
    addCompensated(totals, 3 * b + 1, value);
  } else addCompensated(totals, 3 * b + 1, value * Math.exp(-rate * (anchor - time)));
}

/**
 * Adds one checked event (behaviour `b`, worth `value = weight * boost`) to `customer`, after
 * `state.latest` has been moved to include `time`: the shared core of `applyEvent` and
 * `applyColumns`, so both build the very same state.
 */
export function applyValue(
  state: ScoreState,
  customer: CustomerScoreState,
  b: number,
  time: number,
  value: number,
): void {
  const compiled = state.compiled;
  const end = compiled.end[b]!;
  if (end !== Number.POSITIVE_INFINITY) {
    if (state.latest - time >= end) return;
    const window = customer.windows[b];
    if (window === undefined) {
      customer.windows[b] = [time, value];
      return;
    }
    insertWindow(window, time, value);
    pruneWindow(window, state.latest, end);
  } else if (compiled.kind[b] === 1) {
    addExponential(customer.totals, b, compiled.rate[b]!, time, value);
  } else addCompensated(customer.totals, 3 * b + 1, value);
}

/** Inserts `(time, value)` into a window kept sorted by time (interleaved pairs). */
export function insertWindow(window: number[], time: number, value: number): void {
  let position = window.length;
  while (position > 0 && window[position - 2]! > time) position -= 2;
  if (position === window.length) window.push(time, value);
  else window.splice(position, 0, time, value);
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

/** One customer's score at `at` (trusted `at >= latest`): per behaviour, capped, compensated. */
export function customerScore(
  compiled: CompiledModel,
  customer: CustomerScoreState,
  at: number,
): number {
  const { kind, end, grace, span, rate, cap } = compiled;
  const { totals, windows } = customer;
  let score = 0;
  let compensation = 0;
  for (let b = 0; b < kind.length; b++) {
    const window = windows[b];
    let total = 0;
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
    } else if (kind[b] === 1) {
      const anchor = totals[3 * b]!;
      if (anchor !== Number.NEGATIVE_INFINITY) {
        const factor = Math.exp(-rate[b]! * (at - anchor));
        total = totals[3 * b + 1]! * factor + totals[3 * b + 2]! * factor;
      }
    } else total = totals[3 * b + 1]! + totals[3 * b + 2]!;
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
