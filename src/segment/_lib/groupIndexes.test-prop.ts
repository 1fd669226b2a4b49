import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, eventsArbitrary, modelArbitrary } from '../../../test/segmentArbitraries.js';
import { compileModel } from '../../model/compileModel.js';
import { MAX_INSTANT } from '../../time/instant.js';
import { forecastColumns } from '../forecastColumns.js';
import { forecastIndexed } from './forecastGrouped.js';
import { ladderOf } from './ladder.js';

/** A model, up to six customers' events interleaved by time, an instant and a split. */
const splitArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    customers: fc.array(eventsArbitrary(model), { minLength: 0, maxLength: 6 }),
    at: fc.integer({ min: 0, max: 110 * day }),
    split: fc.integer({ min: 0, max: 6 }),
  }),
);

describe('forecastIndexed', () => {
  it('the two parts of a split forecast each customer exactly as forecastColumns does on all of them', () => {
    fc.assert(
      fc.property(splitArbitrary, ({ model, customers, at, split }) => {
        const rows = customers
          .flatMap((events, c) => events.map((event) => ({ c, event })))
          .sort((x, y) => (x.event.at as number) - (y.event.at as number));
        const columns = {
          customer: Uint32Array.from(rows, (row) => row.c),
          behaviour: Uint8Array.from(rows, (row) =>
            model.behaviourIds.indexOf(row.event.behaviour),
          ),
          at: Float64Array.from(rows, (row) => row.event.at as number),
          weight: Float64Array.from(rows, (row) => row.event.weight ?? 1),
        };
        const count = customers.length;
        const cut = Math.min(split, count);
        const compiled = compileModel(model);
        const ladder = ladderOf(compiled.model);
        const whole = forecastColumns(compiled, columns, at, count);
        const first = forecastIndexed(compiled, ladder, columns, cut, at, MAX_INSTANT, 'f');
        const second = forecastIndexed(compiled, ladder, columns, count, at, MAX_INSTANT, 'f', cut);
        expect(first.score.length + second.score.length).toBe(count);
        for (let c = 0; c < count; c++) {
          const [part, k] = c < cut ? [first, c] : [second, c - cut];
          expect(part.score[k]).toBe(whole.score[c]);
          expect(part.segment[k]).toBe(whole.segment[c]);
          expect(part.nextAt[k]).toBe(whole.nextAt[c]);
          expect(part.nextSegment[k]).toBe(whole.nextSegment[c]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
