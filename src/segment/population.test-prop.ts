import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, eventsArbitrary, modelArbitrary } from '../../test/segmentArbitraries.js';
import { scoreAt } from '../score/scoreAt.js';
import { atRisk } from './atRisk.js';
import { forecast } from './forecast.js';
import { scorePopulation } from './scorePopulation.js';
import { segmentAt } from './segmentAt.js';
import { segmentCounts } from './segmentCounts.js';
import { segmentFlows } from './segmentFlows.js';

const populationArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    customers: fc.array(eventsArbitrary(model), { minLength: 1, maxLength: 6 }),
    from: fc.integer({ min: 0, max: 100 * day }),
    span: fc.integer({ min: 0, max: 60 * day }),
  }),
);

function flatten(
  customers: readonly { behaviour: string; at: number | Date; weight?: number }[][],
): { customerId: string; behaviour: string; at: number | Date; weight?: number }[] {
  return customers.flatMap((events, c) =>
    events.map((event) => ({ ...event, customerId: `c${c}` })),
  );
}

describe('population properties', () => {
  it('flow matrix rows sum to the counts at from and columns to the counts at to', () => {
    fc.assert(
      fc.property(populationArbitrary, ({ model, customers, from, span }) => {
        const events = flatten(customers);
        const flows = segmentFlows(model, events, { from, to: from + span });
        const atFrom = segmentCounts(model, events, from).counts as Record<string, number>;
        const atTo = segmentCounts(model, events, from + span).counts as Record<string, number>;
        flows.segments.forEach((segment, i) => {
          expect(flows.matrix[i]!.reduce((sum, count) => sum + count, 0)).toBe(atFrom[segment]);
          expect(flows.matrix.reduce((sum, row) => sum + row[i]!, 0)).toBe(atTo[segment]);
        });
        expect(flows.total).toBe(customers.length);
      }),
    );
  });

  it('scorePopulation agrees with scoreAt and segmentAt customer by customer', () => {
    fc.assert(
      fc.property(populationArbitrary, ({ model, customers, from }) => {
        const rows = scorePopulation(model, flatten(customers), from);
        rows.forEach((row) => {
          const own = customers[Number(row.customerId.slice(1))]!;
          expect(row.score).toBe(scoreAt(model, own, from));
          expect(row.segment).toBe(segmentAt(model, own, from));
        });
        expect(rows).toHaveLength(customers.length);
      }),
    );
  });

  it('atRisk lists a customer exactly when their next change is a drop within the horizon', () => {
    fc.assert(
      fc.property(populationArbitrary, ({ model, customers, from, span }) => {
        const events = flatten(customers);
        const order = Object.keys(segmentCounts(model, events, from).counts);
        const list = atRisk(model, events, { at: from, within: span });
        for (let i = 1; i < list.length; i++) {
          expect(list[i]!.drop.at).toBeGreaterThanOrEqual(list[i - 1]!.drop.at);
        }
        customers.forEach((own, c) => {
          const result = forecast(model, own, from);
          const entry = list.find((row) => row.customerId === `c${c}`);
          const next = result.next;
          const drops =
            next !== null &&
            next.at <= from + span &&
            order.indexOf(next.segment) > order.indexOf(result.segment);
          if (drops) {
            const { score, segment } = result;
            expect(entry).toEqual({ customerId: `c${c}`, score, segment, drop: next });
          }
          if (entry === undefined) return;
          // a rise and then a fall below the segment at from is listed too
          expect(entry.drop.at).toBeLessThanOrEqual(from + span);
          expect(order.indexOf(entry.drop.segment)).toBeGreaterThan(order.indexOf(entry.segment));
        });
      }),
    );
  });
});
