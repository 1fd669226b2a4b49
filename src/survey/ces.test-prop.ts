import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces } from './ces.js';

describe('ces mean interval properties', () => {
  it('the interval contains the mean and stays on the scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 200 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (answers, confidence) => {
          const { mean, meanInterval } = ces(answers, { confidence });
          expect(meanInterval).not.toBeNull();
          expect(meanInterval!.lower).toBeLessThanOrEqual(mean + 1e-12);
          expect(meanInterval!.upper).toBeGreaterThanOrEqual(mean - 1e-12);
          expect(meanInterval!.lower).toBeGreaterThanOrEqual(1);
          expect(meanInterval!.upper).toBeLessThanOrEqual(7);
        },
      ),
    );
  });
});

describe('ces weights properties', () => {
  const weighted = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 })), {
      minLength: 2,
      maxLength: 60,
    })
    .map((pairs) => ({ answers: pairs.map(([a]) => a), weights: pairs.map(([, w]) => w) }));

  it('equal weights give the unweighted mean, share and intervals', () => {
    fc.assert(
      fc.property(weighted, fc.integer({ min: 1, max: 5 }), ({ answers }, w) => {
        const plain = ces(answers);
        const even = ces(answers, { weights: answers.map(() => w) });
        expect(even.mean).toBeCloseTo(plain.mean, 12);
        expect(even.shareEasy).toBeCloseTo(plain.shareEasy, 10);
        expect(even.effectiveSampleSize).toBeCloseTo(answers.length, 10);
        expect(even.meanInterval!.lower).toBeCloseTo(plain.meanInterval!.lower, 10);
        expect(even.meanInterval!.upper).toBeCloseTo(plain.meanInterval!.upper, 10);
        expect(even.shareEasyInterval.lower).toBeCloseTo(plain.shareEasyInterval.lower, 8);
        expect(even.shareEasyInterval.upper).toBeCloseTo(plain.shareEasyInterval.upper, 8);
      }),
    );
  });

  it('a whole weight k gives the mean and share of the answer repeated k times', () => {
    fc.assert(
      fc.property(weighted, ({ answers, weights }) => {
        const repeated = answers.flatMap((answer, i) => Array(weights[i]!).fill(answer));
        const result = ces(answers, { weights });
        const plain = ces(repeated);
        expect(result.mean).toBeCloseTo(plain.mean, 12);
        expect(result.shareEasy).toBeCloseTo(plain.shareEasy, 10);
        expect(result.effectiveSampleSize).toBeLessThanOrEqual(answers.length + 1e-9);
      }),
    );
  });
});
