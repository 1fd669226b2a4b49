import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/thrown.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { step } from '../../model/step.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';
import { customerIds } from './_lib/customerIndex.js';
import { applyColumns } from './applyColumns.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { scoreState } from './scoreState.js';
import { serializeState } from './serializeState.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    click: { boost: 25, decay: linear({ days: 14 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }), cap: 20 },
    signup: { boost: 3, decay: permanent() },
  },
});

describe('applyColumns', () => {
  it('scores a batch (hand computation in the comments)', () => {
    const state = createScoreState(model);
    applyColumns(
      state,
      {
        customer: Uint32Array.of(0, 0, 0, 0, 1),
        behaviour: Uint8Array.of(2, 0, 1, 1, 1),
        at: Float64Array.of(0, 7 * day, 14 * day, 7 * day, 0),
        weight: Float64Array.of(1, 1, 1, 3, 2),
      },
      ['ada', 'bob', 'cy'],
    );
    // ada at 14 days: signup 3 + click 25 * (1 - 7/14) = 12.5 + visits 8 + 24 * 2^-1 = 20 (cap 20)
    // bob: 2 * 8 * 2^-2 = 4; cy has no event and is not added
    const scores = scoreState(state, 14 * day);
    expect(Object.keys(scores)).toEqual(['ada', 'bob']);
    expect(scores.ada).toBeCloseTo(35.5, 12);
    expect(scores.bob).toBeCloseTo(4, 12);
  });

  it('adds to customers already in the state, batch after batch', () => {
    const state = createScoreState(model);
    const batch = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(2),
      at: Float64Array.of(0),
    };
    applyColumns(state, batch, ['ada']);
    applyColumns(state, batch, ['ada']);
    expect(scoreState(state, day)).toEqual({ ada: 6 });
  });

  it("never stores an event already expired at the batch's newest time", () => {
    const state = createScoreState(model);
    // ada clicks on days 0 and 10, then bob visits on day 20
    applyColumns(
      state,
      {
        customer: Uint32Array.of(0, 0, 1),
        behaviour: Uint8Array.of(0, 0, 1),
        at: Float64Array.of(0, 10 * day, 20 * day),
      },
      ['ada', 'bob'],
    );
    // the day-0 click is 20 days old at day 20, past its 14 days: it is dropped before ada's
    // clicks are applied, so her day-10 click sits inline and no window is kept
    expect(state.windows.size).toBe(0);
    expect(state.latest).toBe(20 * day);
    // hand computation at day 20: ada 25 * (1 - 10/14) = 7.142857..., bob 8
    const scores = scoreState(state, 20 * day);
    expect(scores.ada).toBeCloseTo((25 * 4) / 14, 12);
    expect(scores.bob).toBe(8);
  });

  it('rejects bad columns with INVALID_COLUMNS and changes nothing', () => {
    const state = createScoreState(model);
    const cases: [EventColumnsInput, (string | number)[]][] = [
      [
        {
          customer: Uint32Array.of(0, 2),
          behaviour: Uint8Array.of(0, 0),
          at: Float64Array.of(0, 0),
        },
        ['columns', 'customer', 1],
      ],
      [
        { customer: Uint32Array.of(0), behaviour: Uint8Array.of(3), at: Float64Array.of(0) },
        ['columns', 'behaviour', 0],
      ],
      [
        {
          customer: Uint32Array.of(0, 0),
          behaviour: Uint8Array.of(0, 0),
          at: Float64Array.of(0, Number.NaN),
        },
        ['columns', 'at', 1],
      ],
      [
        { customer: Uint32Array.of(0), behaviour: Uint8Array.of(0, 0), at: Float64Array.of(0) },
        ['columns', 'behaviour'],
      ],
    ];
    for (const [columns, path] of cases) {
      const error = thrown(() => applyColumns(state, columns, ['ada', 'bob']));
      expect(error.code).toBe('INVALID_COLUMNS');
      expect(error.path).toEqual(path);
      expect(error.message).toMatch(new RegExp(`^applyColumns: columns\\.${path[1]}`));
    }
    expect(customerIds(state.customers)).toEqual([]);
    expect(state.latest).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rejects customerIds that are not an array of strings with INVALID_OPTION', () => {
    const state = createScoreState(model);
    const columns = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    const notArray = thrown(() => applyColumns(state, columns, 'ada' as unknown as string[]));
    expect(notArray.code).toBe('INVALID_OPTION');
    expect(notArray.path).toEqual(['customerIds']);
    expect(notArray.message).toMatch(/^applyColumns: customerIds must be an array/);
    const used = {
      ...columns,
      customer: Uint32Array.of(0, 1),
      behaviour: Uint8Array.of(0, 0),
      at: Float64Array.of(0, 1),
    };
    const notString = thrown(() => applyColumns(state, used, ['ada', {}] as unknown as string[]));
    expect(notString.code).toBe('INVALID_OPTION');
    expect(notString.path).toEqual(['customerIds', 1]);
    expect(notString.message).toMatch(
      /^applyColumns: customerIds\[1\] must be a string, a finite number or a bigint/,
    );
    // A rejected batch changes nothing.
    expect(serializeState(state)).toBe(serializeState(createScoreState(model)));
  });

  it('reads only the ids its events use: a large id list costs nothing per unused entry', () => {
    const state = createScoreState(model);
    const ids = ['ada', 7, 'bob'] as unknown as string[];
    const columns = {
      customer: Uint32Array.of(2, 0),
      behaviour: Uint8Array.of(0, 0),
      at: Float64Array.of(0, 0),
    };
    applyColumns(state, columns, ids);
    expect(customerIds(state.customers)).toEqual(['bob', 'ada']);
  });

  it('keys the numbers and bigints its events use as String writes them, checked as they are hashed', () => {
    const state = createScoreState(model);
    const columns = {
      customer: Uint32Array.of(1, 0, 2),
      behaviour: Uint8Array.of(0, 0, 0),
      at: Float64Array.of(0, 0, 0),
    };
    applyColumns(state, columns, ['ada', 7, 8n] as unknown as string[]);
    // '7' (a string) is the customer 7 (a number) was: one customer, two events
    applyColumns(
      state,
      {
        ...columns,
        customer: Uint32Array.of(0),
        behaviour: Uint8Array.of(0),
        at: Float64Array.of(0),
      },
      ['7'],
    );
    expect(customerIds(state.customers)).toEqual(['7', 'ada', '8']);
    expect(scoreState(state, 0)).toEqual({ '7': 50, ada: 25, '8': 25 });
    // a bad id beside numbers is still named, and the batch changes nothing
    const before = serializeState(state);
    const bad = thrown(() =>
      applyColumns(state, columns, [9, Number.NaN, 'bob'] as unknown as string[]),
    );
    expect(bad.code).toBe('INVALID_OPTION');
    expect(bad.path).toEqual(['customerIds', 1]);
    expect(bad.message).toMatch(/^applyColumns: customerIds\[1\] must be a string/);
    expect(serializeState(state)).toBe(before);
  });

  it('sweeps the expired windows of quiet customers, changing no score and no JSON', () => {
    const surveyModel = defineModel({
      behaviours: { survey: { boost: 15, decay: step({ days: 10 }) } },
    });
    const ids = Array.from({ length: 300 }, (_, c) => `c${c}`);
    // customers 0..149 answer on days 0 and 1, customers 150..299 on days 20 and 21: each keeps
    // a window of 2 events, and by day 20 the first 150 windows have expired (10-day step).
    const customer: number[] = [];
    const at: number[] = [];
    for (let c = 0; c < 300; c++) {
      const first = c < 150 ? 0 : 20 * day;
      customer.push(c, c);
      at.push(first, first + day);
    }
    const columns = {
      customer: Uint32Array.from(customer),
      behaviour: new Uint8Array(600),
      at: Float64Array.from(at),
    };
    const batched = applyColumns(createScoreState(surveyModel), columns, ids);
    const single = createScoreState(surveyModel);
    customer.forEach((c, i) => {
      applyEvent(single, { customerId: ids[c]!, behaviour: 'survey', at: at[i]! });
    });
    // a sweep ran (once more than 64 windows were kept) and dropped the 150 expired windows
    expect(batched.windows.size).toBe(150);
    expect(single.windows.size).toBeLessThan(300);
    expect(serializeState(batched)).toBe(serializeState(single));
    const scores = scoreState(batched, 21 * day);
    // hand computation: a 10-day step is worth 15 until 10 days old, 0 from then on
    expect(scores.c0).toBe(0);
    expect(scores.c299).toBe(30);
  });
});
