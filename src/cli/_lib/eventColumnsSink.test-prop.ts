import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventColumnsSink } from './eventColumnsSink.js';

/** An event as pushed: customer, behaviour, instant, weight. */
const event = fc.tuple(
  fc.nat({ max: 9 }),
  fc.nat({ max: 3 }),
  fc.integer({ min: 0, max: 1e6 }),
  fc.constantFrom(1, 1, 1, 2, 0.5),
);

const plain = (columns: ReturnType<ReturnType<typeof eventColumnsSink>['columns']>) => ({
  customer: [...columns.customer],
  behaviour: [...columns.behaviour],
  at: [...columns.at],
  weight: columns.weight === undefined ? undefined : [...columns.weight],
});

describe('eventColumnsSink.lend and reclaim', () => {
  it('give the columns of every event pushed in order, however the rows lent are filled or outgrown', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40 }),
        fc.array(event, { maxLength: 40 }),
        fc.nat({ max: 60 }),
        fc.nat({ max: 30 }),
        (first, second, capacity, lent) => {
          // what one sink gives, the second part's customers renumbered (+ 100)
          const one = eventColumnsSink(capacity, 4);
          for (const [c, b, t, w] of first) one.push(c, b, t, w);
          for (const [c, b, t, w] of second) one.push(c + 100, b, t, w);

          const main = eventColumnsSink(capacity, 4);
          const room = main.capacity;
          const region = main.lend(lent);
          expect(region === undefined).toBe(lent < 1 || lent > room);
          expect(main.capacity).toBe(region === undefined ? room : room - lent);
          const part = eventColumnsSink(second.length, 4, region);
          for (const [c, b, t, w] of second) part.push(c, b, t, w);
          for (const [c, b, t, w] of first) main.push(c, b, t, w);
          const remap = Uint32Array.from({ length: 10 }, (_, k) => k + 100);
          const columns = part.columns();
          const inPlace =
            region !== undefined && columns.customer.buffer === region.customer.buffer;
          if (!(inPlace && main.reclaim(second.length, remap, columns.weight))) {
            for (let i = 0; i < second.length; i++) {
              main.push(
                remap[columns.customer[i]!]!,
                columns.behaviour[i]!,
                columns.at[i]!,
                columns.weight?.[i] ?? 1,
              );
            }
          }
          expect(main.size).toBe(first.length + second.length);
          const got = plain(main.columns());
          const want = plain(one.columns());
          // a weight column of 1s is the same as none
          got.weight ??= got.customer.map(() => 1);
          want.weight ??= want.customer.map(() => 1);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});
