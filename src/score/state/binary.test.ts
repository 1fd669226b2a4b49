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
    version[4] = 3;
    expect(thrown(() => parseStateBinary(model, version)).message).toMatch(
      /version must be 1 or 2 .*got 3/,
    );
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
    // Version 2: the ids, padding to 4, their 3 + 1 starts, padding to 8.
    const records = Math.ceil((Math.ceil((40 + header + ids) / 4) * 4 + 4 * 4) / 8) * 8;
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

  it('read version 1 checkpoints (ids as a JSON array), as written before version 2', () => {
    // serializeStateBinary of engagekit before version 2, on sample() plus 'zoë 🙂' visiting on day 9.
    const v1 = Uint8Array.from(atob(V1_SAMPLE), (char) => char.charCodeAt(0));
    expect(new DataView(v1.buffer).getUint32(4, true)).toBe(1);
    const state = sample();
    applyEvent(state, { customerId: 'zoë 🙂', behaviour: 'visit', at: 9 * day });
    const copy = parseStateBinary(model, v1);
    expect(scoreState(copy, 12 * day)).toEqual(scoreState(state, 12 * day));
    expect(copy.positions.get('')).toBe('5-1');
    // Written again, it is version 2, and the same bytes as the state that saw the same events.
    const again = serializeStateBinary(copy);
    expect(new DataView(again.buffer).getUint32(4, true)).toBe(2);
    expect(again).toEqual(serializeStateBinary(state));
  });

  it('keep every id as it was: UTF-8 beyond ASCII, surrogate pairs, lone surrogates, the empty id', () => {
    const ids = [
      '',
      'ada',
      'zoë',
      '日本',
      '🙂',
      'a\uD800',
      '\uDC00b',
      '\uD800',
      '\uDC00',
      '__proto__',
    ];
    const state = createScoreState(model);
    for (const [i, customerId] of ids.entries()) {
      applyEvent(state, { customerId, behaviour: 'visit', at: i * day });
    }
    const copy = parseStateBinary(model, serializeStateBinary(state));
    expect(Object.keys(scoreState(copy, 20 * day)).sort()).toEqual([...ids].sort());
    expect(scoreState(copy, 20 * day)).toEqual(scoreState(state, 20 * day));
    // Looked up before any id is made a string again (compared as bytes), then after.
    const fresh = parseStateBinary(model, serializeStateBinary(state));
    for (const id of ids) applyEvent(fresh, { customerId: id, behaviour: 'visit', at: 20 * day });
    expect(Object.keys(scoreState(fresh, 20 * day))).toHaveLength(ids.length);
    expect(serializeStateBinary(fresh)).toEqual(
      serializeStateBinary(
        ids.reduce(
          (s, customerId) => applyEvent(s, { customerId, behaviour: 'visit', at: 20 * day }),
          parseStateBinary(model, serializeStateBinary(state)),
        ),
      ),
    );
  });

  it('refuse ids that repeat, that are not UTF-8, or whose starts go back, naming the customer', () => {
    const state = createScoreState(model);
    for (const customerId of ['ab', 'cd', 'é']) {
      applyEvent(state, { customerId, behaviour: 'visit', at: 0 });
    }
    const bytes = serializeStateBinary(state);
    const view = new DataView(bytes.buffer);
    const idsAt = 40 + view.getUint32(8, true);
    const startsAt = Math.ceil((idsAt + view.getUint32(12, true)) / 4) * 4;
    const repeat = bytes.slice();
    repeat.set([0x61, 0x62], idsAt + 2); // 'cd' becomes 'ab'
    const repeated = thrown(() => parseStateBinary(model, repeat));
    expect(repeated.path).toEqual(['bytes', 'customerIds', 1]);
    expect(repeated.message).toMatch(/repeats the id of an earlier customer \("ab"\)/);
    const broken = bytes.slice();
    broken[idsAt + 5] = 0x41; // the second byte of 'é' (0xc3 0xa9)
    expect(thrown(() => parseStateBinary(model, broken)).path).toEqual(['bytes', 'customerIds', 2]);
    const back = bytes.slice();
    new DataView(back.buffer).setUint32(startsAt + 4, 5, true); // 'ab' would end after 'cd'
    const error = thrown(() => parseStateBinary(model, back));
    expect(error.path).toEqual(['bytes', 'customerStarts']);
    expect(error.message).toMatch(
      /^parseStateBinary: must be where each of the 3 customer ids starts/,
    );
  });

  it('with { copy: false }, keep the records and ids in the bytes given, and score and write the same', () => {
    const state = sample();
    const bytes = serializeStateBinary(state);
    const given = bytes.slice();
    const copy = parseStateBinary(model, given, { copy: false });
    expect(copy.data.buffer).toBe(given.buffer); // a view, no copy
    expect(serializeStateBinary(copy)).toEqual(bytes);
    expect(scoreState(copy, 12 * day)).toEqual(scoreState(sample(), 12 * day));
    // The state writes in place: the bytes given change, the copied state's do not.
    applyEvent(copy, { customerId: 'bob', behaviour: 'visit', at: 12 * day });
    expect(given).not.toEqual(bytes);
    expect(parseStateBinary(model, bytes).data.buffer).not.toBe(bytes.buffer);
    // At an offset a Float64Array cannot start at, the records are copied instead.
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const moved = parseStateBinary(model, shifted, { copy: false });
    expect(moved.data.buffer).not.toBe(shifted.buffer);
    expect(serializeStateBinary(moved)).toEqual(bytes);
    // Several windows: each record marks its block in the pool once parsed, and a checkpoint
    // refused in place (its last number made NaN: a held event's worth) is left as it was given.
    const windowed = sample();
    for (const id of ['bob', 'eve', 'zed']) {
      applyEvent(windowed, { customerId: id, behaviour: 'click', at: 8 * day });
      applyEvent(windowed, { customerId: id, behaviour: 'click', at: 9 * day });
    }
    const many = serializeStateBinary(windowed);
    const inPlace = parseStateBinary(model, many.slice(), { copy: false });
    expect(inPlace.windows.size).toBe(4);
    expect(serializeStateBinary(inPlace)).toEqual(many);
    expect(scoreState(inPlace, 12 * day)).toEqual(scoreState(windowed, 12 * day));
    const refused = many.slice();
    new DataView(refused.buffer).setFloat64(refused.length - 8, Number.NaN, true);
    const before = refused.slice();
    expect(thrown(() => parseStateBinary(model, refused, { copy: false })).code).toBe(
      'INVALID_STATE',
    );
    expect(refused).toEqual(before);
    for (const options of [null, 'no', { copy: 'no' }]) {
      const error = thrown(() => parseStateBinary(model, bytes, options as never));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toMatch(
        /^parseStateBinary: options must be an object \{ copy\?: boolean \}/,
      );
    }
  });
});

