import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/thrown.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { advanceState } from './advanceState.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { heldEvents } from './heldEvents.js';
import { parseStateBinary } from './parseStateBinary.js';
import { scoreState } from './scoreState.js';
import { serializeStateBinary } from './serializeStateBinary.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    click: { boost: 10, decay: linear({ days: 10 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }) },
  },
});

function sample() {
  const state = advanceState(createScoreState(model), 10 * day);
  applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 8 * day }, { position: '5-1' });
  applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 9 * day });
  applyEvent(state, { customerId: 'bob', behaviour: 'visit', at: 9 * day, weight: 2 });
  applyEvent(state, { customerId: 'eve', behaviour: 'visit', at: 12 * day });
  return state;
}

describe('binary checkpoints', () => {
  it('keep the positions, the horizon and the held events', () => {
    const copy = parseStateBinary(model, serializeStateBinary(sample()));
    expect(copy.positions.get('')).toBe('5-1');
    expect(heldEvents(copy)).toMatchObject({ count: 1, earliest: 12 * day, horizon: 10 * day });
    expect(scoreState(copy, 12 * day)).toEqual(scoreState(sample(), 12 * day));
  });

  it('refuse a header whose counts ask for more than the bytes hold, before allocating anything', () => {
    const bytes = serializeStateBinary(sample()).slice();
    // 4 billion customers and windows: the length check fails first, in constant time.
    new DataView(bytes.buffer).setUint32(16, 0xffffffff, true);
    new DataView(bytes.buffer).setUint32(24, 0xffffffff, true);
    const error = thrown(() => parseStateBinary(model, bytes));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toMatch(/the header's counts make \d+ bytes, but \d+ were given/);
    expect(error.path).toEqual(['bytes']);
  });

  it('refuse another model, another version, truncated bytes and what is not a checkpoint', () => {
    const bytes = serializeStateBinary(sample());
    const other = defineModel({
      behaviours: {
        click: { boost: 10, decay: linear({ days: 10 }) },
        visit: { boost: 9, decay: exponential({ days: 7 }) },
      },
    });
    expect(thrown(() => parseStateBinary(other, bytes)).path).toEqual([
      'bytes',
      'header',
      'fingerprint',
    ]);
    const version = bytes.slice();
    version[4] = 2;
    expect(thrown(() => parseStateBinary(model, version)).message).toMatch(/version must be 1/);
    expect(thrown(() => parseStateBinary(model, bytes.subarray(0, bytes.length - 8))).code).toBe(
      'INVALID_STATE',
    );
    expect(thrown(() => parseStateBinary(model, new Uint8Array(64))).message).toMatch(
      /no EKST header/,
    );
    expect(thrown(() => parseStateBinary(model, 'text' as never)).code).toBe('INVALID_STATE');
  });

  it('report every bad number at once, with the customer and behaviour', () => {
    const bytes = serializeStateBinary(sample()).slice();
    const view = new DataView(bytes.buffer);
    const ids = view.getUint32(12, true);
    const header = view.getUint32(8, true);
    const records = Math.ceil((40 + header + ids) / 8) * 8;
    // ada's click window mark, then bob's visit anchor after latest.
    view.setFloat64(records + 8, 2, true);
    view.setFloat64(records + 5 * 8 + 2 * 8, 1e15, true); // records of 5 numbers: click 2, visit 3
    const error = thrown(() => parseStateBinary(model, bytes));
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'bytes.customers.ada.click',
      'bytes.customers.bob.visit',
      'bytes.windows.0', // ada's window, no longer marked in her record
    ]);
  });
});
