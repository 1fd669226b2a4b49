import { afterEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../scripts/mulberry32.js';
import { ulpDistance } from '../../test/kernelPowers.js';
import { thrown } from '../../test/thrown.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { scoreAt } from './scoreAt.js';
import { scoreColumns } from './scoreColumns.js';
import { applyEvent } from './state/applyEvent.js';
import { createScoreState } from './state/createScoreState.js';

const day = 86_400_000;
const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    visit: { boost: 8, decay: exponential({ days: 7 }), cap: 10 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    signup: { boost: 3, decay: permanent() },
  },
});

describe('scoreColumns', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('adds decayed boosts per customer (hand computation in the comments)', () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 0, 1, 1, 1, 2),
      behaviour: Uint8Array.of(0, 1, 3, 1, 1, 2, 2),
      at: Float64Array.of(0, 0, 0, 0, 0, -23 * day, -30 * day),
    };
    const scores = scoreColumns(model, columns, 7 * day, 3);
    // customer 0: 25 * (1 - 7/14) + 8 * 2^(-1) + 3 = 12.5 + 4 + 3 = 19.5
    expect(scores[0]).toBeCloseTo(19.5, 12);
    // customer 1: two visits 2 * 8 * 0.5 = 8 (under the cap of 10); survey 30 days old: 0
    expect(scores[1]).toBeCloseTo(8, 12);
    // customer 2: survey 37 days old: 0
    expect(scores[2]).toBe(0);
  });

  it('clamps each capped behaviour per customer', () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 0),
      behaviour: Uint8Array.of(1, 1, 1),
      at: Float64Array.of(0, 0, 0),
    };
    // 3 visits at the instant: 24, capped at 10
    expect(Array.from(scoreColumns(model, columns, 0, 1))).toEqual([10]);
  });

  it('skips events after the instant and counts one exactly at it', () => {
    const columns = {
      customer: Uint32Array.of(0, 0),
      behaviour: Uint16Array.of(3, 3),
      at: Float64Array.of(day, day + 1),
    };
    expect(Array.from(scoreColumns(model, columns, day, 1))).toEqual([3]);
  });

  it('computes exponential decay within 2 ulps of 2^(-elapsed / halfLife), 0 far out', () => {
    // The kernel's inline exponential against the definition 2 ** (-n), n half-lives old, into
    // the subnormal range: the exponent is -elapsed / halfLife as in scoreAt, so the error is
    // that of the exponential alone, whatever n (a boost of 8 scales both exactly).
    const decays = defineModel({
      behaviours: { visit: { boost: 8, decay: exponential({ days: 1 }) } },
    });
    const ages = [0, 0.25, 1, 2.5, 10, 37.75, 100, 500.5, 1000, 1020, 1070, 1080, 1e6];
    const columns = {
      customer: Uint32Array.from(ages, (_, c) => c),
      behaviour: new Uint8Array(ages.length),
      at: Float64Array.from(ages, (age) => -age * day),
    };
    const scores = scoreColumns(decays, columns, 0, ages.length);
    ages.forEach((age, c) => {
      expect(ulpDistance(scores[c]!, 8 * 2 ** (-(age * day) / day))).toBeLessThanOrEqual(2);
    });
    expect(scores[0]).toBe(8);
    expect(scores[ages.length - 1]).toBe(0);
  });

  it('scores customers of large accumulators, which the kernel reads ahead, as scoreAt', () => {
    // 300 000 customers: 4.8 MB of accumulators, above the 2 MB from which the kernel first
    // reads each block's accumulators. Customer c has events of every behaviour at 0 and 3 days.
    const customers = 300_000;
    const chosen = [0, 1, 123_456, 299_999];
    const events = chosen.flatMap((c) =>
      [0, 1, 2, 3].flatMap((b) => [0, 3].map((days) => ({ c, b, at: days * day }))),
    );
    const columns = {
      customer: Uint32Array.from(events, (event) => event.c),
      behaviour: Uint8Array.from(events, (event) => event.b),
      at: Float64Array.from(events, (event) => event.at),
    };
    const scores = scoreColumns(model, columns, 10 * day, customers);
    const expected = scoreAt(
      model,
      [0, 3].flatMap((days) =>
        ['emailClick', 'visit', 'survey', 'signup'].map((behaviour) => ({
          behaviour,
          at: days * day,
        })),
      ),
      10 * day,
    );
    for (const c of chosen) expect(scores[c]).toBeCloseTo(expected, 12);
    expect(scores[2]).toBe(0);
    expect(scores.length).toBe(customers);
  });

  it('scores large inputs on WebAssembly bit for bit as the JavaScript kernel does (several chunks, weights, 16-bit behaviours)', () => {
    // 300 000 events: 19 chunks of the WebAssembly kernel; without the WebAssembly global,
    // scoreColumns falls back to the JavaScript kernel.
    const next = mulberry32(11);
    const n = 300_000;
    const customers = 20_000;
    const columns = {
      customer: Uint32Array.from({ length: n }, () => Math.floor(next() * customers)),
      behaviour: Uint16Array.from({ length: n }, () => Math.floor(next() * 4)),
      at: Float64Array.from({ length: n }, () => Math.floor(next() * 200 * day)),
      weight: Float64Array.from({ length: n }, () => Math.floor(next() * 7) - 2),
    };
    const onWasm = scoreColumns(model, columns, 150 * day, customers);
    vi.stubGlobal('WebAssembly', undefined);
    const onJs = scoreColumns(model, columns, 150 * day, customers);
    expect(new BigUint64Array(onWasm.buffer)).toEqual(new BigUint64Array(onJs.buffer));
    // And scoreAt, for a few customers.
    for (const c of [0, 7, 19_999]) {
      const own = Array.from(columns.customer.keys())
        .filter((i) => columns.customer[i] === c)
        .map((i) => ({
          behaviour: model.behaviourIds[columns.behaviour[i]!]!,
          at: columns.at[i]!,
          weight: columns.weight[i]!,
        }));
      expect(onWasm[c]).toBeCloseTo(scoreAt(model, own, 150 * day), 9);
    }
  });

  it('names the first bad entry of a large input, found by the WebAssembly kernel', () => {
    const n = 300_000;
    const columns = {
      customer: new Uint32Array(n),
      behaviour: new Uint8Array(n),
      at: new Float64Array(n),
    };
    columns.at[270_001] = Number.NaN;
    columns.customer[290_000] = 5;
    const error = thrown(() => scoreColumns(model, columns, day, 1));
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'at', 270_001]);
  });

  it('multiplies boosts by the weight column', () => {
    const columns = {
      customer: Uint32Array.of(0, 0),
      behaviour: Uint8Array.of(0, 3),
      at: Float64Array.of(0, 0),
      weight: Float64Array.of(2, -1),
    };
    // 2 * 25 + (-1) * 3 = 47
    expect(Array.from(scoreColumns(model, columns, 0, 1))).toEqual([47]);
  });

  it('gives 0 to customers without events', () => {
    const columns = {
      customer: new Uint32Array(0),
      behaviour: new Uint8Array(0),
      at: new Float64Array(0),
    };
    expect(Array.from(scoreColumns(model, columns, 0, 2))).toEqual([0, 0]);
  });

  it('rejects columns of different lengths with INVALID_COLUMNS naming the column', () => {
    const error = thrown(() =>
      scoreColumns(
        model,
        { customer: Uint32Array.of(0, 0), behaviour: Uint8Array.of(0), at: Float64Array.of(0, 0) },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'behaviour']);
    expect(error.message).toMatch(/^scoreColumns: columns\.behaviour has 1 entries/);
  });

  it('rejects a behaviour index out of range with INVALID_COLUMNS and its index', () => {
    const error = thrown(() =>
      scoreColumns(
        model,
        {
          customer: Uint32Array.of(0, 0),
          behaviour: Uint8Array.of(0, 4),
          at: Float64Array.of(0, 0),
        },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'behaviour', 1]);
    expect(error.message).toContain('columns.behaviour[1] is 4');
  });

  it('rejects a customer index not below customerCount with INVALID_COLUMNS', () => {
    const error = thrown(() =>
      scoreColumns(
        model,
        { customer: Uint32Array.of(3), behaviour: Uint8Array.of(0), at: Float64Array.of(0) },
        0,
        2,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'customer', 0]);
    expect(error.message).toContain('columns.customer[0] is 3');
  });

  it('rejects NaN times and weights with INVALID_COLUMNS', () => {
    const nanTime = thrown(() =>
      scoreColumns(
        model,
        {
          customer: Uint32Array.of(0),
          behaviour: Uint8Array.of(0),
          at: Float64Array.of(Number.NaN),
        },
        0,
        1,
      ),
    );
    expect(nanTime.code).toBe('INVALID_COLUMNS');
    expect(nanTime.path).toEqual(['columns', 'at', 0]);
    expect(nanTime.message).toContain('columns.at[0] must be epoch milliseconds within ±8.64e15');
    const nanWeight = thrown(() =>
      scoreColumns(
        model,
        {
          customer: Uint32Array.of(0),
          behaviour: Uint8Array.of(0),
          at: Float64Array.of(0),
          weight: Float64Array.of(Number.NaN),
        },
        0,
        1,
      ),
    );
    expect(nanWeight.path).toEqual(['columns', 'weight', 0]);
    expect(nanWeight.message).toContain('columns.weight[0]');
  });

  it('rejects plain arrays where typed arrays are expected with INVALID_COLUMNS', () => {
    const error = thrown(() =>
      scoreColumns(
        model,
        {
          customer: [0] as unknown as Uint32Array,
          behaviour: Uint8Array.of(0),
          at: Float64Array.of(0),
        },
        0,
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.message).toContain('columns.customer must be a Uint32Array');
  });

  it('rejects a bad customerCount with INVALID_OPTION and a bad instant with INVALID_INSTANT', () => {
    const columns = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    const count = thrown(() => scoreColumns(model, columns, 0, 1.5));
    expect(count.code).toBe('INVALID_OPTION');
    expect(count.message).toContain('customerCount');
    const instant = thrown(() => scoreColumns(model, columns, Number.NaN, 1));
    expect(instant.code).toBe('INVALID_INSTANT');
    expect(instant.message).toMatch(/^scoreColumns: at/);
  });
});