const V1_SAMPLE =
  'RUtTVAEAAACBAAAAHwAAAAQAAAAFAAAAAQAAAAQAAAABAAAAAAAAAHsiZmluZ2VycHJpbnQiOiI5MDRjNTBlYTRhYmQ5OGVjIiwiYmVoYXZpb3VycyI6MiwibGF0ZXN0Ijo3Nzc2MDAwMDAsImhvcml6b24iOjg2NDAwMDAwMCwibWF4SGVsZCI6MTAwMDAwMCwicG9zaXRpb25zIjp7IiI6IjUtMSJ9fVsiYWRhIiwiYm9iIiwiZXZlIiwiem/DqyDwn5mCIl0AAAAAAAD4fwAAAAAAAPA/AAAAAAAA8P8AAAAAAAAAAAAAAAAAAAAAAAAAAAAA+H8AAAAAAAAAAAAAAACeLMdBAAAAAAAAMEAAAAAAAAAAAAAAAAAAAPh/AAAAAAAAAAAAAAAAAADw/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAD4fwAAAAAAAAAAAAAAAJ4sx0EAAAAAAAAgQAAAAAAAAAAAAAAAAAQAAAAAAAAAcJnEQQAAAAAAACRAAAAAAJ4sx0EAAAAAAAAkQAIAAAABAAAAAAAAACjmzkEAAAAAAAAgQA==';
