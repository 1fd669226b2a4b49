import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyColumns,
  applyEvent,
  createScoreState,
  defineModel,
  forecast,
  forecastState,
  linear,
  type Model,
  mergeStates,
  parseState,
  parseStateBinary,
  permanent,
  scoreAt,
  scoreCustomer,
  scoreState,
  serializeState,
  serializeStateBinary,
} from '../src/index.js';
import { close } from './columnArbitraries.js';
import { rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';
import { thrown } from './thrown.js';

const HOUR = 3_600_000;

/** The model without its frequency caps and resets: bounds and groups only. */
function boundsAndGroupsOf(model: Model): Model {
  const behaviours = Object.fromEntries(
    model.behaviourIds.map((id) => {
      const { frequencyCap: _cap, resets: _resets, ...rest } = model.behaviours[id]!;
      return [id, rest];
    }),
  );
  return defineModel({
    behaviours,
    segments: model.segments,
    ...(model.groups === undefined ? {} : { groups: model.groups }),
    ...(model.bounds === undefined ? {} : { bounds: model.bounds }),
  } as Parameters<typeof defineModel>[0]);
}

const scenario = rulesModelArbitrary()
  .map(boundsAndGroupsOf)
  .chain((model) =>
    fc.tuple(
      fc.constant(model),
      rulesEventsArbitrary(model, 4),
      fc.integer({ min: 0, max: 100 }).map((hours) => hours * HOUR),
    ),
  );

// Issue 18: the incremental state folds events into per-behaviour sums as they arrive, so it
// keeps the rules that act on those totals (groups with their bounds, the model's bounds) and
// refuses the ones that decide which events count (frequency caps, resets), which may depend on
// events that arrive later.
describe('the incremental state with bounds and groups (properties)', () => {
  it('scoreState and scoreCustomer give every customer the score of scoreAt', () => {
    fc.assert(
      fc.property(scenario, ([model, events, later]) => {
        const state = createScoreState(model);
        for (const event of events) applyEvent(state, event);
        const at = Math.max(0, ...events.map((event) => Number(event.at))) + later;
        const scores = scoreState(state, at);
        for (const id of new Set(events.map((event) => event.customerId))) {
          const expected = scoreAt(
            model,
            events.filter((event) => event.customerId === id),
            at,
          );
          expect(close(scores[id]!, expected), `${id}: ${scores[id]} vs ${expected}`).toBe(true);
          expect(close(scoreCustomer(state, id, at), expected)).toBe(true);
        }
      }),
    );
  });

  it('applyColumns, a JSON and a binary checkpoint and a merge of two halves score as scoreAt does', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ([model, events, later], cut) => {
        const ids = [...new Set(events.map((event) => event.customerId))];
        const toColumns = (part: typeof events) => ({
          customer: Uint32Array.from(part, (event) => ids.indexOf(event.customerId)),
          behaviour: Uint16Array.from(part, (event) => model.behaviourIds.indexOf(event.behaviour)),
          at: Float64Array.from(part, (event) => Number(event.at)),
          weight: Float64Array.from(part, (event) => event.weight ?? 1),
        });
        const split = events.length === 0 ? 0 : cut % (events.length + 1);
        const first = applyColumns(createScoreState(model), toColumns(events.slice(0, split)), ids);
        const second = applyColumns(createScoreState(model), toColumns(events.slice(split)), ids);
        const merged = mergeStates(first, second);
        const at = Math.max(0, ...events.map((event) => Number(event.at))) + later;
        const fromJson = parseState(model, serializeState(merged));
        const fromBinary = parseStateBinary(model, serializeStateBinary(merged));
        for (const id of ids) {
          const expected = scoreAt(
            model,
            events.filter((event) => event.customerId === id),
            at,
          );
          for (const state of [merged, fromJson, fromBinary]) {
            expect(close(scoreCustomer(state, id, at), expected)).toBe(true);
          }
        }
      }),
    );
  });
});

