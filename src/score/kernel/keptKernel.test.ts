import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/mulberry32.js';
import { compileModel } from '../../model/compileModel.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { prepareColumns } from '../prepareColumns.js';
import { scoreColumns } from '../scoreColumns.js';
import { scorePrepared } from '../scorePrepared.js';
import { KEPT_KERNEL_BYTES, keptKernels } from './keptKernel.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    click: { boost: 25, decay: linear({ days: 14 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }), cap: 40 },
    signup: { boost: 3, decay: permanent() },
  },
});

/** Seeded columns of `events` events over `customers` customers in the 60 days before day 60. */
function columnsOf(events: number, customers: number, seed: number, weighted: boolean) {
  const next = mulberry32(seed);
  const customer = new Uint32Array(events);
  const behaviour = new Uint8Array(events);
  const at = new Float64Array(events);
  const weight = new Float64Array(events);
  for (let i = 0; i < events; i++) {
    customer[i] = Math.floor(next() * customers);
    behaviour[i] = Math.floor(next() * 3);
    at[i] = Math.floor(next() * 60 * day);
    weight[i] = 0.5 + next();
  }
  return weighted ? { customer, behaviour, at, weight } : { customer, behaviour, at };
}

describe('the WebAssembly kernel a compiled model keeps between scoreColumns calls', () => {
  it('gives every call the scores of a freshly compiled model, whatever the calls before it', () => {
    // From 262,144 events scoreColumns runs on WebAssembly; the kept memory grows, is reused
    // smaller, with and without weights, and at other instants.
    const compiled = compileModel(model);
    const calls = [
      { events: 300_000, customers: 1_000, weighted: false, at: 60 * day },
      { events: 300_000, customers: 50_000, weighted: true, at: 45 * day },
      { events: 280_000, customers: 700, weighted: true, at: 61 * day },
      { events: 300_000, customers: 1_000, weighted: false, at: 60 * day },
    ];
    for (const [k, call] of calls.entries()) {
      const columns = columnsOf(call.events, call.customers, k + 1, call.weighted);
      const kept = scoreColumns(compiled, columns, call.at, call.customers);
      // The raw model is compiled anew for this call: nothing kept.
      const fresh = scoreColumns(model, columns, call.at, call.customers);
      expect(kept).toEqual(fresh);
    }
    expect(keptKernels.get(compiled)?.memory).toBeDefined();
  });

  it('is kept per compiled model, and let go of once its memory outgrows 64 MiB', () => {
    const compiled = compileModel(model);
    const other = compileModel(model);
    const columns = columnsOf(300_000, 1_000, 9, false);
    scoreColumns(compiled, columns, 60 * day, 1_000);
    const cache = keptKernels.get(compiled);
    expect(cache?.memory).toBeDefined();
    scoreColumns(compiled, columns, 60 * day, 1_000);
    expect(keptKernels.get(compiled)).toBe(cache);
    expect(keptKernels.get(other)).toBeUndefined();
    // 4.2M customers need more than 64 MiB of accumulators: that call's memory is not kept (it
    // cannot shrink), and the next call starts afresh.
    const many = 4_200_000;
    const big = scoreColumns(compiled, columns, 60 * day, many);
    expect(keptKernels.get(compiled)).toBeUndefined();
    expect(big.subarray(0, 1_000)).toEqual(scoreColumns(model, columns, 60 * day, 1_000));
    expect(KEPT_KERNEL_BYTES).toBeLessThan(16 * many);
  });
});

describe('the sums a prepared index keeps between scorePrepared calls', () => {
  it('gives every re-score the scores of a fresh index, at any instant, in any order', () => {
    const columns = columnsOf(20_000, 3_000, 7, true);
    const prepared = prepareColumns(model, columns, 3_000);
    for (const at of [60 * day, 10 * day, 90 * day, 60 * day, 0]) {
      expect(scorePrepared(prepared, at)).toEqual(
        scorePrepared(prepareColumns(model, columns, 3_000), at),
      );
    }
  });
});
