import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/mulberry32.js';
import {
  allClose,
  type ColumnEvent,
  modelArbitrary,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../test/columnArbitraries.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import { checkColumns } from './kernel/checkColumns.js';
import { scoreColumns } from './scoreColumns.js';

/** Thousands of events (the kernel works in blocks of 2048), drawn from a seed. */
const longScenarioArbitrary = fc
  .record({
    model: modelArbitrary,
    customers: fc.integer({ min: 1, max: 20 }),
    weighted: fc.boolean(),
    length: fc.integer({ min: 2000, max: 7000 }),
    seed: fc.integer(),
    at: fc.integer({ min: 0, max: 1200 }),
  })
  .map(({ model, customers, weighted, length, seed, at }) => {
    const next = mulberry32(seed);
    const events: ColumnEvent[] = Array.from({ length }, () => ({
      customer: Math.floor(next() * customers),
      behaviour: Math.floor(next() * model.behaviourIds.length),
      at: Math.floor(next() * 1000),
      weight: weighted ? Math.floor(next() * 9) - 3 : 1,
    }));
    return { model, customers, weighted, events, at };
  });

/** What a call throws, or undefined. */
function thrownBy(run: () => unknown): EngagekitError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  return undefined;
}

describe('scoreColumns properties', () => {
  it('equals scoreAt over several blocks of events', () => {
    fc.assert(
      fc.property(longScenarioArbitrary, ({ model, customers, weighted, events, at }) => {
        const scores = scoreColumns(model, toColumns(events, weighted), at, customers);
        expect(allClose(scores, referenceScores(model, events, at, customers))).toBe(true);
      }),
    );
  });

  it('throws the error of checkColumns for the first bad entry, wherever the bad entries are', () => {
    const badEntry = fc.record({
      column: fc.constantFrom('customer', 'behaviour', 'at', 'weight'),
      position: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    });
    fc.assert(
      fc.property(
        longScenarioArbitrary,
        fc.array(badEntry, { minLength: 1, maxLength: 3 }),
        ({ model, customers, events, at }, bad) => {
          const columns = {
            ...toColumns(events, false),
            weight: Float64Array.from(events, (event) => event.weight),
          };
          for (const { column, position, value } of bad) {
            const index = Math.floor(position * events.length);
            if (column === 'customer') columns.customer[index] = customers;
            else if (column === 'behaviour') columns.behaviour[index] = model.behaviourIds.length;
            else columns[column][index] = value;
          }
          const expected = thrownBy(() =>
            checkColumns('scoreColumns', compileModel(model), columns, customers),
          );
          const actual = thrownBy(() => scoreColumns(model, columns, at, customers));
          expect(expected).toBeDefined();
          expect(actual?.code).toBe('INVALID_COLUMNS');
          expect(actual?.path).toEqual(expected?.path);
          expect(actual?.message).toBe(expected?.message);
        },
      ),
    );
  });

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
