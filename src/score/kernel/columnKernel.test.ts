import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/mulberry32.js';
import { kernelPowers, ulpDistance } from '../../../test/kernelPowers.js';
import { accumulateColumns } from './columnKernel.js';

describe('accumulateColumns', () => {
  it.each(['js', 'wasm'] as const)(
    'computes 2^t within 2 ulps of 2 ** t on 10^6 seeded random t in [-1100, 0] (%s kernel)',
    (kernel) => {
      // Measured when written: 71% equal, 28% 1 ulp apart, 0.03% 2 ulps apart (also on 10^7).
      const next = mulberry32(7);
      const t = Float64Array.from({ length: 1_000_000 }, () => -1100 * next());
      const powers = kernelPowers(t, 'blocked', kernel);
      let worst = 0;
      let equal = 0;
      for (let i = 0; i < t.length; i++) {
        const distance = ulpDistance(powers[i]!, 2 ** t[i]!);
        worst = Math.max(worst, distance);
        if (distance === 0) equal++;
      }
      expect(worst).toBeLessThanOrEqual(2);
      expect(equal / t.length).toBeGreaterThan(0.6);
    },
  );

  it('gives exact powers of two at whole t, 0 below -1075 and 1 at t = 0, in both strategies and kernels', () => {
    const t = Float64Array.of(0, -1, -2, -52, -1022, -1074, -1075.5, -2000, -8.64e15);
    const expected = [1, 0.5, 0.25, 2 ** -52, 2 ** -1022, 2 ** -1074, 0, 0, 0];
    for (const kernel of ['js', 'wasm'] as const) {
      expect(Array.from(kernelPowers(t, 'plain', kernel))).toEqual(expected);
      expect(Array.from(kernelPowers(t, 'blocked', kernel))).toEqual(expected);
    }
  });

  it('returns false at the first bad entry and true for valid columns', () => {
    const run = (customer: number, behaviour: number, at: number, weight?: number) =>
      accumulateColumns(
        Uint8Array.of(0),
        Float64Array.of(1),
        Float64Array.of(10),
        Float64Array.of(10),
        Float64Array.of(0),
        Int32Array.of(0),
        1,
        Uint32Array.of(0, customer),
        Uint8Array.of(0, behaviour),
        Float64Array.of(0, at),
        weight === undefined ? undefined : Float64Array.of(1, weight),
        0,
        2,
        5,
        new Float64Array(4),
      );
    expect(run(1, 0, 3)).toBe(true);
    expect(run(1, 0, 3, 2)).toBe(true);
    expect(run(2, 0, 3)).toBe(false);
    expect(run(1, 1, 3)).toBe(false);
    expect(run(1, 0, Number.NaN)).toBe(false);
    expect(run(1, 0, Number.NEGATIVE_INFINITY)).toBe(false);
    // the range of a Date, as readInstant and checkColumns
    expect(run(1, 0, -8.64e15)).toBe(true);
    expect(run(1, 0, -8.64e15 - 1)).toBe(false);
    expect(run(1, 0, 1e300)).toBe(false);
    expect(run(1, 0, 3, Number.POSITIVE_INFINITY)).toBe(false);
  });
});
