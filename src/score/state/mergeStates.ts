import { EngagekitError } from '../../errors/EngagekitError.js';
import { addCompensated } from '../../math/neumaier.js';
import { customerIds } from './_lib/customerIndex.js';
import { limitHeld, pushHeld, releaseHeld } from './_lib/held.js';
import { createScoreState } from './createScoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import {
  checkState,
  customerSlot,
  isAfter,
  isWindowed,
  pruneWindow,
  readWindow,
  sameModel,
  slotOf,
  writeWindow,
} from './scoreStateParts.js';

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

/** Adds customer `slot` of `from` into customer `into` of `merged`, behaviour by behaviour. */
function addCustomer(merged: ScoreState, into: number, from: ScoreState, slot: number): void {
  const { kind, rate } = merged.compiled;
  const t = merged.data;
  const f = from.data;
  for (let b = 0; b < kind.length; b++) {
    if (isWindowed(merged.compiled, b)) {
      const theirs = readWindow(from, slot, b);
      if (theirs !== undefined) {
        writeWindow(merged, into, b, mergeWindows(readWindow(merged, into, b) ?? [], theirs));
      }
      continue;
    }
    const i = into * merged.stride + merged.offset[b]!;
    const j = slot * from.stride + from.offset[b]!;
    if (kind[b] === 1) {
      const anchor = Math.max(t[i]!, f[j]!);
      if (anchor === Number.NEGATIVE_INFINITY) continue;
      const mineFactor =
        t[i] === anchor
          ? 1
          : t[i] === Number.NEGATIVE_INFINITY
            ? 0
            : Math.exp(-rate[b]! * (anchor - t[i]!));
      const theirFactor =
        f[j] === anchor
          ? 1
          : f[j] === Number.NEGATIVE_INFINITY
            ? 0
            : Math.exp(-rate[b]! * (anchor - f[j]!));
      t[i] = anchor;
      t[i + 1]! *= mineFactor;
      t[i + 2]! *= mineFactor;
      addCompensated(t, i + 1, f[j + 1]! * theirFactor);
      addCompensated(t, i + 1, f[j + 2]! * theirFactor);
    } else {
      addCompensated(t, i + 1, f[j + 1]!);
      addCompensated(t, i + 1, f[j + 2]!);
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
 * map-reduce would. The feed's positions are kept per partition, the higher of the two; the
 * horizon is the later of the two, and the events either state holds are held (or folded in, up
 * to that horizon).
 *
 * @param a - One state.
 * @param b - Another state of the same model.
 * @returns A new state holding both.
 * @throws {@link EngagekitError} `INVALID_STATE` when the states were built for different models
 * (their model fingerprints differ), or either is not a state.
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
  checkState(a, 'mergeStates', ['a']);
  checkState(b, 'mergeStates', ['b']);
  if (a.fingerprint !== b.fingerprint || !sameModel(a, b)) {
    throw new EngagekitError(
      'INVALID_STATE',
      'mergeStates: the states were built for different models (behaviours, decays, boosts or caps differ); merge only states of one model',
      ['b'],
    );
  }
  const compiled = a.compiled;
  const merged = createScoreState(compiled, { maxHeld: Math.max(a.maxHeld, b.maxHeld) });
  merged.latest = Math.max(a.latest, b.latest);
  merged.horizon = Math.max(a.horizon, b.horizon);
  for (const state of [a, b]) {
    for (const [partition, position] of state.positions) {
      const mine = merged.positions.get(partition);
      if (mine === undefined || isAfter(position, mine)) merged.positions.set(partition, position);
    }
  }
  for (const state of [a, b]) {
    const ids = customerIds(state.customers);
    for (let slot = 0; slot < ids.length; slot++) {
      addCustomer(merged, customerSlot(merged, ids[slot]!), state, slot);
    }
  }
  for (let slot = 0; slot < merged.customers.size; slot++) {
    for (let behaviour = 0; behaviour < compiled.kind.length; behaviour++) {
      if (!isWindowed(compiled, behaviour)) continue;
      const window = readWindow(merged, slot, behaviour);
      if (window === undefined) continue;
      pruneWindow(window, merged.latest, compiled.end[behaviour]!, true);
      writeWindow(merged, slot, behaviour, window);
    }
  }
  // Events either state holds: held again, and folded in when the merged horizon has reached them.
  for (const state of [a, b]) {
    const { slot, behaviour, time, value } = state.held;
    const ids = customerIds(state.customers);
    for (let i = 0; i < time.length; i++) {
      pushHeld(merged.held, slotOf(merged, ids[slot[i]!]!)!, behaviour[i]!, time[i]!, value[i]!);
    }
  }
  if (merged.horizon !== Number.NEGATIVE_INFINITY) releaseHeld(merged, merged.horizon);
  limitHeld(merged);
  return merged;
}
