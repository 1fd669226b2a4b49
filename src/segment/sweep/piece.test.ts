import { describe, expect, it } from 'vitest';
import { evaluate, levelCrossings } from './piece.js';

describe('levelCrossings', () => {
  it('finds both crossings of a rise-then-fall whose far end underflows to 0 (issue 21)', () => {
    // +18.69 exp(-r1 t) - 18.69 exp(-r2 t), r2 = 5 r1: a negative boost fading faster than a
    // positive one; it peaks at 10 near t = 2.09e8 and both terms are exactly 0 at 8.64e15
    const piece = {
      constant: 0,
      slope: 0,
      rates: [1.925408834888737e-9, 9.627044174443684e-9],
      coefs: [18.691859729275784, -18.691859585317896],
    };
    const crossings = levelCrossings(piece, 9.99999999998, 0, 8.64e15);
    expect(crossings).toHaveLength(2);
    for (const tau of crossings) expect(evaluate(piece, tau)).toBeCloseTo(9.99999999998, 9);
    expect(crossings[0]).toBeLessThan(208_973_525);
    expect(crossings[1]).toBeGreaterThan(208_973_525);
  });
});
