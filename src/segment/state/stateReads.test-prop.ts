import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { close, scenarioArbitrary } from '../../../test/columnArbitraries.js';
import { defineModel } from '../../model/defineModel.js';
import { linear } from '../../model/linear.js';
import type { Model } from '../../model/modelSchema.js';
import { applyColumns } from '../../score/state/applyColumns.js';
import { createScoreState } from '../../score/state/createScoreState.js';
import { atRisk } from '../atRisk.js';
import { forecastColumns } from '../forecastColumns.js';
import { segmentCounts } from '../segmentCounts.js';
import { atRiskOfState } from './atRiskOfState.js';
import { forecastCustomer } from './forecastCustomer.js';
import { forecastState } from './forecastState.js';
import { segmentCountsOfState } from './segmentCountsOfState.js';

/** Within a millisecond (the sweep's answers are whole milliseconds; sums rounded differently). */
function sameInstant(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1;
}

describe('segment reads of an incremental state', () => {
  it('forecastState, forecastCustomer, segmentCountsOfState and atRiskOfState equal forecastColumns, forecast, segmentCounts and atRisk over the same events', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 300 }),
        ({ model, events, customers }, within, later) => {
          const m = model as Model;
          const ids = Array.from({ length: customers }, (_, c) => `c${c}`);
          const columns = {
            customer: Uint32Array.from(events, (event) => event.customer),
            behaviour: Uint8Array.from(events, (event) => event.behaviour),
            at: Float64Array.from(events, (event) => event.at),
            weight: Float64Array.from(events, (event) => event.weight),
          };
          const state = applyColumns(createScoreState(m), columns, ids);
          const at = Math.max(0, state.latest) + later;
          const expected = forecastColumns(m, columns, at, customers);
          const found = forecastState(state, at);
          expect(found.customerIds.length).toBe(new Set(columns.customer).size);
          found.customerIds.forEach((id, c) => {
            const e = Number(id.slice(1));
            expect(close(found.score[c]!, expected.score[e]!)).toBe(true);
            expect(found.segment[c]).toBe(expected.segment[e]);
            expect(found.nextSegment[c]).toBe(expected.nextSegment[e]);
            expect(sameInstant(found.nextAt[c]!, expected.nextAt[e]!)).toBe(true);
            const one = forecastCustomer(state, id, at);
            expect(one.score).toBe(found.score[c]);
            expect(one.segment).toBe(found.segments[found.segment[c]!]);
            expect(one.next?.at ?? Number.POSITIVE_INFINITY).toBe(found.nextAt[c]);
          });
          const objects = events.map((event) => ({
            customerId: ids[event.customer]!,
            behaviour: m.behaviourIds[event.behaviour]!,
            at: event.at,
            weight: event.weight,
          }));
          expect(segmentCountsOfState(state, at)).toEqual(segmentCounts(m, objects, at));
          const listed = atRiskOfState(state, { at, within });
          const reference = atRisk(m, objects, { at, within });
          expect(
            listed.map((entry) => [entry.customerId, entry.segment, entry.drop.segment]),
          ).toEqual(
            reference.map((entry) => [entry.customerId, entry.segment, entry.drop.segment]),
          );
          listed.forEach((entry, i) => {
            expect(sameInstant(entry.drop.at, reference[i]!.drop.at)).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a model with a hysteresis band is refused with UNSUPPORTED naming the band', () => {
    const model = defineModel({
      behaviours: { click: { boost: 40, decay: linear({ days: 10 }) } },
      segments: { high: 30, low: 10, band: 2 },
    });
    const state = createScoreState(model);
    for (const read of [
      () => forecastState(state, 0),
      () => forecastCustomer(state, 'ada', 0),
      () => segmentCountsOfState(state, 0),
      () => atRiskOfState(state, { at: 0, within: { days: 1 } }),
    ]) {
      expect(read).toThrow(
        expect.objectContaining({
          code: 'UNSUPPORTED',
          message: expect.stringMatching(/hysteresis band/),
        }),
      );
    }
  });
});
