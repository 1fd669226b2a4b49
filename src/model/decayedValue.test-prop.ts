import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decayArbitrary } from '../testing/modelArbitrary.js';
import { decayedValue } from './decayedValue.js';

const boost = fc.double({ min: -1000, max: 1000, noNaN: true });
const elapsed = fc.integer({ min: 0, max: 2_000 * 86_400_000 });

describe('decayedValue properties', () => {
  it('a decayed boost has the sign of the boost and never exceeds it in magnitude', () => {
    fc.assert(
      fc.property(boost, decayArbitrary(), elapsed, (points, decay, age) => {
        const value = decayedValue(points, decay, age);
        expect(Math.abs(value)).toBeLessThanOrEqual(Math.abs(points));
        expect(value * points).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a decayed boost never grows in magnitude as time passes', () => {
    fc.assert(
      fc.property(boost, decayArbitrary(), elapsed, elapsed, (points, decay, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(Math.abs(decayedValue(points, decay, later))).toBeLessThanOrEqual(
          Math.abs(decayedValue(points, decay, earlier)),
        );
      }),
    );
  });

  it('a boost counts in full at the instant of its event', () => {
    fc.assert(
      fc.property(boost, decayArbitrary(), (points, decay) => {
        expect(decayedValue(points, decay, 0)).toBe(points);
      }),
    );
  });

  it('a decayed boost is linear in the boost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        decayArbitrary(),
        elapsed,
        (points, decay, age) => {
          expect(decayedValue(2 * points, decay, age)).toBeCloseTo(
            2 * decayedValue(points, decay, age),
            9,
          );
        },
      ),
    );
  });
});
