import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nps } from './nps.js';
import { npsFromCounts } from './npsFromCounts.js';

const answer = fc.integer({ min: 0, max: 10 });
const answers = fc.array(answer, { minLength: 1, maxLength: 300 });
const confidence = fc.constantFrom(0.8, 0.9, 0.95, 0.99);
const method = fc.constantFrom('wald' as const, 'adjustedWald' as const);

describe('nps properties', () => {
  it('score, rates and interval stay within their bounds', () => {
    fc.assert(
      fc.property(answers, confidence, method, (responses, level, how) => {
        const result = nps(responses, { confidence: level, method: how });
        expect(result.score).toBeGreaterThanOrEqual(-100);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const rate of [result.promoterRate, result.passiveRate, result.detractorRate]) {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
        }
        expect(result.interval.lower).toBeGreaterThanOrEqual(-100);
        expect(result.interval.upper).toBeLessThanOrEqual(100);
        expect(result.interval.lower).toBeLessThanOrEqual(result.interval.upper);
        expect(Number.isFinite(result.marginOfError)).toBe(true);
      }),
    );
  });

  it('adding a promoter never lowers the score', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(9, 10), (responses, promoter) => {
        expect(nps([...responses, promoter]).score).toBeGreaterThanOrEqual(nps(responses).score);
      }),
    );
  });

  it('adding a detractor never raises the score', () => {
    fc.assert(
      fc.property(answers, fc.integer({ min: 0, max: 6 }), (responses, detractor) => {
        expect(nps([...responses, detractor]).score).toBeLessThanOrEqual(nps(responses).score);
      }),
    );
  });

  it('the Wald interval contains the point estimate', () => {
    fc.assert(
      fc.property(answers, confidence, (responses, level) => {
        const result = nps(responses, { confidence: level });
        expect(result.interval.lower).toBeLessThanOrEqual(result.score);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.score);
      }),
    );
  });

  // Not true for every tiny sample (2 counterexamples below n = 30); checked exhaustively for every
  // (promoters, passives, detractors) with 30 <= n <= 300.
  it('the adjusted-Wald interval contains the point estimate once n >= 30', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 30, maxLength: 300 }), (responses) => {
        const result = nps(responses, { method: 'adjustedWald' });
        expect(result.interval.lower).toBeLessThanOrEqual(result.score);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.score);
      }),
    );
  });

  it('permuting responses changes nothing', () => {
    fc.assert(
      fc.property(
        answers.chain((responses) =>
          fc.tuple(
            fc.constant(responses),
            fc.shuffledSubarray(responses, {
              minLength: responses.length,
              maxLength: responses.length,
            }),
          ),
        ),
        ([responses, permuted]) => {
          expect(nps(permuted)).toStrictEqual(nps(responses));
        },
      ),
    );
  });

  it('permuting weighted responses together with their weights changes nothing', () => {
    const pairs = fc.array(fc.tuple(answer, fc.double({ min: 0.01, max: 100, noNaN: true })), {
      minLength: 1,
      maxLength: 100,
    });
    fc.assert(
      fc.property(pairs, fc.infiniteStream(fc.nat()), (list, stream) => {
        const order = list.map((pair, index) => ({ pair, key: stream.next().value ?? index }));
        const permuted = order.sort((x, y) => x.key - y.key).map(({ pair }) => pair);
        const a = nps(
          list.map(([r]) => r),
          { weights: list.map(([, w]) => w) },
        );
        const b = nps(
          permuted.map(([r]) => r),
          { weights: permuted.map(([, w]) => w) },
        );
        expect(b.score).toBeCloseTo(a.score, 9);
        expect(b.effectiveSampleSize).toBeCloseTo(a.effectiveSampleSize, 9);
        expect(b.marginOfError).toBeCloseTo(a.marginOfError, 9);
      }),
    );
  });

  it('equal weights give the unweighted result, and Kish n never exceeds n', () => {
    fc.assert(
      fc.property(answers, fc.double({ min: 0.001, max: 1000, noNaN: true }), (responses, w) => {
        const plain = nps(responses);
        const weighted = nps(responses, { weights: responses.map(() => w) });
        expect(weighted.score).toBeCloseTo(plain.score, 9);
        expect(weighted.effectiveSampleSize).toBeCloseTo(responses.length, 9);
        expect(weighted.marginOfError).toBeCloseTo(plain.marginOfError, 9);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(answer, fc.double({ min: 0.01, max: 100, noNaN: true })), {
          minLength: 1,
          maxLength: 100,
        }),
        (list) => {
          const result = nps(
            list.map(([r]) => r),
            { weights: list.map(([, w]) => w) },
          );
          expect(result.effectiveSampleSize).toBeLessThanOrEqual(list.length * (1 + 1e-12));
          expect(result.effectiveSampleSize).toBeGreaterThanOrEqual(1 - 1e-12);
        },
      ),
    );
  });

  it('npsFromCounts gives exactly what nps gives for the same answers', () => {
    fc.assert(
      fc.property(answers, confidence, method, (responses, level, how) => {
        const result = nps(responses, { confidence: level, method: how });
        const { promoters, passives, detractors } = result;
        expect(
          npsFromCounts({ promoters, passives, detractors }, { confidence: level, method: how }),
        ).toStrictEqual(result);
      }),
    );
  });

  it('a higher confidence level never gives a narrower margin', () => {
    fc.assert(
      fc.property(answers, (responses) => {
        const margins = [0.8, 0.9, 0.95, 0.99].map(
          (level) => nps(responses, { confidence: level }).marginOfError,
        );
        for (let i = 1; i < margins.length; i++) {
          expect(margins[i]!).toBeGreaterThanOrEqual(margins[i - 1]!);
        }
      }),
    );
  });
});
