import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day, hour, modelArbitrary } from '../../test/segmentArbitraries.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { forecast } from './forecast.js';
import { segmentAt } from './segmentAt.js';

describe('forecast properties', () => {
  it('the segment just before next.at is the current one and just after it is next.segment', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        const past = events.filter((event) => (event.at as number) <= at);
        const result = forecast(model, events, at);
        expect(result.segment).toBe(segmentAt(model, events, at));
        if (result.next === null) return;
        expect(result.next.at).toBeGreaterThan(at);
        expect(result.next.segment).not.toBe(result.segment);
        expect(segmentAt(model, past, result.next.at - 1)).toBe(result.segment);
        expect(segmentAt(model, past, result.next.at)).toBe(result.next.segment);
      }),
      { numRuns: 300 },
    );
  });

  it('no segment change between at and next.at on a fine grid', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        const past = events.filter((event) => (event.at as number) <= at);
        const result = forecast(model, events, at);
        const end = result.next === null ? at + 400 * day : result.next.at - 1;
        for (let k = 1; k <= 200; k++) {
          const t = Math.floor(at + ((end - at) * k) / 200);
          expect(segmentAt(model, past, t)).toBe(result.segment);
        }
      }),
    );
  });

  it('next is the first change a dense scan of segmentAt finds, refined by bisection to the millisecond, negative boosts included (issue 21)', () => {
    const base = Date.UTC(2025, 11, 1);
    const arbitrary = modelArbitrary.chain((model) =>
      fc.record({
        model: fc.constant(model),
        events: fc.array(
          fc.record({
            behaviour: fc.constantFrom(...model.behaviourIds),
            at: fc.integer({ min: base, max: base + 30 * day }),
            weight: fc.oneof(
              fc.constantFrom(1, 2, 0.5),
              fc.double({ min: 0.1, max: 3, noNaN: true }),
            ),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        at: fc.integer({ min: base, max: base + 35 * day }),
      }),
    );
    /** The first millisecond after `at` in another segment than `current`, or null. */
    const scan = (
      model: Model,
      past: readonly EngagementEvent[],
      at: number,
      current: string,
    ): number | null => {
      const horizon = 4000 * hour;
      const points: number[] = [];
      for (let k = 0; k <= 40; k++) points.push(at + 2 ** k);
      for (let k = 1; k <= 400; k++) points.push(Math.floor(at + (horizon * k) / 400));
      for (const event of past) {
        for (let k = 1; k <= 20; k++) points.push(Math.floor((event.at as number) + k * 24 * hour));
      }
      const sorted = [...new Set(points.filter((t) => t > at && t <= at + horizon))].sort(
        (x, y) => x - y,
      );
      let before = at;
      for (const t of sorted) {
        if (segmentAt(model, past, t) !== current) {
          let low = before;
          let high = t;
          while (high - low > 1) {
            const middle = Math.floor((low + high) / 2);
            if (segmentAt(model, past, middle) !== current) high = middle;
            else low = middle;
          }
          return high;
        }
        before = t;
      }
      return null;
    };
    fc.assert(
      fc.property(arbitrary, ({ model, events, at }) => {
        const past = events.filter((event) => (event.at as number) <= at);
        const result = forecast(model, events, at);
        const found = scan(model, past, at, result.segment);
        if (found === null) return;
        expect(result.next).not.toBeNull();
        expect(result.next!.at).toBeLessThanOrEqual(found);
      }),
      { numRuns: 60 },
    );
  });

  // Open (issue 21): a score that rises, peaks within the closed form's error bound just above a
  // threshold and falls again is missed. up: +40 exponential(100 h), down: -40 exponential(20 h),
  // both at 0 with weight w = 10 / scoreAt(unit weights, 208973525) (times 1 to 1 + 1e-13):
  // forecast(model, events, 0).next is null while segmentAt gives 'low' from 208973425..525.
  it.todo('next finds a rise to just above a threshold at the peak of a rise-then-fall');
});
