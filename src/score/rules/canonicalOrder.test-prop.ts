import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCustomerOrder } from './canonicalCustomerOrder.js';
import { canonicalOrder } from './canonicalOrder.js';

/** Events with few distinct values, so that ties in every key are common; some customers have many. */
const eventsArbitrary = fc
  .array(
    fc.record({
      customer: fc.oneof(fc.nat(6), fc.constant(0)),
      behaviour: fc.nat(3),
      at: fc.integer({ min: -3, max: 3 }),
      weight: fc.constantFrom(0.5, 1, 2, -1),
    }),
    { maxLength: 120 },
  )
  .map((rows) => ({
    customer: Uint32Array.from(rows, (row) => row.customer),
    behaviour: Uint8Array.from(rows, (row) => row.behaviour),
    at: Float64Array.from(rows, (row) => row.at),
    weight: Float64Array.from(rows, (row) => row.weight),
  }));

/** The canonical key of event i: customer, behaviour, at ascending, weight descending. */
const key = (
  columns: { customer: Uint32Array; behaviour: Uint8Array; at: Float64Array; weight: Float64Array },
  i: number,
) => [columns.customer[i]!, columns.behaviour[i]!, columns.at[i]!, -columns.weight[i]!] as const;

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

describe('canonicalCustomerOrder and canonicalOrder', () => {
  it('is a permutation whose keys never decrease: the comparison sort of every position, by another road', () => {
    fc.assert(
      fc.property(eventsArbitrary, (columns) => {
        const length = columns.at.length;
        const { order, starts } = canonicalCustomerOrder(columns, length);
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length }, (_, i) => i));
        for (let k = 1; k < length; k++) {
          expect(
            compareKeys(key(columns, order[k - 1]!), key(columns, order[k]!)),
          ).toBeLessThanOrEqual(0);
        }
        // the keys in order are those of a plain comparison sort (ties are interchangeable)
        const sorted = Array.from({ length }, (_, i) => key(columns, i)).sort(compareKeys);
        expect(Array.from(order, (i) => key(columns, i))).toEqual(sorted);
        // customer c's events are order[starts[c]..starts[c + 1])
        for (let c = 0; c + 1 < starts.length; c++) {
          for (let k = starts[c]!; k < starts[c + 1]!; k++)
            expect(columns.customer[order[k]!]).toBe(c);
        }
        expect(starts.at(-1) ?? 0).toBe(length);
      }),
      { numRuns: 300 },
    );
  });

  it("orders one customer's events (any customer column unread) by behaviour, at and weight descending", () => {
    fc.assert(
      fc.property(eventsArbitrary, (columns) => {
        const length = columns.at.length;
        const order = canonicalOrder(columns, length);
        const keyOf = (i: number) => key(columns, i).slice(1);
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length }, (_, i) => i));
        const sorted = Array.from({ length }, (_, i) => keyOf(i)).sort(compareKeys);
        expect(Array.from(order, keyOf)).toEqual(sorted);
      }),
      { numRuns: 200 },
    );
  });

  it('orders one customer with no customer column by behaviour, at and weight descending', () => {
    const columns = {
      behaviour: Uint8Array.of(1, 0, 1, 0, 0),
      at: Float64Array.of(5, 9, 5, 1, 9),
      weight: Float64Array.of(1, 1, 3, 1, 2),
    };
    expect(Array.from(canonicalOrder(columns, 5))).toEqual([3, 4, 1, 2, 0]);
  });
});
