import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast, scoreAt, segmentOf } from '../src/index.js';
import { customer, HOUR, tightCustomer } from './rulesFading.js';

// Issue 18: the forecast of a model with rules is exact, as without: with no new events the
// score is the clamped sum of the groups' clamped sums of the counted events alive.
describe('forecast with the scoring rules (properties)', () => {
  it.each([
    ['drawn thresholds', customer],
    ['thresholds at scores the customer reaches', tightCustomer],
  ] as const)(
    'next.at is the first millisecond in another segment, with %s: scoreAt at next.at - 1 and at random instants before it gives the current segment',
    (_, arbitrary) => {
      fc.assert(
        fc.property(arbitrary, ([model, events, at, fractions]) => {
          const past = events.filter((event) => (event.at as number) <= at);
          const segmentAtTime = (t: number) => segmentOf(model, scoreAt(model, past, t));
          const result = forecast(model, events, at);
          expect(result.score).toBe(scoreAt(model, events, at));
          expect(result.segment).toBe(segmentAtTime(at));
          // between `at` and the change (or far ahead, when none), the segment never changes
          const end = result.next === null ? at + 2000 * HOUR : result.next.at - 1;
          for (const fraction of fractions) {
            const t = Math.floor(at + (end - at) * fraction);
            expect(segmentAtTime(t)).toBe(result.segment);
          }
          if (result.next === null) return;
          expect(result.next.at).toBeGreaterThan(at);
          expect(result.next.segment).not.toBe(result.segment);
          expect(segmentAtTime(result.next.at - 1)).toBe(result.segment);
          expect(segmentAtTime(result.next.at)).toBe(result.next.segment);
        }),
        { numRuns: 300 },
      );
    },
  );
});