describe('the incremental state and the other scoring rules', () => {
  const day = 86_400_000;
  const behaviours = {
    click: { boost: 30, decay: linear({ days: 10 }) },
    purchase: { boost: 80, decay: permanent() },
  };

  it('clamps a customer to the bounds of the model and of each group, as scoreAt does', () => {
    const model = defineModel({
      behaviours,
      groups: { email: { behaviours: ['click'], bounds: { max: 40 } } },
      bounds: { max: 100 },
    });
    const events = [
      { customerId: 'ada', behaviour: 'click', at: 0 },
      { customerId: 'ada', behaviour: 'click', at: 0 },
      { customerId: 'ada', behaviour: 'purchase', at: 0 },
    ];
    const state = createScoreState(model);
    for (const event of events) applyEvent(state, event);
    // Day 5: clicks 2 * 30 * 0.5 = 30 (under the group's 40), purchase 80: 110, bounded to 100.
    expect(scoreState(state, 5 * day)).toEqual({ ada: 100 });
    // Day 0: clicks 60, bounded to 40, + 80 = 120, bounded to 100; day 8: 12 + 80 = 92.
    expect(scoreCustomer(state, 'ada', 8 * day)).toBeCloseTo(92, 12);
    expect(scoreCustomer(state, 'ada', 8 * day)).toBeCloseTo(scoreAt(model, events, 8 * day), 12);
  });

  it("reports a group's part beyond a float as OVERFLOW naming the customer, never NaN", () => {
    const model = defineModel({
      behaviours: {
        a: { boost: 1e308, decay: permanent() },
        b: { boost: 1e308, decay: permanent() },
      },
      groups: { both: { behaviours: ['a', 'b'] } },
      bounds: { max: 100 },
    });
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'a', at: 0 });
    applyEvent(state, { customerId: 'ada', behaviour: 'b', at: 0 });
    const error = thrown(() => scoreState(state, 0));
    expect(error.code).toBe('OVERFLOW');
    expect(error.message).toContain('"ada"');
    expect(thrown(() => scoreCustomer(state, 'ada', 0)).code).toBe('OVERFLOW');
  });

  it('refuses frequency caps and resets with UNSUPPORTED naming them', () => {
    const model = defineModel({
      behaviours: {
        ...behaviours,
        click: { ...behaviours.click, frequencyCap: { count: 3, per: 'day' } },
        unsubscribe: { boost: 0, decay: permanent(), resets: ['click'] },
      },
    });
    const error = thrown(() => createScoreState(model));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toContain('frequencyCap of "click"');
    expect(error.message).toContain('resets of "unsubscribe"');
  });

  it('never merges or parses states whose bounds or groups differ', () => {
    const a = defineModel({ behaviours, bounds: { max: 100 } });
    const b = defineModel({ behaviours, bounds: { max: 50 } });
    const plain = defineModel({ behaviours });
    const state = createScoreState(a);
    applyEvent(state, { customerId: 'ada', behaviour: 'purchase', at: 0 });
    for (const other of [b, plain]) {
      expect(thrown(() => parseState(other, serializeState(state))).code).toBe('INVALID_STATE');
      const binary = serializeStateBinary(state);
      expect(thrown(() => parseStateBinary(other, binary)).code).toBe('INVALID_STATE');
      const empty = createScoreState(other);
      expect(thrown(() => mergeStates(state, empty)).code).toBe('INVALID_STATE');
    }
  });

  it('forecasts a state with bounds and groups as forecast does over the same events', () => {
    const model = defineModel({
      behaviours,
      groups: { email: { behaviours: ['click'], bounds: { max: 40 } } },
      bounds: { max: 100 },
    });
    const events = [
      { customerId: 'ada', behaviour: 'click', at: 0 },
      { customerId: 'ada', behaviour: 'click', at: day },
      { customerId: 'bob', behaviour: 'click', at: 0 },
      { customerId: 'bob', behaviour: 'purchase', at: 2 * day },
    ];
    const state = createScoreState(model);
    for (const event of events) applyEvent(state, event);
    const forecasts = forecastState(state, 3 * day);
    for (const id of ['ada', 'bob']) {
      const own = events.filter((event) => event.customerId === id);
      const expected = forecast(model, own, 3 * day);
      const row = forecasts.customerIds.indexOf(id);
      expect(forecasts.score[row]).toBeCloseTo(expected.score, 9);
      expect(forecasts.segments[forecasts.segment[row]!]).toBe(expected.segment);
      expect(forecasts.nextAt[row]).toBe(expected.next?.at ?? Number.POSITIVE_INFINITY);
    }
  });
});
