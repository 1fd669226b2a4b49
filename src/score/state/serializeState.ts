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
  const customers: Record<string, { totals: (number | null)[]; windows: (number[] | null)[] }> = {};
  const count = compiled.kind.length;
  const ids = customerIds(state.customers);
  for (let slot = 0; slot < ids.length; slot++) {
    const id = ids[slot]!;
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
    const entry = { totals, windows };
    if (id === '__proto__') {
      Object.defineProperty(customers, id, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else customers[id] = entry;
  }
  return JSON.stringify({
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
    customers,
  });
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
