import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces } from './ces.js';
import { csat } from './csat.js';
import { nps } from './nps.js';

const answers = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 300 });

describe('csat and ces properties', () => {
  it('score, mean and interval stay within their bounds and the interval contains the score', () => {
    fc.assert(
      fc.property(answers, (responses) => {
        const result = csat(responses);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.mean).toBeGreaterThanOrEqual(1);
        expect(result.mean).toBeLessThanOrEqual(5);
        expect(result.interval.lower).toBeGreaterThanOrEqual(0);
        expect(result.interval.upper).toBeLessThanOrEqual(100);
        expect(result.interval.lower).toBeLessThanOrEqual(result.score + 1e-9);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.score - 1e-9);
        expect(result.distribution.reduce((sum, point) => sum + point.count, 0)).toBe(result.n);
      }),
    );
  });

  it('adding a satisfied answer never lowers CSAT', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(4, 5), (responses, happy) => {
        expect(csat([...responses, happy]).score).toBeGreaterThanOrEqual(csat(responses).score);
      }),
    );
  });

  it('permuting responses changes nothing', () => {
    fc.assert(
      fc.property(answers, (responses) => {
        const reversed = [...responses].reverse();
        const sorted = [...responses].sort((a, b) => a - b);
        expect(csat(reversed)).toStrictEqual(csat(responses));
        expect(csat(sorted)).toStrictEqual(csat(responses));
        expect(ces(sorted, { scale: [1, 5] })).toStrictEqual(ces(responses, { scale: [1, 5] }));
      }),
    );
  });

  it('ces share of easy answers on 1..5 equals csat with the same threshold', () => {
    fc.assert(
      fc.property(answers, (responses) => {
        const effort = ces(responses, { scale: [1, 5], aggregate: 'shareEasy' });
        const satisfaction = csat(responses);
        expect(effort.score).toBe(satisfaction.score);
        expect(effort.shareEasyInterval).toStrictEqual(satisfaction.interval);
        expect(effort.mean).toBe(satisfaction.mean);
      }),
    );
  });
});

describe('csat weights properties', () => {
  const weighted = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 })), {
      minLength: 1,
      maxLength: 60,
    })
    .filter((pairs) => pairs.some(([, w]) => w > 0))
    .map((pairs) => ({ answers: pairs.map(([a]) => a), weights: pairs.map(([, w]) => w) }));

  it('a whole weight k gives the score and mean of the answer repeated k times', () => {
    fc.assert(
      fc.property(weighted, ({ answers, weights }) => {
        const repeated = answers.flatMap((answer, i) => Array(weights[i]!).fill(answer));
        const result = csat(answers, { weights });
        const plain = csat(repeated);
        expect(result.score).toBeCloseTo(plain.score, 10);
        expect(result.mean).toBeCloseTo(plain.mean, 12);
        expect(result.n).toBe(answers.length);
        expect(result.effectiveSampleSize).toBeLessThanOrEqual(answers.length + 1e-9);
      }),
    );
  });

  it('equal weights give the unweighted result', () => {
    fc.assert(
      fc.property(weighted, fc.double({ min: 0.1, max: 10, noNaN: true }), ({ answers }, w) => {
        const plain = csat(answers);
        const even = csat(answers, { weights: answers.map(() => w) });
        expect(even.score).toBeCloseTo(plain.score, 10);
        expect(even.interval.lower).toBeCloseTo(plain.interval.lower, 8);
        expect(even.interval.upper).toBeCloseTo(plain.interval.upper, 8);
        expect(even.effectiveSampleSize).toBeCloseTo(answers.length, 9);
      }),
    );
  });
});

describe('survey weights of any magnitude', () => {
  it('multiplying every weight by 1e-200 .. 1e200 changes no csat, ces or nps result', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.01, max: 100, noNaN: true })),
          {
            minLength: 2,
            maxLength: 40,
          },
        ),
        fc.constantFrom(1e-200, 1e-120, 1e120, 1e200),
        (pairs, factor) => {
          const answers = pairs.map(([answer]) => answer);
          const weights = pairs.map(([, weight]) => weight);
          const scaled = weights.map((weight) => weight * factor);
          const near = (a: number | null, b: number | null) =>
            a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
          const a = csat(answers, { weights: scaled });
          const b = csat(answers, { weights });
          expect(near(a.score, b.score) && near(a.effectiveSampleSize, b.effectiveSampleSize)).toBe(
            true,
          );
          expect(
            near(a.interval.lower, b.interval.lower) && near(a.interval.upper, b.interval.upper),
          ).toBe(true);
          const c = ces(answers, { weights: scaled, scale: [1, 5] });
          const d = ces(answers, { weights, scale: [1, 5] });
          expect(near(c.mean, d.mean)).toBe(true);
          expect(near(c.meanInterval!.lower, d.meanInterval!.lower)).toBe(true);
          expect(near(c.meanInterval!.upper, d.meanInterval!.upper)).toBe(true);
          const tens = answers.map((answer) => answer * 2);
          const e = nps(tens, { weights: scaled });
          const f = nps(tens, { weights });
          expect(near(e.score, f.score) && near(e.marginOfError, f.marginOfError)).toBe(true);
        },
      ),
    );
  });
});
