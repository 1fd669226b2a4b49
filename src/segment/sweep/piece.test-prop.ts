import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, levelCrossings, type Piece, turningPoints } from './piece.js';

/**
 * A piece as the sweep builds them: a constant, a slope, and up to five exponential terms with
 * distinct rates (half-lives of hours to years, in milliseconds), coefficients of either sign.
 */
const pieceArbitrary: fc.Arbitrary<Piece> = fc
  .record({
    constant: fc.double({ min: -100, max: 100, noNaN: true }),
    slope: fc.oneof(fc.constant(0), fc.double({ min: -1e-7, max: 1e-7, noNaN: true })),
    terms: fc.uniqueArray(
      fc.record({
        halfLife: fc.integer({ min: 3_600_000, max: 3 * 365 * 86_400_000 }),
        coef: fc.double({ min: -100, max: 100, noNaN: true }),
      }),
      { maxLength: 5, selector: (term) => term.halfLife },
    ),
  })
  .map(({ constant, slope, terms }) => ({
    constant,
    slope,
    rates: terms.map((term) => Math.LN2 / term.halfLife),
    coefs: terms.map((term) => term.coef),
  }));

const GRID = 4000;

/** The piece's size at `tau`: the sum of its terms' magnitudes (what its roundings scale with). */
function size(piece: Piece, tau: number): number {
  let total = Math.abs(piece.constant) + Math.abs(piece.slope * tau);
  for (let k = 0; k < piece.rates.length; k++) {
    total += Math.abs(piece.coefs[k]! * Math.exp(-piece.rates[k]! * tau));
  }
  return total;
}

describe('the zeros of a piece', () => {
  it('every sign change of piece - level on a fine grid holds a crossing, and each crossing is a zero', () => {
    fc.assert(
      fc.property(
        pieceArbitrary,
        fc.double({ min: -150, max: 150, noNaN: true }),
        fc.integer({ min: 86_400_000, max: 5 * 365 * 86_400_000 }),
        (piece, level, hi) => {
          const crossings = levelCrossings(piece, level, 0, hi);
          for (let k = 1; k < crossings.length; k++) {
            expect(crossings[k]!).toBeGreaterThanOrEqual(crossings[k - 1]!);
          }
          for (const tau of crossings) {
            expect(tau).toBeGreaterThanOrEqual(0);
            expect(tau).toBeLessThanOrEqual(hi);
            // a zero to the rounding of the piece's own terms
            const off = Math.abs(evaluate(piece, tau) - level);
            expect(off).toBeLessThanOrEqual(1e-12 * (size(piece, tau) + Math.abs(level)) + 1e-300);
          }
          const step = hi / GRID;
          for (let i = 0; i < GRID; i++) {
            const a = i * step;
            const b = i === GRID - 1 ? hi : (i + 1) * step;
            const fa = evaluate(piece, a) - level;
            const fb = evaluate(piece, b) - level;
            const noise =
              1e-10 * (size(piece, a) + size(piece, b) + Math.abs(level)) + 16 * Number.MIN_VALUE;
            if ((fa > noise && fb < -noise) || (fa < -noise && fb > noise)) {
              expect(crossings.some((tau) => tau >= a && tau <= b)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the piece is monotone between its turning points, on a fine grid', () => {
    fc.assert(
      fc.property(
        pieceArbitrary,
        fc.integer({ min: 86_400_000, max: 5 * 365 * 86_400_000 }),
        (piece, hi) => {
          const turning = turningPoints(piece, 0, hi);
          const points = [0, ...turning, hi];
          for (let k = 0; k + 1 < points.length; k++) {
            const from = points[k]!;
            const to = points[k + 1]!;
            expect(to).toBeGreaterThan(from);
            // rising or falling over the whole stretch, as its ends say, to within the roundings
            const direction = Math.sign(evaluate(piece, to) - evaluate(piece, from));
            let last = evaluate(piece, from);
            for (let i = 1; i <= 200; i++) {
              const tau = i === 200 ? to : from + ((to - from) * i) / 200;
              const value = evaluate(piece, tau);
              // relative to the terms' size, and a few subnormals where the terms underflow
              const noise = 1e-10 * (size(piece, tau) + size(piece, from)) + 16 * Number.MIN_VALUE;
              expect(direction * (value - last)).toBeGreaterThanOrEqual(-noise);
              last = value;
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a sum whose coefficients all have one sign has no turning point, one that changes sign once at most one', () => {
    const day = 86_400_000;
    // slope -1e-9 and three falling terms: every coefficient of the derivative negative
    const falling = {
      constant: 50,
      slope: -1e-9,
      rates: [Math.LN2 / day, Math.LN2 / (7 * day), Math.LN2 / (30 * day)],
      coefs: [5, 10, 20],
    };
    expect(turningPoints(falling, 0, 365 * day)).toEqual([]);
    // a slow positive boost and a fast negative one: the sum rises, then falls (one turning point)
    const hump = {
      constant: 0,
      slope: 0,
      rates: [Math.LN2 / (30 * day), Math.LN2 / (3 * day)],
      coefs: [30, -30],
    };
    const turning = turningPoints(hump, 0, 365 * day);
    expect(turning).toHaveLength(1);
    // the derivative's zero: 30 r1 e^(-r1 t) = 30 r2 e^(-r2 t), t = ln(r2 / r1) / (r2 - r1)
    const r1 = Math.LN2 / (30 * day);
    const r2 = Math.LN2 / (3 * day);
    expect(turning[0]!).toBeCloseTo(Math.log(r2 / r1) / (r2 - r1), -1);
  });
});