describe('weights that overflow', () => {
  const model = defineModel({
    behaviours: {
      visit: { boost: 1e300, decay: exponential(1000) },
      click: { boost: 1, decay: exponential(1000) },
    },
  });

  it('rejects a weight whose product with the boost overflows, naming the entry, never NaN', () => {
    const columns = {
      customer: Uint32Array.of(0, 0, 0),
      behaviour: Uint8Array.of(1, 0, 0),
      at: Float64Array.of(0, 0, 0),
      weight: Float64Array.of(1e300, 1, 1e10),
    };
    let caught: unknown;
    try {
      scoreColumns(model, columns, 10, 1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngagekitError);
    expect((caught as EngagekitError).code).toBe('INVALID_COLUMNS');
    expect((caught as EngagekitError).path).toEqual(['columns', 'weight', 2]);
    expect((caught as EngagekitError).message).toMatch(
      /^scoreColumns: columns\.weight\[2\] \(10000000000\) times the boost of "visit" \(1e\+300\) overflows/,
    );
  });

  it('rejects the same event in scoreAt and applyEvent', () => {
    const events = [{ behaviour: 'visit', at: 0, weight: 1e10 }];
    expect(() => scoreAt(model, events, 10)).toThrow(/weight times the boost of "visit"/);
    expect(() => applyEvent(createScoreState(model), events[0]!)).toThrow(
      /event\.weight times the boost of "visit"/,
    );
    expect(scoreAt(model, [{ behaviour: 'click', at: 0, weight: 1e300 }], 0)).toBe(1e300);
  });
});

describe('hostile columns', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const huge = defineModel({
    behaviours: {
      whale: { boost: 1e308, decay: permanent() },
      capped: { boost: 1e308, decay: linear({ days: 1 }), cap: 10 },
      fading: { boost: 1e308, decay: exponential({ days: 1 }) },
    },
  });

  it('throws OVERFLOW for every customer whose score overflows, on the JavaScript kernel (never NaN)', () => {
    const columns = {
      customer: Uint32Array.of(0, 1, 1, 2, 2, 3, 3),
      behaviour: Uint8Array.of(0, 0, 0, 1, 1, 2, 2),
      at: Float64Array.of(0, 0, 0, 0, 0, 0, 0),
    };
    const error = thrown(() => scoreColumns(huge, columns, 0, 4));
    expect(error.code).toBe('OVERFLOW');
    expect(error.path).toEqual(['columns']);
    expect(error.message).toMatch(/^scoreColumns: the score of customer 1 is beyond the range/);
    // customer 2's capped total overflowed too (the cap does not hide it), and customer 3's
    expect(error.issues.map((issue) => issue.message.slice(0, 40))).toEqual([
      'scoreColumns: the score of customer 1 is',
      'scoreColumns: the score of customer 2 is',
      'scoreColumns: the score of customer 3 is',
    ]);
    // a day later the linear ones are gone and the exponential ones halved: finite again
    const fading = { customer: Uint32Array.of(0, 0, 0, 0), behaviour: Uint8Array.of(1, 1, 2, 2) };
    const at = new Float64Array(4);
    expect(Array.from(scoreColumns(huge, { ...fading, at }, day, 1))).toEqual([1e308]);
  });

  it('throws the same OVERFLOW on the WebAssembly kernel, and without it', () => {
    const n = 300_000;
    const columns = {
      customer: Uint32Array.from({ length: n }, (_, i) => (i < 2 ? 7 : i % 5)),
      behaviour: new Uint8Array(n),
      at: new Float64Array(n),
      weight: Float64Array.from({ length: n }, (_, i) => (i < 2 ? 1 : 1e-300)),
    };
    const onWasm = thrown(() => scoreColumns(huge, columns, 0, 8));
    vi.stubGlobal('WebAssembly', undefined);
    const onJs = thrown(() => scoreColumns(huge, columns, 0, 8));
    expect(onWasm.code).toBe('OVERFLOW');
    expect(onWasm.issues).toEqual(onJs.issues);
    expect(onWasm.issues.map((issue) => issue.message)).toEqual([
      'scoreColumns: the score of customer 7 is beyond the range of a number (±1.8e308); scale the boosts or weights down',
    ]);
  });

  it('rejects times beyond the range of a Date, as scoreAt does, on both kernels', () => {
    const small = {
      customer: Uint32Array.of(0, 0),
      behaviour: Uint8Array.of(3, 3),
      at: Float64Array.of(0, -1e308),
    };
    const error = thrown(() => scoreColumns(model, small, 0, 1));
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'at', 1]);
    expect(error.message).toMatch(/within ±8\.64e15/);
    expect(scoreColumns(model, { ...small, at: Float64Array.of(0, -8.64e15) }, 0, 1)[0]).toBe(6);
    const n = 300_000;
    const large = {
      customer: new Uint32Array(n),
      behaviour: new Uint8Array(n),
      at: new Float64Array(n),
    };
    large.at[299_999] = 8.64e15 + 1;
    expect(thrown(() => scoreColumns(model, large, 0, 1)).path).toEqual(['columns', 'at', 299_999]);
    vi.stubGlobal('WebAssembly', undefined);
    expect(thrown(() => scoreColumns(model, large, 0, 1)).path).toEqual(['columns', 'at', 299_999]);
  });

  it('rejects a customerCount whose sums cannot be allocated with INVALID_OPTION, not a RangeError', () => {
    const columns = {
      customer: Uint32Array.of(0),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(0),
    };
    const error = thrown(() => scoreColumns(model, columns, 0, 2 ** 32 - 1));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['customerCount']);
    expect(error.message).toMatch(/^scoreColumns: customerCount 4294967295 needs .* GiB/);
  });
});
