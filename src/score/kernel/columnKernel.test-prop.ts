import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelPowers, ulpDistance } from '../../../test/kernelPowers.js';

describe('accumulateColumns properties', () => {
  it('computes 2^t within 2 ulps of 2 ** t for any t in [-1100, 0], in both strategies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1100, max: 0, noNaN: true }), { minLength: 1, maxLength: 100 }),
        (values) => {
          const t = Float64Array.from(values);
          for (const strategy of ['plain', 'blocked'] as const) {
            const powers = kernelPowers(t, strategy);
            t.forEach((value, i) => {
              expect(ulpDistance(powers[i]!, 2 ** value)).toBeLessThanOrEqual(2);
            });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
