import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day, hour, modelArbitrary } from '../../test/segmentArbitraries.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import type { Model } from '../model/modelSchema.js';
import { permanent } from '../model/permanent.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { scoreAt } from '../score/scoreAt.js';
import { forecast } from './forecast.js';
import { segmentAt } from './segmentAt.js';
import { transitions } from './transitions.js';

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

  // Issue 21: up +40 exponential(100 h), down -40 exponential(20 h), both at 0, weighted so the
  // score peaks just above 10 at about 208,973,525 ms: the sweep's doubling step used to jump over
  // the few milliseconds where the customer is 'low', and next was null.
  it('next finds a rise to just above a threshold at the peak of a rise-then-fall (issue 21)', () => {
    const model = defineModel({
      behaviours: {
        up: { boost: 40, decay: exponential({ hours: 100 }) },
        down: { boost: -40, decay: exponential({ hours: 20 }) },
      },
    });
    const unit = [
      { behaviour: 'up', at: 0 },
      { behaviour: 'down', at: 0 },
    ];
    const peak = scoreAt(model, unit, 208_973_525);
    for (const factor of [1, 1 + 1e-14, 1 + 3e-14, 1 + 1e-13]) {
      const weight = (10 / peak) * factor;
      const events = unit.map((event) => ({ ...event, weight }));
      const first = firstOther(model, events, 208_972_000, 208_975_000, 'disengaged');
      expect(first).not.toBeNull();
      expect(forecast(model, events, 0).next).toEqual({ at: first, segment: 'low' });
      const changes = transitions(model, events, { from: 0, to: 1e9 });
      expect(changes.map((change) => change.at)[0]).toBe(first);
      expect(changes[0]!.to).toBe('low');
    }
  });

  it('next is the first millisecond a scan of every millisecond around a peak or trough within 3e-13 of a threshold finds (issue 21)', () => {
    const arbitrary = fc.record({
      slowHours: fc.double({ min: 2, max: 200, noNaN: true }),
      ratio: fc.double({ min: 1.1, max: 20, noNaN: true }),
      boost: fc.double({ min: 1, max: 100, noNaN: true }),
      trough: fc.boolean(),
      threshold: fc.constantFrom(10, 30),
      relative: fc.double({ min: -3e-13, max: 3e-13, noNaN: true }),
    });
    fc.assert(
      fc.property(arbitrary, ({ slowHours, ratio, boost, trough, threshold, relative }) => {
        // a trough: 40 permanent minus the same rise, dipping to the threshold from above
        const sign = trough ? -1 : 1;
        const model = defineModel({
          behaviours: {
            slow: { boost: sign * boost, decay: exponential({ hours: slowHours }) },
            fast: { boost: -sign * boost, decay: exponential({ hours: slowHours / ratio }) },
            base: { boost: 40, decay: permanent() },
          },
        });
        const slow = Math.LN2 / (slowHours * hour);
        const fast = slow * ratio;
        const turning = Math.round(Math.log(fast / slow) / (fast - slow));
        const unit = [
          { behaviour: 'slow', at: 0 },
          { behaviour: 'fast', at: 0 },
        ];
        const height = Math.abs(scoreAt(model, unit, turning));
        const target = trough ? 40 - threshold : threshold;
        const weight = (target / height) * (1 + relative);
        const events = [
          ...unit.map((event) => ({ ...event, weight })),
          ...(trough ? [{ behaviour: 'base', at: 0 }] : []),
        ];
        // from 0 when the threshold is the first one the score meets, else from just before
        const at = (threshold === 10) !== trough ? 0 : turning - 4000;
        const result = forecast(model, events, at);
        const first = firstOther(model, events, turning - 4000, turning + 4000, result.segment);
        if (first === null)
          expect(result.next === null || result.next.at > turning + 4000).toBe(true);
        else expect(result.next?.at).toBe(first);
      }),
      { numRuns: 150 },
    );
  });
});

/** The first whole millisecond in `[from, to]` whose segment is not `current`, or null. */
function firstOther(
  model: Model,
  events: readonly EngagementEvent[],
  from: number,
  to: number,
  current: string,
): number | null {
  for (let t = from; t <= to; t++) if (segmentAt(model, events, t) !== current) return t;
  return null;
}
