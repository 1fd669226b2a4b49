import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, eventsArbitrary, modelArbitrary } from '../../test/segmentArbitraries.js';
import { eventColumns } from '../score/eventColumns.js';
import { scoreAt } from '../score/scoreAt.js';
import { forecastColumns } from './forecastColumns.js';
import { scorePopulation } from './scorePopulation.js';

/** Up to five customers; some of their events have a behaviour the model lacks. */
const populationArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    customers: fc.array(
      fc.tuple(
        eventsArbitrary(model),
        fc.array(fc.integer({ min: 0, max: 100 * day }), { maxLength: 2 }),
      ),
      { maxLength: 5 },
    ),
    at: fc.integer({ min: 0, max: 110 * day }),
  }),
);

describe('every path agrees on who is a customer', () => {
  it('objects (scorePopulation), eventColumns + forecastColumns and scoreAt list the same customers with the same scores', () => {
    fc.assert(
      fc.property(populationArbitrary, ({ model, customers, at }) => {
        const events = customers.flatMap(([own, unknown], c) => [
          ...unknown.map((time) => ({ customerId: `c${c}`, behaviour: 'notInModel', at: time })),
          ...own.map((event) => ({ ...event, customerId: `c${c}` })),
        ]);
        const options = { unknownBehaviour: 'ignore' as const };
        const rows = scorePopulation(model, events, at, options);
        const columns = eventColumns(model, events, options);
        const forecast = forecastColumns(model, columns, at, columns.customerCount);
        expect([...columns.customerIds].sort()).toEqual(rows.map((row) => row.customerId));
        for (const row of rows) {
          const c = columns.customerIds.indexOf(row.customerId);
          const own = events.filter((event) => event.customerId === row.customerId);
          expect(row.score).toBe(scoreAt(model, own, at, options));
          expect(forecast.score[c]).toBe(row.score);
          expect(forecast.segments[forecast.segment[c]!]).toBe(row.segment);
        }
      }),
      { numRuns: 200 },
    );
  });
});
