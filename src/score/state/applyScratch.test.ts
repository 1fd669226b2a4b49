import { describe, expect, it } from 'vitest';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { applyColumns } from './applyColumns.js';
import { applyColumnsInChunks } from './applyColumnsInChunks.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { serializeState } from './serializeState.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    visit: { boost: 2, decay: exponential({ days: 7 }) },
    click: { boost: 5, decay: linear({ days: 14 }) },
    signup: { boost: 20, decay: permanent() },
  },
});

describe("applyColumns' scratch arrays, kept in the state between batches", () => {
  it('are reused by a feed of small batches (each with its own ids), weighted or not, chunked or not, and the state is the one applyEvent builds', () => {
    const customers = 20_000;
    const first = {
      customer: Uint32Array.from({ length: customers }, (_, c) => c),
      behaviour: Uint8Array.from({ length: customers }, (_, c) => c % 3),
      at: Float64Array.from({ length: customers }, (_, c) => c * 1000),
    };
    const ids = Array.from({ length: customers }, (_, c) => `c${c}`);
    const state = createScoreState(model);
    const reference = createScoreState(model);
    applyColumns(state, first, ids);
    for (let c = 0; c < customers; c++) {
      applyEvent(reference, {
        customerId: ids[c]!,
        behaviour: model.behaviourIds[c % 3]!,
        at: c * 1000,
      });
    }
    let kept = 0;
    let time = customers * 1000;
    for (let batch = 0; batch < 12; batch++) {
      // Batches of 50 to 600 events over a batch's own customer indexes: customers repeat
      // within a batch and across batches, a few are new.
      const size = 50 + ((batch * 97) % 551);
      const batchIds: string[] = [];
      const local = new Map<string, number>();
      const customer = new Uint32Array(size);
      const behaviour = new Uint8Array(size);
      const at = new Float64Array(size);
      const weight = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const id = `c${(batch * 7919 + i * 131 + (i % 5 === 0 ? 0 : batch)) % (customers + 40)}`;
        if (!local.has(id)) {
          local.set(id, batchIds.length);
          batchIds.push(id);
        }
        customer[i] = local.get(id)!;
        behaviour[i] = (i * 7 + batch) % 3;
        time += (i * 13) % 3 === 0 ? 0 : 3_600_000;
        at[i] = time - ((i * 37) % 5) * day;
        weight[i] = 1 + (i % 4);
      }
      const weighted = batch % 3 === 1;
      const columns = { customer, behaviour, at, ...(weighted ? { weight } : {}) };
      if (batch % 4 === 2) applyColumnsInChunks(state, columns, batchIds, 64);
      else applyColumns(state, columns, batchIds);
      if (state.scratch !== undefined) kept++;
      for (let i = 0; i < size; i++) {
        applyEvent(reference, {
          customerId: batchIds[customer[i]!]!,
          behaviour: model.behaviourIds[behaviour[i]!]!,
          at: at[i]!,
          ...(weighted ? { weight: weight[i]! } : {}),
        });
      }
    }
    expect(serializeState(state)).toBe(serializeState(reference));
    // The scratch of these batches is small beside 20,000 records: kept after every batch.
    expect(kept).toBe(12);
  });

  it('are not kept after a batch whose scratch is large beside the records', () => {
    const state = createScoreState(model);
    const count = 5000;
    applyColumns(
      state,
      {
        customer: Uint32Array.from({ length: count }, (_, i) => i % 3),
        behaviour: new Uint8Array(count),
        at: Float64Array.from({ length: count }, (_, i) => i),
      },
      ['a', 'b', 'c'],
    );
    expect(state.scratch).toBeUndefined();
    expect(serializeState(state)).toContain('"a"');
  });
});
