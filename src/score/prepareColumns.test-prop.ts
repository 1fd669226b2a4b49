import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allClose,
  denseScenarioArbitrary,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../test/columnArbitraries.js';
import { modelArbitrary } from '../testing/modelArbitrary.js';
import { prepareColumns } from './prepareColumns.js';
import { scoreColumns } from './scoreColumns.js';
import { scorePrepared } from './scorePrepared.js';

describe('prepareColumns and scorePrepared properties', () => {
  it('re-scoring equals scoreAt and scoreColumns, with caps, weights and events after at', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ model, customers, weighted, events, at }) => {
        const columns = toColumns(events, weighted);
        const scores = scorePrepared(prepareColumns(model, columns, customers), at);
        expect(allClose(scores, referenceScores(model, events, at, customers))).toBe(true);
        expect(allClose(scores, scoreColumns(model, columns, at, customers))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('one index answers at every instant, before, inside and after its events, for large groups', () => {
    fc.assert(
      fc.property(denseScenarioArbitrary, ({ model, customers, weighted, events, instants }) => {
        const prepared = prepareColumns(model, toColumns(events, weighted), customers);
        for (const at of instants) {
          const expected = referenceScores(model, events, at, customers);
          expect(allClose(scorePrepared(prepared, at), expected)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('each segment (behaviour, block of customers) holds its events once, sorted by time', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ model, customers, weighted, events }) => {
        const prepared = prepareColumns(model, toColumns(events, weighted), customers);
        const { segmentStart, blocks, blockBits, time, customer, value } = prepared;
        expect(segmentStart.length).toBe(model.behaviourIds.length * blocks + 1);
        expect(segmentStart.at(-1)).toBe(events.length);
        expect(value.length).toBe(weighted ? events.length : 0);
        const held: string[] = [];
        for (let g = 0; g + 1 < segmentStart.length; g++) {
          const b = Math.floor(g / blocks);
          for (let i = segmentStart[g]!; i < segmentStart[g + 1]!; i++) {
            if (i > segmentStart[g]!) expect(time[i - 1]!).toBeLessThanOrEqual(time[i]!);
            expect(customer[i]! >>> blockBits).toBe(g % blocks);
            const worth = weighted ? value[i]! : model.behaviours[model.behaviourIds[b]!]!.boost;
            held.push(`${customer[i]} ${b} ${time[i]} ${worth}`);
          }
        }
        const given = events.map((event) => {
          const boost = model.behaviours[model.behaviourIds[event.behaviour]!]!.boost;
          return `${event.customer} ${event.behaviour} ${event.at} ${weighted ? event.weight * boost : boost}`;
        });
        expect(held.sort()).toEqual(given.sort());
      }),
    );
  });

  it('at and after the newest event, never-expiring totals decay as one factor per behaviour', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.integer({ min: 0, max: 500 }),
        ({ model, customers, weighted, events }, later) => {
          const columns = toColumns(events, weighted);
          const prepared = prepareColumns(model, columns, customers);
          const newest = events.reduce((max, event) => Math.max(max, event.at), 0);
          for (const at of [newest, newest + later]) {
            const expected = referenceScores(model, events, at, customers);
            expect(allClose(scorePrepared(prepared, at), expected)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('prepareColumns and scorePrepared with fractional, far-apart times', () => {
  it('equals scoreAt for fractional epoch times over years and any instant', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        modelArbitrary({ maxBehaviours: 4 }).chain((model) =>
          fc.record({
            model: fc.constant(model),
            events: fc.array(
              fc.record({
                customer: fc.integer({ min: 0, max: 2 }),
                behaviour: fc.integer({ min: 0, max: model.behaviourIds.length - 1 }),
                at: fc.double({ min: 1.7e12, max: 1.7e12 + 1000 * day, noNaN: true }),
                weight: fc.double({ min: -5, max: 5, noNaN: true }),
              }),
              { maxLength: 60 },
            ),
            instants: fc.array(
              fc.double({ min: 1.7e12 - day, max: 1.7e12 + 1500 * day, noNaN: true }),
              {
                minLength: 1,
                maxLength: 4,
              },
            ),
          }),
        ),
        ({ model, events, instants }) => {
          const prepared = prepareColumns(model, toColumns(events, true), 3);
          for (const at of instants) {
            expect(
              allClose(scorePrepared(prepared, at), referenceScores(model, events, at, 3)),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('prepareColumns over several blocks of customers', () => {
  it('equals scoreColumns when customers span several blocks of 16,384', () => {
    fc.assert(
      fc.property(
        modelArbitrary({ maxBehaviours: 3 }).chain((model) =>
          fc.record({
            model: fc.constant(model),
            customers: fc.integer({ min: 16_385, max: 60_000 }),
            events: fc.array(
              fc.record({
                customer: fc.nat(),
                behaviour: fc.integer({ min: 0, max: model.behaviourIds.length - 1 }),
                at: fc.integer({ min: 0, max: 1000 * 86_400_000 }),
                weight: fc.integer({ min: -3, max: 5 }),
              }),
              { maxLength: 300 },
            ),
            instants: fc.array(fc.integer({ min: -1, max: 1200 * 86_400_000 }), {
              minLength: 1,
              maxLength: 3,
            }),
          }),
        ),
        ({ model, customers, events, instants }) => {
          const spread = events.map((event) => ({
            ...event,
            customer: event.customer % customers,
          }));
          const columns = toColumns(spread, true);
          const prepared = prepareColumns(model, columns, customers);
          expect(prepared.blocks).toBe(Math.ceil(customers / 16_384));
          const newest = spread.reduce((max, event) => Math.max(max, event.at), -1);
          for (const at of [...instants, newest, newest + 86_400_000]) {
            expect(
              allClose(scorePrepared(prepared, at), scoreColumns(model, columns, at, customers)),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
