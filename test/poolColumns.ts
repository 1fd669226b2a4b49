import { mulberry32 } from '../scripts/mulberry32.js';
import {
  defineModel,
  type EventColumnsInput,
  exponential,
  linear,
  scoreColumns,
  step,
} from '../src/index.js';
import { firstBitDifference } from './sameBits.js';

/**
 * A model for the worker pool's tests: linear (one with a grace period), exponential and step
 * decays share the uncapped accumulator (so the order in which the kernel adds them matters to
 * the last bit), one capped behaviour has its own, one boost is negative.
 */
export const poolModel = defineModel({
  behaviours: {
    click: { boost: 25, decay: linear(1000) },
    visit: { boost: 8, decay: exponential(300), cap: 30 },
    open: { boost: 3, decay: exponential(500) },
    order: { boost: 50, decay: step(700) },
    unsubscribe: { boost: -20, decay: linear(900, { grace: 100 }) },
  },
});

/** Options of {@link seededColumns}. */
export interface SeededColumnsOptions {
  /** Columns on `SharedArrayBuffer`s (default true). */
  readonly shared?: boolean;
  /** With a weight column, weights from -1 to 3 (default true). */
  readonly weighted?: boolean;
  /** A 16-bit behaviour column (default false). */
  readonly wide?: boolean;
}

/** `events` seeded events of `customers` customers at times 0..1999, in any order. */
export function seededColumns(
  events: number,
  customers: number,
  seed: number,
  { shared = true, weighted = true, wide = false }: SeededColumnsOptions = {},
): EventColumnsInput {
  const next = mulberry32(seed);
  const buffer = (bytes: number) =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const customer = new Uint32Array(buffer(4 * events));
  const behaviour = wide ? new Uint16Array(buffer(2 * events)) : new Uint8Array(buffer(events));
  const at = new Float64Array(buffer(8 * events));
  const weight = new Float64Array(buffer(8 * events));
  for (let i = 0; i < events; i++) {
    customer[i] = Math.floor(next() * customers);
    behaviour[i] = Math.floor(next() * 5);
    at[i] = Math.floor(next() * 2000);
    weight[i] = Math.floor(next() * 5) - 1;
  }
  return weighted ? { customer, behaviour, at, weight } : { customer, behaviour, at };
}

/**
 * Whether `scores` are bit for bit what `scoreColumns` gives for the same arguments; throws with
 * the first customer that differs otherwise.
 */
export function sameAsScoreColumns(
  scores: Float64Array,
  ...args: Parameters<typeof scoreColumns>
): boolean {
  const expected = scoreColumns(...args);
  const at = firstBitDifference(scores, expected);
  if (at !== -1) {
    throw new Error(`customer ${at}: ${scores[at]} instead of scoreColumns' ${expected[at]}`);
  }
  return true;
}
