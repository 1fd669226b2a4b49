import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictiveValidity } from './predictiveValidity.js';

/** Scores (with many ties: small integers or doubles) and outcomes with both classes present. */
const pairs = fc
  .array(
    fc.tuple(
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
      fc.boolean(),
    ),
    { minLength: 2, maxLength: 80 },
  )
  .filter((rows) => rows.some(([, y]) => y) && rows.some(([, y]) => !y))
  .map((rows) => ({ predictor: rows.map(([x]) => x), outcome: rows.map(([, y]) => y) }));

/** The O(n^2) definition: share of (positive, negative) pairs ordered right, ties one half. */
function pairwiseAuc(predictor: readonly number[], outcome: readonly boolean[]): number {
  let wins = 0;
  let pairsCount = 0;
  predictor.forEach((x, i) => {
    if (!outcome[i]) return;
    predictor.forEach((y, j) => {
      if (outcome[j]) return;
      pairsCount++;
      wins += x > y ? 1 : x === y ? 0.5 : 0;
    });
  });
  return wins / pairsCount;
}

/** Textbook Pearson r (on x scaled to [-1, 1], which r ignores, so that 5e-324 squares to > 0). */
function pearson(raw: readonly number[], ys: readonly number[]): number {
  const largest = Math.max(...raw.map(Math.abs));
  const xs = raw.map((x) => x / largest);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('predictiveValidity properties', () => {
  it('AUC equals the pairwise definition with ties as one half', () => {
    fc.assert(
      fc.property(pairs, ({ predictor, outcome }) => {
        expect(predictiveValidity(predictor, outcome).auc).toBeCloseTo(
          pairwiseAuc(predictor, outcome),
          12,
        );
      }),
    );
  });

  it('AUC is invariant under any strictly increasing transform of the predictor', () => {
    const transforms: ((x: number) => number)[] = [
      (x) => 3 * x - 7,
      (x) => Math.atan(x / 100),
      (x) => x * x * x,
      (x) => Math.exp(x / 500),
    ];
    fc.assert(
      fc.property(pairs, fc.constantFrom(...transforms), ({ predictor, outcome }, transform) => {
        const transformed = predictor.map(transform);
        // Only strictly increasing on these inputs if no two distinct values collapse in floats.
        fc.pre(new Set(transformed).size === new Set(predictor).size);
        expect(predictiveValidity(transformed, outcome).auc).toBe(
          predictiveValidity(predictor, outcome).auc,
        );
      }),
    );
  });

  it('AUC is 1 minus the AUC of the negated predictor (and of the flipped outcome)', () => {
    fc.assert(
      fc.property(pairs, ({ predictor, outcome }) => {
        const auc = predictiveValidity(predictor, outcome).auc;
        expect(
          predictiveValidity(
            predictor.map((x) => -x),
            outcome,
          ).auc,
        ).toBeCloseTo(1 - auc, 12);
        expect(
          predictiveValidity(
            predictor,
            outcome.map((y) => !y),
          ).auc,
        ).toBeCloseTo(1 - auc, 12);
      }),
    );
  });

  it('the correlation equals Pearson r with the outcome coded 1/0', () => {
    fc.assert(
      fc.property(pairs, ({ predictor, outcome }) => {
        fc.pre(new Set(predictor).size > 1);
        const r = predictiveValidity(predictor, outcome).correlation;
        expect(r).not.toBeNull();
        expect(r ?? 0).toBeCloseTo(
          pearson(
            predictor,
            outcome.map((y) => (y ? 1 : 0)),
          ),
          9,
        );
      }),
    );
  });

  it('the interval, when there is one, contains the AUC and lies in [0, 1]', () => {
    fc.assert(
      fc.property(pairs, ({ predictor, outcome }) => {
        const { auc, interval } = predictiveValidity(predictor, outcome);
        if (interval === null) return;
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(auc);
        expect(interval.upper).toBeGreaterThanOrEqual(auc);
      }),
    );
  });
});
