import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  scoreAt,
  scorePopulation,
  segmentAt,
  segmentCounts,
  segmentFlows,
  segmentOf,
} from '../src/index.js';
import { rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';

const HOUR = 3_600_000;
const instant = fc.integer({ min: -1, max: 300 }).map((hours) => hours * HOUR);
const modelAndEvents = rulesModelArbitrary().chain((model) =>
  fc.tuple(fc.constant(model), rulesEventsArbitrary(model, 4), instant, instant),
);

const byCustomer = <T extends { customerId: string }>(events: readonly T[], id: string): T[] =>
  events.filter((event) => event.customerId === id);

// Issue 18: the population functions score models with every rule as scoreAt does, customer by
// customer.
describe('scorePopulation, segmentCounts and segmentFlows with the scoring rules (properties)', () => {
  it('scorePopulation gives every customer the score and segment of scoreAt', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        const rows = scorePopulation(model, events, at);
        const ids = [...new Set(events.map((event) => event.customerId))].sort();
        expect(rows.map((row) => row.customerId)).toEqual(ids);
        for (const row of rows) {
          const score = scoreAt(model, byCustomer(events, row.customerId), at);
          expect(row.score).toBe(score);
          expect(row.segment).toBe(segmentOf(model, score));
        }
      }),
    );
  });

  it('segmentCounts tallies the segments of segmentAt', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        const ids = [...new Set(events.map((event) => event.customerId))];
        const expected: Record<string, number> = {};
        for (const name of Object.keys(segmentCounts(model, [], at).counts)) expected[name] = 0;
        for (const id of ids) expected[segmentAt(model, byCustomer(events, id), at)]!++;
        const counts = segmentCounts(model, events, at);
        expect(counts.counts).toEqual(expected);
        expect(counts.total).toBe(ids.length);
      }),
    );
  });

  it('segmentFlows counts each customer once, from their segment at from to the one at to', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, a, b]) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const flows = segmentFlows(model, events, { from, to });
        const size = flows.segments.length;
        const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
        for (const id of new Set(events.map((event) => event.customerId))) {
          const mine = byCustomer(events, id);
          const i = flows.segments.indexOf(segmentAt(model, mine, from));
          const j = flows.segments.indexOf(segmentAt(model, mine, to));
          matrix[i]![j]!++;
        }
        expect(flows.matrix).toEqual(matrix);
      }),
    );
  });
});
