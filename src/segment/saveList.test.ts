import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { type AtRiskCustomer, atRisk } from './atRisk.js';
import { saveList } from './saveList.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

const DAY = 86_400_000;
const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
});

/** An at-risk entry as atRisk makes them. */
const entry = (
  customerId: string,
  segment: 'high' | 'low',
  dropAt: number,
): AtRiskCustomer<'high' | 'low' | 'disengaged'> => ({
  customerId,
  score: segment === 'high' ? 31 : 11,
  segment,
  drop: { at: dropAt, segment: segment === 'high' ? 'low' : 'disengaged' },
});

describe('saveList', () => {
  it('orders the at-risk customers by value, then by how soon they drop, then by id', () => {
    const list = saveList(
      model,
      [entry('a', 'high', 5), entry('b', 'low', 1), entry('c', 'high', 3), entry('d', 'low', 3)],
      { a: 10, b: 500, c: 10, d: 10, e: 0 },
    );
    expect(list.map((customer) => customer.customerId)).toEqual(['b', 'c', 'd', 'a']);
    expect(list[0]).toEqual({
      ...entry('b', 'low', 1),
      value: 500,
      valueRank: 1,
      topValue: true,
      formerBest: true,
    });
  });

  it('marks the top share of every valued customer, ties at the bar included, never a value of 0', () => {
    // Ten valued customers, 20%: the 2 largest values are 900 and 800; 800 is shared by two.
    const values = new Map([
      ['a', 900],
      ['b', 800],
      ['c', 800],
      ['d', 700],
      ...Array.from({ length: 6 }, (_, i) => [`x${i}`, 10] as [string, number]),
    ]);
    const list = saveList(
      model,
      [entry('d', 'low', 1), entry('c', 'low', 2), entry('a', 'high', 3)],
      values,
    );
    expect(list.map((c) => [c.customerId, c.valueRank, c.topValue, c.formerBest])).toEqual([
      ['a', 1, true, false],
      ['c', 2, true, true],
      ['d', 4, false, false],
    ]);
    const share = saveList(model, [entry('d', 'low', 1)], values, { bestShare: 0.4 });
    expect(share[0]?.topValue).toBe(true);
    const nothing = saveList(model, [entry('z', 'low', 1)], { z: 0 }, { bestShare: 1 });
    expect(nothing[0]).toMatchObject({
      value: 0,
      valueRank: 1,
      topValue: false,
      formerBest: false,
    });
  });

  it("reads the top segment from the model's own ladder", () => {
    const ladder = defineModel({
      behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
      segments: {
        levels: [
          { name: 'vip', min: 60 },
          { name: 'active', min: 20 },
        ],
        below: 'asleep',
      },
    });
    const risk: AtRiskCustomer<'vip' | 'active' | 'asleep'>[] = [
      { customerId: 'a', score: 70, segment: 'vip', drop: { at: 1, segment: 'active' } },
      { customerId: 'b', score: 25, segment: 'active', drop: { at: 1, segment: 'asleep' } },
    ];
    expect(saveList(ladder, risk, { a: 5, b: 5 }).map((c) => [c.customerId, c.formerBest])).toEqual(
      [
        ['a', false],
        ['b', true],
      ],
    );
  });

  it('takes what atRisk returns', () => {
    const events = [
      { customerId: 'ann', behaviour: 'purchase', at: 0 },
      { customerId: 'ed', behaviour: 'purchase', at: -47 * DAY },
    ];
    const risk = atRisk(model, events, { at: 40 * DAY, within: { days: 10 } });
    const list = saveList(model, risk, { ann: 100, ed: 300 });
    expect(list.map((c) => [c.customerId, c.segment, c.drop.segment, c.formerBest])).toEqual([
      ['ed', 'low', 'disengaged', true],
      ['ann', 'high', 'low', false],
    ]);
  });

  it('reports every at-risk customer without a value, and every bad value, never a silent 0', () => {
    const error = caught(() =>
      saveList(model, [entry('a', 'high', 1), entry('b', 'low', 1), entry('c', 'low', 1)], {
        a: Number.NaN,
        c: -5,
        d: '7' as never,
      }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['values', 'a'],
      ['values', 'c'],
      ['values', 'd'],
      ['values', 'a'],
      ['values', 'b'],
      ['values', 'c'],
    ]);
    expect(error.message).toMatch(/^saveList: values\.a must be a finite number >= 0, got NaN/);
    expect(error.message).toContain('values.b is missing: every at-risk customer needs a value');
  });

  it('refuses a bad share, a foreign segment and a list that is not one', () => {
    expect(caught(() => saveList(model, [], {}, { bestShare: 0 })).path).toEqual([
      'options',
      'bestShare',
    ]);
    expect(caught(() => saveList(model, [], {}, { share: 0.2 } as never)).path).toEqual([
      'options',
      'share',
    ]);
    const foreign = caught(() =>
      saveList(model, [{ ...entry('a', 'high', 1), segment: 'gold' as never }], { a: 1 }),
    );
    expect(foreign.path).toEqual(['atRiskList', 0, 'segment']);
    expect(caught(() => saveList(model, 'a' as never, {})).path).toEqual(['atRiskList']);
    expect(saveList(model, [], {})).toEqual([]);
  });

  it('refuses a Map key that is not a customer id, and gives every issue a path, past 100 too (issue 21)', () => {
    const key = caught(() =>
      saveList(model, [], new Map<unknown, number>([[{ __proto__: null }, 1]]) as never),
    );
    expect(key.code).toBe('INVALID_OPTION');
    expect(key.path).toEqual(['values']);
    expect(key.message).toMatch(/^saveList: values has the key .*customer ids must be strings/);
    const many = caught(() =>
      saveList(model, [], Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`c${i}`, -1]))),
    );
    expect(many.issues).toHaveLength(101);
    expect(many.issues.at(-1)!.message).toBe('saveList: 50 more problems not listed');
    for (const issue of many.issues) expect(issue.path.length).toBeGreaterThan(0);
  });
});
