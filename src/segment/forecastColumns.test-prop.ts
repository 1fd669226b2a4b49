import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, eventsArbitrary, modelArbitrary } from '../../test/segmentArbitraries.js';
import { compileModel } from '../model/compileModel.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { scoreAt } from '../score/scoreAt.js';
import { forecast } from './forecast.js';
import { forecastColumns } from './forecastColumns.js';

/** A model, up to five customers' events (some with none) and an instant. */
const populationArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    customers: fc.array(fc.option(eventsArbitrary(model), { freq: 4 }), {
      minLength: 0,
      maxLength: 5,
    }),
    at: fc.integer({ min: 0, max: 110 * day }),
  }),
);

function columnsOf(
  model: { behaviourIds: readonly string[] },
  customers: (EngagementEvent[] | null)[],
) {
  const rows = customers.flatMap((events, c) => (events ?? []).map((event) => ({ c, event })));
  return {
    customer: Uint32Array.from(rows, (row) => row.c),
    behaviour: Uint8Array.from(rows, (row) => model.behaviourIds.indexOf(row.event.behaviour)),
    at: Float64Array.from(rows, (row) => row.event.at as number),
    weight: Float64Array.from(rows, (row) => row.event.weight ?? 1),
  };
}

describe('forecastColumns properties', () => {
  it('every customer gets exactly what forecast gives on their own events', () => {
    fc.assert(
      fc.property(populationArbitrary, ({ model, customers, at }) => {
        const result = forecastColumns(model, columnsOf(model, customers), at, customers.length);
        expect(result.score.length).toBe(customers.length);
        customers.forEach((events, c) => {
          const expected = forecast(model, events ?? [], at);
          expect(result.score[c]).toBe(expected.score);
          expect(result.score[c]).toBe(scoreAt(model, events ?? [], at));
          expect(result.segments[result.segment[c]!]).toBe(expected.segment);
          if (expected.next === null) {
            expect(result.nextAt[c]).toBe(Number.POSITIVE_INFINITY);
            expect(result.nextSegment[c]).toBe(-1);
          } else {
            expect(result.nextAt[c]).toBe(expected.next.at);
            expect(result.segments[result.nextSegment[c]!]).toBe(expected.next.segment);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("customers' events interleaved in any order give each customer what forecast gives on their own events", () => {
    fc.assert(
      fc.property(
        populationArbitrary,
        fc.infiniteStream(fc.integer({ min: 0, max: 1_000_000 })),
        ({ model, customers, at }, draws) => {
          const grouped = columnsOf(model, customers);
          // a random interleaving that keeps each customer's events in their order
          const queues = customers.map((events, c) => {
            const positions: number[] = [];
            grouped.customer.forEach((owner, i) => {
              if (owner === c && events !== null) positions.push(i);
            });
            return positions;
          });
          const order: number[] = [];
          const random = draws[Symbol.iterator]();
          while (queues.some((queue) => queue.length > 0)) {
            const open = queues.filter((queue) => queue.length > 0);
            order.push(open[random.next().value! % open.length]!.shift()!);
          }
          const columns = {
            customer: Uint32Array.from(order, (i) => grouped.customer[i]!),
            behaviour: Uint8Array.from(order, (i) => grouped.behaviour[i]!),
            at: Float64Array.from(order, (i) => grouped.at[i]!),
            weight: Float64Array.from(order, (i) => grouped.weight[i]!),
          };
          const mixed = forecastColumns(model, columns, at, customers.length);
          customers.forEach((events, c) => {
            const expected = forecast(model, events ?? [], at);
            expect(mixed.score[c]).toBe(expected.score);
            expect(mixed.segments[mixed.segment[c]!]).toBe(expected.segment);
            expect(mixed.nextAt[c]).toBe(expected.next?.at ?? Number.POSITIVE_INFINITY);
            expect(mixed.nextSegment[c]).toBe(
              expected.next === null ? -1 : mixed.segments.indexOf(expected.next.segment),
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('until cuts the search for a change and changes nothing before it', () => {
    fc.assert(
      fc.property(
        populationArbitrary,
        fc.integer({ min: 0, max: 60 * day }),
        ({ model, customers, at }, ahead) => {
          const columns = columnsOf(model, customers);
          const compiled = compileModel(model);
          const all = forecastColumns(compiled, columns, at, customers.length);
          const near = forecastColumns(compiled, columns, at, customers.length, {
            until: at + ahead,
          });
          expect(near.score).toEqual(all.score);
          expect(near.segment).toEqual(all.segment);
          for (let c = 0; c < customers.length; c++) {
            const seen = all.nextAt[c]! <= at + ahead;
            expect(near.nextAt[c]).toBe(seen ? all.nextAt[c] : Number.POSITIVE_INFINITY);
            expect(near.nextSegment[c]).toBe(seen ? all.nextSegment[c] : -1);
          }
        },
      ),
    );
  });
});
