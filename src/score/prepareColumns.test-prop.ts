import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allClose,
  denseScenarioArbitrary,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../test/columnArbitraries.js';
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

  it('one index answers at every instant, through the prefix sums of large groups', () => {
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

  it('the groups hold every event once, sorted by time', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ model, customers, weighted, events }) => {
        const prepared = prepareColumns(model, toColumns(events, weighted), customers);
        expect(prepared.groupStart.at(-1)).toBe(events.length);
        for (let g = 0; g + 1 < prepared.groupStart.length; g++) {
          for (let i = prepared.groupStart[g]! + 1; i < prepared.groupStart[g + 1]!; i++) {
            expect(prepared.time[i - 1]!).toBeLessThanOrEqual(prepared.time[i]!);
          }
        }
      }),
    );
  });
});
