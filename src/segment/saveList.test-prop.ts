import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import type { AtRiskCustomer } from './atRisk.js';
import { saveList } from './saveList.js';

const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
});

const input = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      value: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
      ),
      risk: fc.option(fc.record({ low: fc.boolean(), at: fc.integer({ min: 0, max: 10 }) }), {
        nil: undefined,
      }),
    }),
    { selector: (customer) => customer.id, maxLength: 40 },
  )
  .map((customers) => ({
    values: Object.fromEntries(customers.map((c) => [c.id, c.value])),
    risk: customers.flatMap((c): AtRiskCustomer<'high' | 'low' | 'disengaged'>[] =>
      c.risk === undefined
        ? []
        : [
            {
              customerId: c.id,
              score: 20,
              segment: c.risk.low ? 'low' : 'high',
              drop: { at: c.risk.at, segment: c.risk.low ? 'disengaged' : 'low' },
            },
          ],
    ),
  }));

describe('saveList properties', () => {
  it('keeps every at-risk customer, each once, most valuable first', () => {
    fc.assert(
      fc.property(input, ({ values, risk }) => {
        const list = saveList(model, risk, values);
        expect(list.map((c) => c.customerId).sort()).toEqual(risk.map((c) => c.customerId).sort());
        for (let i = 1; i < list.length; i++)
          expect(list[i]!.value).toBeLessThanOrEqual(list[i - 1]!.value);
      }),
    );
  });

  it('a larger best share never unmarks a customer; the top share holds at least that share', () => {
    fc.assert(
      fc.property(
        input,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        ({ values, risk }, share) => {
          const narrow = saveList(model, risk, values, { bestShare: share / 2 });
          const wide = saveList(model, risk, values, { bestShare: share });
          narrow.forEach((customer, i) => {
            if (customer.topValue) expect(wide[i]!.topValue).toBe(true);
            expect(customer.formerBest).toBe(customer.topValue && customer.segment !== 'high');
          });
          const all = Object.values(values);
          const everyone = saveList(
            model,
            Object.keys(values).map((customerId) => ({
              customerId,
              score: 1,
              segment: 'low',
              drop: { at: 0, segment: 'disengaged' },
            })),
            values,
            { bestShare: share },
          );
          const marked = everyone.filter((c) => c.topValue).length;
          const positive = all.filter((value) => value > 0).length;
          expect(marked).toBeGreaterThanOrEqual(Math.min(positive, Math.ceil(share * all.length)));
        },
      ),
    );
  });
});
