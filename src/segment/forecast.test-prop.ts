import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day } from '../../test/segmentArbitraries.js';
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
});
