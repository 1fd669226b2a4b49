import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorMillis } from './floorMillis.js';
import { ticksToMillis } from './parquetColumn.js';

describe('ticksToMillis (Parquet INT64 timestamps without a BigInt per value)', () => {
  it('gives floorMillis of every count, in every unit, across the whole INT64 range', () => {
    const count = fc.oneof(
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
      fc.bigInt({ min: -5000n, max: 5000n }),
    );
    fc.assert(
      fc.property(
        fc.array(count, { maxLength: 40 }),
        fc.constantFrom(1, 1000, 1_000_000),
        (values, per) => {
          const ticks = BigInt64Array.from(values);
          const millis = ticksToMillis(ticks, per);
          values.forEach((value, i) => {
            expect(millis[i]).toBe(floorMillis(value, per));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a view that starts inside a buffer (a page of a decompressed chunk)', () => {
    const buffer = new BigInt64Array([7n, -1_500n, 1_700_000_000_123_456n, -(2n ** 62n)]);
    const view = buffer.subarray(1);
    expect(Array.from(ticksToMillis(view, 1000))).toEqual([
      -2,
      1_700_000_000_123,
      floorMillis(-(2n ** 62n), 1000),
    ]);
  });
});
