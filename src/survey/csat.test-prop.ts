import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces } from './ces.js';
import { csat } from './csat.js';

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
