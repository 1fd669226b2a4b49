import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTextWriter } from './isoText.js';

/** The first millisecond of year 0 and of year 10000: where toISOString changes its format. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;

describe('isoTextWriter', () => {
  it('writes every instant as toISOString does, one writer for many instants', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -8.64e15, max: 8.64e15 }),
            fc.integer({ min: 1.7e12, max: 1.8e12 }),
            fc.integer({ min: -3, max: 3 }).map((d) => YEAR_0 + d),
            fc.integer({ min: -3, max: 3 }).map((d) => YEAR_10000 + d),
            fc.integer({ min: -86_400_001, max: 86_400_001 }),
            fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
          ),
          { maxLength: 200 },
        ),
        (instants) => {
          const iso = isoTextWriter();
          // twice, so that the second pass reads the days the first one kept
          for (const millis of [...instants, ...instants]) {
            expect(iso(millis)).toBe(new Date(millis).toISOString());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
