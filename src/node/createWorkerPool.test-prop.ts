import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { modelArbitrary } from '../../test/columnArbitraries.js';
import { firstBitDifference } from '../../test/sameBits.js';
import { scoreColumns } from '../score/scoreColumns.js';
import { createWorkerPool } from './createWorkerPool.js';

const pools = [1, 2, 3, 5].map((workers) => createWorkerPool({ workers, minEvents: 0 }));
afterAll(() => Promise.all(pools.map((pool) => pool.close())));

/**
 * A call: a model (caps, negative boosts, decays of every kind, often several in one
 * accumulator), up to 200 customers (so up to 25 ranges of 8), up to 2000 events (so several
 * blocks of 512 of the kernel), with or without weights, 8- or 16-bit behaviours, columns shared
 * or copied, and an instant before, among or after the events.
 */
const callArbitrary = fc
  .tuple(modelArbitrary, fc.integer({ min: 1, max: 200 }), fc.boolean(), fc.boolean())
  .chain(([model, customers, weighted, wide]) =>
    fc.record({
      model: fc.constant(model),
      customers: fc.constant(customers),
      shared: fc.boolean(),
      events: fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: customers - 1 }),
          behaviour: fc.integer({ min: 0, max: model.behaviourIds.length - 1 }),
          at: fc.integer({ min: 0, max: 1000 }),
          weight: weighted ? fc.integer({ min: -3, max: 5 }) : fc.constant(1),
        }),
        { maxLength: 2000, size: 'max' },
      ),
      weighted: fc.constant(weighted),
      wide: fc.constant(wide),
      at: fc.integer({ min: -10, max: 1200 }),
    }),
  );

type Call = typeof callArbitrary extends fc.Arbitrary<infer C> ? C : never;

/** The call's events as columns, on SharedArrayBuffers or not. */
function columnsOf(call: Call) {
  const column = <T extends { set(values: ArrayLike<number>): void }>(
    Type: { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number },
    value: (event: Call['events'][number]) => number,
  ): T => {
    const bytes = Type.BYTES_PER_ELEMENT * call.events.length;
    const array = new Type(call.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    array.set(call.events.map(value));
    return array;
  };
  const columns = {
    customer: column(Uint32Array, (event) => event.customer),
    behaviour: call.wide
      ? column(Uint16Array, (event) => event.behaviour)
      : column(Uint8Array, (event) => event.behaviour),
    at: column(Float64Array, (event) => event.at),
  };
  return call.weighted
    ? { ...columns, weight: column(Float64Array, (event) => event.weight) }
    : columns;
}

describe('createWorkerPool properties', () => {
  it('worker threads give bit for bit the scores of scoreColumns, whatever the number of workers', async () => {
    await fc.assert(
      fc.asyncProperty(callArbitrary, fc.nat({ max: pools.length - 1 }), async (call, which) => {
        const columns = columnsOf(call);
        const parallel = await pools[which]!.scoreColumns(
          call.model,
          columns,
          call.at,
          call.customers,
        );
        const expected = scoreColumns(call.model, columns, call.at, call.customers);
        expect(firstBitDifference(parallel, expected)).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('overlapping calls on one pool each get their own scores, bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArbitrary, { minLength: 2, maxLength: 6 }),
        fc.nat({ max: pools.length - 1 }),
        async (calls, which) => {
          const columns = calls.map(columnsOf);
          const parallel = await Promise.all(
            calls.map((call, i) =>
              pools[which]!.scoreColumns(call.model, columns[i]!, call.at, call.customers),
            ),
          );
          calls.forEach((call, i) => {
            const expected = scoreColumns(call.model, columns[i]!, call.at, call.customers);
            expect(firstBitDifference(parallel[i]!, expected)).toBe(-1);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
