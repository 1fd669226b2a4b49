/**
 * The benchmark workload: a seeded, reproducible event log (sorted by time, as a log is) of a
 * customer base, and the model of the issue: 8 behaviours, 4 linear and 4 exponential, no caps.
 */

import { mulberry32 } from '../scripts/mulberry32.js';
import { defineModel, exponential, linear, type Model } from '../src/index.js';

/** The seeded generator of the workload (mulberry32). */
export const random = mulberry32;

const day = 86_400_000;

/** The instant everything is scored at: 2026-01-01T00:00:00Z. */
export const SCORED_AT = Date.UTC(2026, 0, 1);

export const benchModel: Model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    survey: { boost: 15, decay: linear({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }) },
    appOpen: { boost: 3, decay: exponential({ days: 1 }) },
    support: { boost: -10, decay: exponential({ days: 7 }) },
    review: { boost: 30, decay: exponential({ days: 30 }) },
  },
});

export interface Workload {
  readonly events: number;
  readonly customers: number;
  readonly customer: Uint32Array;
  readonly behaviour: Uint8Array;
  readonly at: Float64Array;
}

/**
 * `events` events over `customers` customers in the year before {@link SCORED_AT}, whole
 * milliseconds, sorted by time; customers and behaviours uniform. The columns live on
 * SharedArrayBuffers so that worker threads read them without a copy.
 */
export function generateWorkload(events: number, customers: number, seed = 42): Workload {
  const next = mulberry32(seed);
  const at = new Float64Array(new SharedArrayBuffer(8 * events));
  for (let i = 0; i < events; i++) at[i] = SCORED_AT - Math.floor(next() * 365 * day);
  at.sort();
  const customer = new Uint32Array(new SharedArrayBuffer(4 * events));
  const behaviour = new Uint8Array(new SharedArrayBuffer(events));
  for (let i = 0; i < events; i++) {
    customer[i] = Math.floor(next() * customers);
    behaviour[i] = Math.floor(next() * 8);
  }
  return { events, customers, customer, behaviour, at };
}
