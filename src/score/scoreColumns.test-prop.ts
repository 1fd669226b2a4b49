import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allClose,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../test/columnArbitraries.js';
import { compileModel } from '../model/compileModel.js';
import { scoreColumns } from './scoreColumns.js';

describe('scoreColumns properties', () => {
  it('equals scoreAt for every customer, with caps, weights and events after at', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ model, customers, weighted, events, at }) => {
        const scores = scoreColumns(model, toColumns(events, weighted), at, customers);
        expect(allClose(scores, referenceScores(model, events, at, customers))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of events', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary.chain((scenario) =>
          fc.record({
            scenario: fc.constant(scenario),
            order: fc.shuffledSubarray(scenario.events, { minLength: scenario.events.length }),
          }),
        ),
        ({ scenario: { model, customers, weighted, events, at }, order }) => {
          const compiled = compileModel(model);
          const first = scoreColumns(compiled, toColumns(events, weighted), at, customers);
          const second = scoreColumns(compiled, toColumns(order, weighted), at, customers);
          expect(allClose(second, first)).toBe(true);
        },
      ),
    );
  });
});
