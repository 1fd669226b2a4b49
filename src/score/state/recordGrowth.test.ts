import { describe, expect, it } from 'vitest';
import { close } from '../../../test/columnArbitraries.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { scoreColumns } from '../scoreColumns.js';
import { applyColumns } from './applyColumns.js';
import { createScoreState } from './createScoreState.js';
import { parseStateBinary } from './parseStateBinary.js';
import { scoreState } from './scoreState.js';
import { serializeStateBinary } from './serializeStateBinary.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    visit: { boost: 2, decay: exponential({ days: 7 }) },
    click: { boost: 5, decay: linear({ days: 14 }) },
    signup: { boost: 20, decay: permanent() },
  },
});

/** `count` events over `customers` customers, in time order, from a fixed generator. */
function feed(count: number, customers: number) {
  const customer = new Uint32Array(count);
  const behaviour = new Uint8Array(count);
  const at = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    customer[i] = (i * 7919) % customers;
    behaviour[i] = (i * 31) % 3;
    at[i] = Math.floor((i * day) / 97);
  }
  return { customer, behaviour, at };
}

describe('the records of a large state', () => {
  it('grow in place in a resizable buffer, batch after batch, and score as scoreColumns does', () => {
    const customers = 60_000;
    const all = feed(180_000, customers);
    const ids = Array.from({ length: customers }, (_, c) => `customer-${c}`);
    const state = createScoreState(model);
    const buffers = new Set<ArrayBufferLike>();
    for (let from = 0; from < all.at.length; from += 20_000) {
      const to = from + 20_000;
      applyColumns(
        state,
        {
          customer: all.customer.subarray(from, to),
          behaviour: all.behaviour.subarray(from, to),
          at: all.at.subarray(from, to),
        },
        ids,
      );
      buffers.add(state.data.buffer);
    }
    // Where the platform has resizable buffers (Node 20 does), the records grew without a copy
    // once they passed 1 MiB: few buffers for nine batches.
    if ('resize' in ArrayBuffer.prototype) {
      expect((state.data.buffer as { resizable?: boolean }).resizable).toBe(true);
      expect(buffers.size).toBeLessThanOrEqual(3);
    }
    const at = all.at[all.at.length - 1]! + day;
    const expected = scoreColumns(model, all, at, customers);
    const scores = scoreState(state, at);
    for (let c = 0; c < customers; c += 97) {
      expect(close(scores[ids[c]!]!, expected[c]!), `${c}`).toBe(true);
    }
    // a checkpoint of it parses back to the same scores, and grows again from a plain array
    const again = parseStateBinary(model, serializeStateBinary(state));
    applyColumns(
      again,
      {
        customer: Uint32Array.of(0),
        behaviour: Uint8Array.of(2),
        at: Float64Array.of(at),
      },
      ['newcomer'],
    );
    expect(scoreState(again, at).newcomer).toBe(20);
    expect(scoreState(again, at)[ids[97]!]).toBe(scores[ids[97]!]);
  });
});
