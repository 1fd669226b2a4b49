import { customerIds } from './_lib/customerIndex.js';
import type { ScoreState } from './scoreStateParts.js';
import { checkState, isWindowed, liveWindow, readTotals } from './scoreStateParts.js';

/** The `format` tag of a serialised {@link ScoreState}. */
export const SCORE_STATE_FORMAT = 'engagekit/score-state';

/**
 * Writes an incremental scoring state as versioned JSON, to persist it or send it to another
 * process; {@link parseState} reads it back.
 *
 * @remarks
 * The JSON is `{ format: 'engagekit/score-state', version: 3, fingerprint, behaviourIds, decays,
 * boosts, caps, latest, positions, horizon, maxHeld, held, customers: { [id]: { totals, windows } } }`
 * (`fingerprint` is the model's, `positions` the feed's position per partition, `held` the events
 * stamped after the `horizon` as `[customerId, behaviourId, time, weight * boost]`), with `-Infinity` written as `null` and caps
 * of uncapped behaviours as `null`. Numbers round-trip exactly (JSON keeps every double). Per
 * customer, `totals` has 3 numbers per behaviour (anchor, sum, compensation; `[null, 0, 0]` for a
 * behaviour that expires) and `windows[b]`, for a behaviour that expires, its events still worth
 * something at `latest` as `[time, weight * boost, ...]` sorted by time (or `null`), so states that
 * saw the same events write the same JSON, however often they were pruned.
 *
 * @param state - The state.
 * @returns The JSON text.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, parseState, permanent, scoreState, serializeState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * const state = applyEvent(createScoreState(model), { customerId: 'ada', behaviour: 'signup', at: 0 });
 * const text = serializeState(state);
 * JSON.parse(text).version; // => 3
 * scoreState(parseState(model, text), 1); // => { ada: 3 }
 * ```
 * @category Incremental
 */
export function serializeState(state: ScoreState): string {
  checkState(state, 'serializeState');
  const { compiled } = state;
  const count = compiled.kind.length;
  const ids = customerIds(state.customers);
  const head = JSON.stringify({
    format: SCORE_STATE_FORMAT,
    version: 3,
    fingerprint: state.fingerprint,
    behaviourIds: compiled.behaviourIds,
    decays: compiled.decays,
    boosts: Array.from(compiled.boost),
    caps: Array.from(compiled.cap, (cap) => (Number.isFinite(cap) ? cap : null)),
    latest: Number.isFinite(state.latest) ? state.latest : null,
    positions: Object.fromEntries(state.positions),
    horizon: Number.isFinite(state.horizon) ? state.horizon : null,
    maxHeld: state.maxHeld,
    held: heldList(state),
    customers: {},
  });
  // The customers are written a chunk of them at a time, each chunk an object stringified, in
  // the order JSON.stringify gives one object of all of them (ids that are array indexes first,
  // ascending, then the others in slot order): what one chunk allocates dies young, so the time
  // stays proportional to the state instead of the collector's work on a graph of millions of
  // objects kept alive until the end.
  const order: number[] = [];
  for (let slot = 0; slot < ids.length; slot++) if (isArrayIndex(ids[slot]!)) order.push(slot);
  order.sort((x, y) => Number(ids[x]) - Number(ids[y]));
  if (order.length > 0) {
    for (let slot = 0; slot < ids.length; slot++) if (!isArrayIndex(ids[slot]!)) order.push(slot);
  }
  const parts: string[] = [head.slice(0, -2)];
  for (let from = 0; from < ids.length; from += CHUNK) {
    const chunk: Record<string, CustomerEntry> = {};
    for (let k = from; k < Math.min(ids.length, from + CHUNK); k++) {
      const slot = order.length > 0 ? order[k]! : k;
      const id = ids[slot]!;
      const entry = customerEntry(state, slot, count);
      if (id === '__proto__') {
        Object.defineProperty(chunk, id, {
          value: entry,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else chunk[id] = entry;
    }
    const text = JSON.stringify(chunk);
    parts.push(from === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
  }
  parts.push('}}');
  return parts.join('');
}

/** Customers per chunk of {@link serializeState}'s text. */
const CHUNK = 4096;

/** A customer as the JSON holds it. */
interface CustomerEntry {
  readonly totals: (number | null)[];
  readonly windows: (number[] | null)[];
}

/** Customer `slot`'s `{ totals, windows }`. */
function customerEntry(state: ScoreState, slot: number, count: number): CustomerEntry {
  const { compiled } = state;
  const totals: (number | null)[] = [];
  const windows: (number[] | null)[] = [];
  for (let b = 0; b < count; b++) {
    if (isWindowed(compiled, b)) {
      totals.push(null, 0, 0);
      windows.push(liveWindow(state, slot, b) ?? null);
    } else {
      for (const value of readTotals(state, slot, b)) {
        totals.push(Number.isFinite(value) ? value : null);
      }
      windows.push(null);
    }
  }
  return { totals, windows };
}

/** Whether `id` is an array index (`'0'` to `'4294967294'`, canonical), a key objects list first. */
function isArrayIndex(id: string): boolean {
  const code = id.charCodeAt(0);
  if (!(code >= 48 && code <= 57) || id.length > 10) return false;
  const number = Number(id);
  return number >>> 0 === number && number !== 4294967295 && String(number) === id;
}

/** The held events as `[customerId, behaviourId, time, weight * boost]`, in one canonical order. */
function heldList(state: ScoreState): [string, string, number, number][] {
  const { slot, behaviour, time, value } = state.held;
  if (time.length === 0) return [];
  const ids = customerIds(state.customers);
  const list: [string, string, number, number][] = [];
  for (let i = 0; i < time.length; i++) {
    list.push([ids[slot[i]!]!, state.compiled.behaviourIds[behaviour[i]!]!, time[i]!, value[i]!]);
  }
  return list.sort(
    (x, y) =>
      x[2] - y[2] ||
      (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0) ||
      (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) ||
      x[3] - y[3],
  );
}
