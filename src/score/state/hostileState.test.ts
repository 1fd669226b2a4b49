import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/thrown.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { scoreColumns } from '../scoreColumns.js';
import { applyColumns } from './applyColumns.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { parseState } from './parseState.js';
import { scoreState } from './scoreState.js';
import { serializeState } from './serializeState.js';

describe('the incremental state under hostile input (issue 21)', () => {
  it('keeps 80,000 live events of one customer, arriving out of order, and scores them as scoreColumns does', () => {
    // Before the windows kept an out-of-order tail, each insert copied the window (80k: 182 s).
    const model = defineModel({
      behaviours: { click: { boost: 1, decay: linear({ days: 365 }) } },
    });
    const n = 80_000;
    const at = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) * 1000);
    const columns = { customer: new Uint32Array(n), behaviour: new Uint8Array(n), at };
    const byEvent = createScoreState(model);
    for (let i = 0; i < n; i++)
      applyEvent(byEvent, { customerId: 'a', behaviour: 'click', at: at[i]! });
    const byColumns = applyColumns(createScoreState(model), columns, ['a']);
    const expected = scoreColumns(model, columns, n * 1000, 1)[0]!;
    expect(scoreState(byEvent, n * 1000).a).toBeCloseTo(expected, 6);
    // Scoring sets the horizon (part of the state): both are scored before they are compared.
    expect(scoreState(byColumns, n * 1000).a).toBeCloseTo(expected, 6);
    expect(serializeState(byColumns)).toBe(serializeState(byEvent));
    const window = JSON.parse(serializeState(byEvent)).customers.a.windows[0] as number[];
    for (let i = 2; i < window.length; i += 2)
      expect(window[i]).toBeGreaterThanOrEqual(window[i - 2]!);
    expect(window.length).toBe(2 * n);
  });

  it('scores an exponential behaviour of half-life 1e-310 ms as 2^0 = 1 at its event time, not NaN', () => {
    // 2^(-0 / 1e-310) = 1 (R: 2^(-0/1e-310)); the rate ln 2 / 1e-310 is Infinity and Infinity * 0 was NaN.
    const model = defineModel({ behaviours: { tick: { boost: 5, decay: exponential(1e-310) } } });
    const state = applyEvent(createScoreState(model), {
      customerId: 'a',
      behaviour: 'tick',
      at: 10,
    });
    expect(scoreState(state, 10)).toEqual({ a: 5 });
    expect(scoreState(state, 11)).toEqual({ a: 0 });
  });

  it('refuses instants beyond the range of a Date in applyEvent, as scoreAt does', () => {
    const model = defineModel({ behaviours: { click: { boost: 1, decay: linear({ days: 1 }) } } });
    const state = createScoreState(model);
    const error = thrown(() =>
      applyEvent(state, { behaviour: 'click', at: -1e308, weight: Number.NaN }),
    );
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['event', 'at'],
      ['event', 'weight'],
    ]);
    expect(error.message).toMatch(/^applyEvent: event.at must be .*8.64e15/);
    expect(state.customers.size).toBe(0);
    expect(() => applyEvent(state, { behaviour: 'click', at: 8.64e15 })).not.toThrow();
  });

  it('counts a null weight as 1, as SQL and the events readers do', () => {
    const model = defineModel({ behaviours: { click: { boost: 7, decay: linear({ days: 1 }) } } });
    const state = applyEvent(createScoreState(model), {
      behaviour: 'click',
      at: 0,
      weight: null as unknown as number,
    });
    expect(scoreState(state, 0)).toEqual({ '': 7 });
  });

  it.each([
    ['null', null],
    ['a plain object', { data: [] }],
    ['an array', []],
  ])('answers %s given as the state with INVALID_STATE, not a TypeError', (_, value) => {
    const bad = value as never;
    for (const run of [
      () => applyEvent(bad, { behaviour: 'x', at: 0 }),
      () =>
        applyColumns(
          bad,
          { customer: new Uint32Array(0), behaviour: new Uint8Array(0), at: new Float64Array(0) },
          [],
        ),
      () => scoreState(bad, 0),
      () => serializeState(bad),
    ]) {
      const error = thrown(run);
      expect(error.code).toBe('INVALID_STATE');
      expect(error.path).toEqual(['state']);
    }
  });

  it('reports an overflowing score as OVERFLOW, never NaN', () => {
    const model = defineModel({
      behaviours: { buy: { boost: 1e308, decay: linear({ days: 1 }) } },
    });
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'a', behaviour: 'buy', at: 0 });
    applyEvent(state, { customerId: 'a', behaviour: 'buy', at: 0 });
    const error = thrown(() => scoreState(state, 0));
    expect(error.code).toBe('OVERFLOW');
    expect(error.path).toEqual(['state', 'customers', 'a']);
  });
});

describe('parseState under hostile input (issue 21)', () => {
  const model = defineModel({
    behaviours: {
      click: { boost: 25, decay: linear({ days: 14 }) },
      visit: { boost: 8, decay: exponential({ days: 7 }) },
    },
  });
  const text = serializeState(
    applyEvent(
      applyEvent(createScoreState(model), { customerId: 'a', behaviour: 'visit', at: 100 }),
      {
        customerId: 'b',
        behaviour: 'click',
        at: 50,
      },
    ),
  );

  it('reads back what serializeState wrote', () => {
    expect(serializeState(parseState(model, text))).toBe(text);
  });

  it('refuses latest 1e300 and an anchor after latest, reporting both', () => {
    const value = JSON.parse(text);
    value.latest = 1e300;
    value.customers.a.totals[3] = 1e300;
    const error = thrown(() => parseState(model, value));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['latest'],
      ['customers', 'a', 'totals', 3],
    ]);
    const after = JSON.parse(text);
    after.customers.a.totals[3] = 101;
    expect(thrown(() => parseState(model, after)).path).toEqual(['customers', 'a', 'totals', 3]);
  });

  it('refuses a 10,000-deep array with an EngagekitError, not a RangeError', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    for (const field of ['decays', 'customers', 'positions'] as const) {
      const value = JSON.parse(text);
      if (field === 'customers') value.customers.a.windows[0] = deep;
      else value[field] = deep;
      expect(thrown(() => parseState(model, value)).code).toBe('INVALID_STATE');
    }
    const nested = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(
      thrown(() => parseState(model, text.replace('"windows":[null,', `"windows":[${nested},`)))
        .code,
    ).toBe('INVALID_STATE');
  });

  it('refuses a customer key written twice instead of keeping the last one', () => {
    const twice = text.replace(
      '"customers":{',
      '"customers":{"a":{"totals":[null,0,0,null,0,0],"windows":[null,null]},',
    );
    const error = thrown(() => parseState(model, twice));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.path).toEqual(['customers']);
  });

  it('refuses a state of another model by its fingerprint', () => {
    const value = JSON.parse(text);
    value.fingerprint = '0000000000000000';
    expect(thrown(() => parseState(model, value)).path).toEqual(['behaviourIds']);
  });
});
