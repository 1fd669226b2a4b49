import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocBlock,
  capacityOf,
  emptyWindows,
  freeBlock,
  HEADER,
  KEY,
  LENGTH,
  pruneBlock,
  SIZE,
  SORTED,
  settleBlock,
  sizeFor,
} from './windowStore.js';

/** Writes `pairs` into the block at `start` with its first `sorted` numbers marked sorted. */
function fill(pool: Float64Array, start: number, pairs: number[], sorted: number): void {
  pool.set(pairs, start + HEADER);
  pool[start + LENGTH] = pairs.length;
  pool[start + SORTED] = sorted;
}

function pairsOf(pool: Float64Array, start: number): number[] {
  return Array.from(pool.subarray(start + HEADER, start + HEADER + pool[start + LENGTH]!));
}

describe('the windows pool', () => {
  it('sizes blocks by powers of two with a four-number header', () => {
    expect([sizeFor(2), sizeFor(4), sizeFor(5), sizeFor(12), sizeFor(13)]).toEqual([0, 0, 1, 1, 2]);
    expect([capacityOf(0), capacityOf(1), capacityOf(2)]).toEqual([4, 12, 28]);
  });

  it('lays blocks one after the other and gives a freed block out again before growing', () => {
    const store = emptyWindows();
    const a = allocBlock(store, 0, 17);
    const b = allocBlock(store, 1, 18);
    const c = allocBlock(store, 0, 19);
    expect([a, b, c, store.top, store.size]).toEqual([0, 8, 24, 32, 3]);
    freeBlock(store, a);
    expect([store.pool[a + KEY], store.size]).toEqual([-1, 2]);
    // A block of another size does not take it; one of its size does.
    expect(allocBlock(store, 1, 20)).toBe(32);
    expect(allocBlock(store, 0, 21)).toBe(a);
    expect([store.pool[a + KEY], store.pool[a + SIZE], store.top, store.size]).toEqual([
      21, 0, 48, 4,
    ]);
  });

  it('merges an out-of-order tail after the sorted pairs of the same time, stably', () => {
    const store = emptyWindows();
    const start = allocBlock(store, 1, 0);
    // Sorted prefix (1, a) (3, b) (3, c); tail in arrival order (3, d) (0, e) (3, f) (2, g).
    fill(store.pool, start, [1, 10, 3, 20, 3, 30, 3, 40, 0, 50, 3, 60, 2, 70], 6);
    settleBlock(store.pool, start);
    expect(pairsOf(store.pool, start)).toEqual([0, 50, 1, 10, 2, 70, 3, 20, 3, 30, 3, 40, 3, 60]);
    expect(store.pool[start + SORTED]).toBe(14);
  });

  it('prunes expired pairs from the front, at once when full, amortised otherwise', () => {
    const store = emptyWindows();
    const start = allocBlock(store, 0, 0);
    fill(store.pool, start, [0, 1, 5, 2], 4);
    // At latest 10 with an end of 6: the pair at 0 expired (10 - 0 >= 6), the one at 5 not.
    expect(pruneBlock(store.pool, start, 10, 6, false)).toBe(2);
    expect(pairsOf(store.pool, start)).toEqual([5, 2]);
    // A long window waits until a quarter of it has expired unless full.
    const long = allocBlock(store, 2, 1);
    const pairs = Array.from({ length: 20 }, (_, i) => [i, i]).flat();
    fill(store.pool, long, pairs, pairs.length);
    expect(pruneBlock(store.pool, long, 10, 10, false)).toBe(40);
    expect(pruneBlock(store.pool, long, 10, 10, true)).toBe(38);
    expect(pairsOf(store.pool, long).slice(0, 2)).toEqual([1, 1]);
  });

  it('settles any tail into the order a stable sort of the whole window by time gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        (times, cut) => {
          const prefix = [...times.slice(0, cut % times.length)].sort((x, y) => x - y);
          const tail = times.slice(cut % times.length);
          // Values number the pairs in order of arrival: the prefix first, then the tail.
          const arrived = [...prefix, ...tail].map((time, i) => [time, i] as const);
          const store = emptyWindows();
          const start = allocBlock(store, sizeFor(2 * arrived.length), 0);
          fill(store.pool, start, arrived.flat(), 2 * prefix.length);
          settleBlock(store.pool, start);
          const expected = [...arrived].sort((x, y) => x[0] - y[0] || x[1] - y[1]).flat();
          expect(pairsOf(store.pool, start)).toEqual(expected);
        },
      ),
    );
  });
});
