import {
  addCompensated,
  isWindowed,
  newCustomer,
  pruneWindow,
  sameModel,
} from '../_internal/scoreStateParts.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { CustomerScoreState, ScoreState } from './createScoreState.js';

/** Merges two sorted interleaved windows. */
function mergeWindows(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      merged.push(a[i]!, a[i + 1]!);
      i += 2;
    } else {
      merged.push(b[j]!, b[j + 1]!);
      j += 2;
    }
  }
  return merged;
}

/** Adds customer `from` into `into` (a fresh copy), behaviour by behaviour. */
function addCustomer(state: ScoreState, into: CustomerScoreState, from: CustomerScoreState): void {
  const { kind, rate } = state.compiled;
  for (let b = 0; b < kind.length; b++) {
    if (isWindowed(state.compiled, b)) {
      const mine = into.windows[b];
      const theirs = from.windows[b];
      if (theirs !== undefined) into.windows[b] = mergeWindows(mine ?? [], theirs);
      continue;
    }
    const t = into.totals;
    const f = from.totals;
    if (kind[b] === 1) {
      const anchor = Math.max(t[3 * b]!, f[3 * b]!);
      if (anchor === Number.NEGATIVE_INFINITY) continue;
      const mineFactor =
        t[3 * b] === anchor
          ? 1
          : t[3 * b] === Number.NEGATIVE_INFINITY
            ? 0
            : Math.exp(-rate[b]! * (anchor - t[3 * b]!));
      const theirFactor =
        f[3 * b] === anchor
          ? 1
          : f[3 * b] === Number.NEGATIVE_INFINITY
            ? 0
            : Math.exp(-rate[b]! * (anchor - f[3 * b]!));
      t[3 * b] = anchor;
      t[3 * b + 1]! *= mineFactor;
      t[3 * b + 2]! *= mineFactor;
      addCompensated(t, 3 * b + 1, f[3 * b + 1]! * theirFactor);
      addCompensated(t, 3 * b + 1, f[3 * b + 2]! * theirFactor);
    } else {
      addCompensated(t, 3 * b + 1, f[3 * b + 1]!);
      addCompensated(t, 3 * b + 1, f[3 * b + 2]!);
    }
  }
}

/**
 * Combines the states of two shards of a stream into the state of all their events; neither input
 * changes.
 *
 * @remarks
 * Per customer and behaviour: exponential sums are decayed to the newer anchor and added,
 * permanent sums added, windows merged by time and pruned against the newer `latest`. The result
 * scores as a state that saw every event of both, so merging is associative and commutative (up
 * to rounding, a few ulps): shards can be combined in any grouping, as a stream processor or a
 * map-reduce would.
 *
 * @param a - One state.
 * @param b - Another state of the same model.
 * @returns A new state holding both.
 * @throws {@link EngagekitError} `INVALID_STATE` when the states were built for different models.
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, mergeStates, permanent, scoreState } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * const left = applyEvent(createScoreState(model), { customerId: 'ada', behaviour: 'signup', at: 0 });
 * const right = applyEvent(createScoreState(model), { customerId: 'ada', behaviour: 'signup', at: 5 });
 * scoreState(mergeStates(left, right), 10); // => { ada: 6 }
 * ```
 * @category Incremental
 */
export function mergeStates(a: ScoreState, b: ScoreState): ScoreState {
  if (!sameModel(a, b)) {
    throw new EngagekitError(
      'INVALID_STATE',
      'mergeStates: the states were built for different models (behaviours, decays, boosts or caps differ); merge only states of one model',
      ['b'],
    );
  }
  const compiled = a.compiled;
  const count = compiled.kind.length;
  const merged: ScoreState = {
    compiled,
    customers: new Map(),
    latest: Math.max(a.latest, b.latest),
  };
  for (const state of [a, b]) {
    for (const [id, customer] of state.customers) {
      let into = merged.customers.get(id);
      if (into === undefined) {
        into = newCustomer(count);
        merged.customers.set(id, into);
      }
      addCustomer(merged, into, customer);
    }
  }
  for (const customer of merged.customers.values()) {
    for (let behaviour = 0; behaviour < count; behaviour++) {
      const window = customer.windows[behaviour];
      if (window !== undefined) pruneWindow(window, merged.latest, compiled.end[behaviour]!, true);
    }
  }
  return merged;
}
