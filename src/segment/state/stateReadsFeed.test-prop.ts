import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  scenarioArbitrary,
  toColumns,
} from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { advanceState } from '../../score/state/advanceState.js';
import { applyColumns } from '../../score/state/applyColumns.js';
import { createScoreState } from '../../score/state/createScoreState.js';
import { parseState } from '../../score/state/parseState.js';
import { parseStateBinary } from '../../score/state/parseStateBinary.js';
import { serializeState } from '../../score/state/serializeState.js';
import { serializeStateBinary } from '../../score/state/serializeStateBinary.js';
import { atRisk } from '../atRisk.js';
import { forecast } from '../forecast.js';
import { forecastColumns } from '../forecastColumns.js';
import { segmentCounts } from '../segmentCounts.js';
import { atRiskOfState } from './atRiskOfState.js';
import { forecastCustomer } from './forecastCustomer.js';
import { forecastState } from './forecastState.js';
import { segmentCountsOfState } from './segmentCountsOfState.js';

const ids = Array.from({ length: 8 }, (_, c) => `c${c}`);

/** The events as columns with their weights. */
const columnsOf = (events: readonly ColumnEvent[]) => toColumns(events, true);

/**
 * A scenario fed to a state in two batches: the first folded, then the state advanced to `now`
 * (so that later events stamped after it are held), the second applied; the state read at `at`
 * (not before `now` nor the first batch's newest event), after a restart from a JSON or binary
 * checkpoint at random.
 */
const readArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    split: fc.nat({ max: scenario.events.length }),
    now: fc.integer({ min: 0, max: 1000 }),
    later: fc.integer({ min: 0, max: 600 }),
    restart: fc.constantFrom('none', 'json', 'binary'),
    within: fc.integer({ min: 0, max: 800 }),
  }),
);

type Read = typeof readArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build({ scenario, split, now, later, restart }: Read) {
  const model = scenario.model as Model;
  const events = scenario.events as ColumnEvent[];
  let state = createScoreState(model);
  applyColumns(state, columnsOf(events.slice(0, split)), ids);
  const newest = events.slice(0, split).reduce((most, event) => Math.max(most, event.at), now);
  advanceState(state, newest);
  applyColumns(state, columnsOf(events.slice(split)), ids);
  if (restart === 'json') state = parseState(model, serializeState(state));
  if (restart === 'binary') state = parseStateBinary(model, serializeStateBinary(state));
  return { model, events, state, at: newest + later };
}

function objectsOf(model: Model, events: readonly ColumnEvent[]): EngagementEvent[] {
  return events.map((event) => ({
    customerId: ids[event.customer]!,
    behaviour: model.behaviourIds[event.behaviour]!,
    at: event.at,
    weight: event.weight,
  }));
}

describe('reads of a state fed in two batches, with held events and a restart, equal the same reads over the events', () => {
  it('forecastState equals forecastColumns customer by customer, with held events, after a restart', () => {
    fc.assert(
      fc.property(readArbitrary, (input) => {
        const { model, events, state, at } = build(input);
        const result = forecastState(state, at);
        const reference = forecastColumns(model, columnsOf(events), at, ids.length);
        const seen = new Set(events.map((event) => ids[event.customer]));
        expect(new Set(result.customerIds)).toEqual(seen);
        result.customerIds.forEach((id, c) => {
          const r = ids.indexOf(id);
          expect(close(result.score[c]!, reference.score[r]!)).toBe(true);
          expect([result.segment[c], result.nextAt[c], result.nextSegment[c]]).toEqual([
            reference.segment[r],
            reference.nextAt[r],
            reference.nextSegment[r],
          ]);
        });
      }),
    );
  });

  it("forecastCustomer equals forecast over that customer's events", () => {
    fc.assert(
      fc.property(readArbitrary, fc.nat({ max: ids.length - 1 }), (input, customer) => {
        const { model, events, state, at } = build(input);
        const own = objectsOf(
          model,
          events.filter((event) => event.customer === customer),
        );
        const result = forecastCustomer(state, ids[customer]!, at);
        const reference = forecast(model, own, at);
        expect(close(result.score, reference.score)).toBe(true);
        expect({ ...result, score: 0 }).toEqual({ ...reference, score: 0 });
      }),
    );
  });

  it('segmentCountsOfState equals segmentCounts and atRiskOfState equals atRisk', () => {
    fc.assert(
      fc.property(readArbitrary, (input) => {
        const { model, events, state, at } = build(input);
        const objects = objectsOf(model, events);
        expect(segmentCountsOfState(state, at)).toEqual(segmentCounts(model, objects, at));
        const options = { at, within: input.within };
        const list = atRiskOfState(state, options);
        const reference = atRisk(model, objects, options);
        expect(list.map((entry) => ({ ...entry, score: 0 }))).toEqual(
          reference.map((entry) => ({ ...entry, score: 0 })),
        );
        list.forEach((entry, k) => {
          expect(close(entry.score, reference[k]!.score)).toBe(true);
        });
      }),
    );
  });
});
