import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { step } from '../model/step.js';
import { prepareColumns } from './prepareColumns.js';
import { scoreAt } from './scoreAt.js';
import { scorePrepared } from './scorePrepared.js';

const day = 86_400_000;
const hour = 3_600_000;

/** mulberry32: a small seeded generator, so the adversarial data is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('prepareColumns and scorePrepared', () => {
  it('re-scores at several instants (hand computation in the comments)', () => {
    const model = defineModel({
      behaviours: {
        click: { boost: 20, decay: linear({ days: 10 }, { grace: { days: 2 } }) },
        survey: { boost: 15, decay: step({ days: 30 }) },
      },
    });
    const prepared = prepareColumns(
      model,
      {
        customer: Uint32Array.of(0, 0, 0),
        behaviour: Uint8Array.of(0, 1, 0),
        at: Float64Array.of(0, 0, 4 * day),
      },
      1,
    );
    // at 2 days: click 0 still in grace (20) + survey 15; the click at 4 days has not happened
    expect(Array.from(scorePrepared(prepared, 2 * day))).toEqual([35]);
    // at 6 days: click 0 is 6 days old: 20 * (10 - 6) / (10 - 2) = 10; click at 4 days: 20; survey 15
    expect(Array.from(scorePrepared(prepared, 6 * day))).toEqual([45]);
    // at 30 days: the survey has expired (30 days is not < 30), the clicks too
    expect(Array.from(scorePrepared(prepared, 30 * day))).toEqual([0]);
  });

  it('stays within 1e-6 of scoreAt on adversarial data: times near 2e12 ms, 20 000 events', () => {
    const model = defineModel({
      behaviours: {
        ramp: { boost: 50, decay: linear(7 * day) },
        fast: { boost: 40, decay: exponential(hour, { cutoff: 2 * day }) },
        slow: { boost: -30, decay: exponential(day) },
        window: { boost: 25, decay: step(3 * day) },
      },
    });
    const next = random(20_260_101);
    const count = 20_000;
    const start = 2e12;
    const behaviour = Uint8Array.from({ length: count }, () => Math.floor(next() * 4));
    const at = Float64Array.from({ length: count }, () => start + Math.floor(next() * 60 * day));
    const weight = Float64Array.from({ length: count }, () => Math.round((next() * 2 - 1) * 1e3));
    const prepared = prepareColumns(
      model,
      { customer: new Uint32Array(count), behaviour, at, weight },
      1,
    );
    const events = Array.from({ length: count }, (_, i) => ({
      behaviour: model.behaviourIds[behaviour[i]!]!,
      at: at[i]!,
      weight: weight[i]!,
    }));
    for (const offset of [0, 10 * day + 1234, 30 * day, 59 * day + 7, 61 * day, 80 * day]) {
      const expected = scoreAt(model, events, start + offset);
      const actual = scorePrepared(prepared, start + offset)[0]!;
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('rejects bad columns with INVALID_COLUMNS naming the column', () => {
    const model = defineModel({ behaviours: { click: { boost: 1, decay: step(10) } } });
    const error = thrown(() =>
      prepareColumns(
        model,
        { customer: Uint32Array.of(0), behaviour: Uint8Array.of(1), at: Float64Array.of(0) },
        1,
      ),
    );
    expect(error.code).toBe('INVALID_COLUMNS');
    expect(error.path).toEqual(['columns', 'behaviour', 0]);
    expect(error.message).toMatch(/^prepareColumns: columns\.behaviour\[0\]/);
  });

  it('rejects something that is not a prepared index with INVALID_OPTION', () => {
    const error = thrown(() =>
      scorePrepared({} as unknown as Parameters<typeof scorePrepared>[0], 0),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['prepared']);
    expect(error.message).toMatch(/^scorePrepared: prepared must be/);
  });

  describe('hostile input', () => {
    const huge = defineModel({
      behaviours: {
        whale: { boost: 1e308, decay: exponential({ days: 1 }) },
        capped: { boost: 1e308, decay: step({ days: 1 }), cap: 10 },
      },
    });

    it('throws OVERFLOW for scores beyond a number, before and at the newest event, never NaN', () => {
      const prepared = prepareColumns(
        huge,
        {
          customer: Uint32Array.of(0, 1, 1, 1, 2, 2),
          behaviour: Uint8Array.of(0, 0, 0, 0, 1, 1),
          at: Float64Array.of(0, 0, 0, day, 0, 0),
        },
        3,
      );
      // at 0: customer 1 has 2e308, customer 2's capped steps 2e308 (the cap does not hide it)
      const before = thrown(() => scorePrepared(prepared, 0));
      expect(before.code).toBe('OVERFLOW');
      expect(before.path).toEqual(['columns']);
      expect(before.message).toMatch(/^scorePrepared: the score of customer 1 is beyond the range/);
      expect(before.issues.map((issue) => issue.message.slice(0, 41))).toEqual([
        'scorePrepared: the score of customer 1 is',
        'scorePrepared: the score of customer 2 is',
      ]);
      // a day later: customer 1 has 0.5e308 + 0.5e308 + 1e308; customer 2's steps have expired
      const after = thrown(() => scorePrepared(prepared, day));
      expect(after.issues).toHaveLength(1);
      expect(() =>
        scoreAt(
          huge,
          [0, 0, day].map((at) => ({ behaviour: 'whale', at })),
          day,
        ),
      ).toThrow(/^scoreAt: the total of behaviour "whale"/);
    });

    it('rejects a customerCount whose sums cannot be allocated with INVALID_OPTION, not a RangeError', () => {
      const columns = {
        customer: Uint32Array.of(0),
        behaviour: Uint8Array.of(0),
        at: Float64Array.of(0),
      };
      const error = thrown(() => prepareColumns(huge, columns, 2 ** 32 - 1));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.path).toEqual(['customerCount']);
    });
  });
});
