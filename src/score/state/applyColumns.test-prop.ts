import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  modelArbitrary,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { advanceState } from './advanceState.js';
import { applyColumns } from './applyColumns.js';
import { applyColumnsInChunks } from './applyColumnsInChunks.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { mergeStates } from './mergeStates.js';
import { scoreState } from './scoreState.js';
import { customerSlot, type ScoreState } from './scoreStateParts.js';
import { serializeState } from './serializeState.js';

const ids = ['c0', 'c1', 'c2', 'c3', 'c4'];

/** The state of `applyEvent` on each event in turn; `customerIds` names the customer indexes. */
function oneByOne(
  model: Model,
  events: readonly ColumnEvent[],
  weighted: boolean,
  customerIds: readonly string[] = ids,
): ScoreState {
  const state = createScoreState(model);
  for (const event of events) {
    applyEvent(state, {
      customerId: customerIds[event.customer]!,
      behaviour: model.behaviourIds[event.behaviour]!,
      at: event.at,
      ...(weighted ? { weight: event.weight } : {}),
    });
  }
  return state;
}

/** A scenario, its events in arrival order, cut into batches. */
const batchedArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    order: fc.shuffledSubarray(scenario.events, { minLength: scenario.events.length }),
    cuts: fc.array(fc.integer({ min: 0, max: scenario.events.length }), { maxLength: 4 }),
    later: fc.integer({ min: 0, max: 500 }),
  }),
);

function batches<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), items.length];
  return bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
}

/**
 * Checks, on random events of `customers` customers (ids `prefix0`, `prefix1`, ...) cut into at
 * most 4 batches, that applyColumns builds the JSON of applyEvent on each event in turn and
 * scores as scoreAt; `chunked`: applying each batch in chunks of 1 to 1200 events.
 */
function checkManyCustomers(
  customers: number,
  prefix: string,
  length: { readonly minLength: number; readonly maxLength: number },
  numRuns: number,
  chunked = false,
): void {
  const many = Array.from({ length: customers }, (_, c) => `${prefix}${c}`);
  const arbitrary = modelArbitrary.chain((model) =>
    fc.record({
      model: fc.constant(model),
      events: fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: customers - 1 }),
          behaviour: fc.integer({ min: 0, max: model.behaviourIds.length - 1 }),
          at: fc.integer({ min: 0, max: 3000 }),
          weight: fc.integer({ min: -3, max: 5 }),
        }),
        length,
      ),
      cuts: fc.array(fc.nat(length.maxLength), { maxLength: 3 }),
      chunk: chunked ? fc.integer({ min: 1, max: 1200 }) : fc.constant(undefined),
    }),
  );
  fc.assert(
    fc.property(arbitrary, ({ model, events, cuts, chunk }) => {
      const batched = createScoreState(model);
      for (const batch of batches(
        events,
        cuts.map((cut) => Math.min(cut, events.length)),
      )) {
        if (chunk === undefined) applyColumns(batched, toColumns(batch, true), many);
        else applyColumnsInChunks(batched, toColumns(batch, true), many, chunk);
      }
      expect(serializeState(batched)).toBe(serializeState(oneByOne(model, events, true, many)));
      const at = events.reduce((max, event) => Math.max(max, event.at), 0);
      const scores = scoreState(batched, at);
      referenceScores(model, events, at, many.length).forEach((expected, c) => {
        const actual = scores[many[c]!];
        expect(actual === undefined ? expected === 0 : close(actual, expected)).toBe(true);
      });
    }),
    { numRuns },
  );
}

describe('applyColumns properties', () => {
  it('builds the same state as applyEvent on each event in turn, in any batches', () => {
    fc.assert(
      fc.property(batchedArbitrary, ({ scenario: { model, weighted }, order, cuts }) => {
        const state = createScoreState(model);
        for (const batch of batches(order, cuts)) {
          applyColumns(state, toColumns(batch, weighted), ids);
        }
        expect(serializeState(state)).toBe(serializeState(oneByOne(model, order, weighted)));
      }),
      { numRuns: 300 },
    );
  });

  it('scores as scoreAt at or after the newest event, whatever the arrival order', () => {
    fc.assert(
      fc.property(batchedArbitrary, ({ scenario: { model, events, weighted }, order, later }) => {
        const state = applyColumns(createScoreState(model), toColumns(order, weighted), ids);
        const at = events.reduce((max, event) => Math.max(max, event.at), 0) + later;
        const scores = scoreState(state, at);
        const used = weighted ? events : events.map((event) => ({ ...event, weight: 1 }));
        referenceScores(model, used, at, ids.length).forEach((expected, c) => {
          const actual = scores[ids[c]!];
          expect(actual === undefined ? expected === 0 : close(actual, expected)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('shards applied apart and merged equal one state of every event', () => {
    fc.assert(
      fc.property(
        batchedArbitrary,
        ({ scenario: { model, events, weighted }, order, cuts, later }) => {
          const shards = batches(order, cuts).map((batch) =>
            applyColumns(createScoreState(model), toColumns(batch, weighted), ids),
          );
          const merged = shards.reduce((a, b) => mergeStates(a, b));
          const at = events.reduce((max, event) => Math.max(max, event.at), 0) + later;
          const expected = scoreState(oneByOne(model, order, weighted), at);
          const actual = scoreState(merged, at);
          expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
          for (const id of Object.keys(expected)) {
            expect(close(actual[id]!, expected[id]!)).toBe(true);
          }
        },
      ),
    );
  });

  it('with hundreds of customers, batches build the JSON of applyEvent and score as scoreAt', () => {
    checkManyCustomers(300, 'm', { minLength: 200, maxLength: 800 }, 100);
  });

  it('maps customer indexes with the same id to one customer, as applyEvent does', () => {
    const arbitrary = batchedArbitrary.chain((batched) =>
      fc.record({
        batched: fc.constant(batched),
        names: fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 5, maxLength: 5 }),
        seeded: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ batched: { scenario, order, cuts }, names, seeded }) => {
        const { model, weighted } = scenario;
        const batched = createScoreState(model);
        const single = createScoreState(model);
        if (seeded) {
          // a customer already in the state before the batches
          for (const state of [batched, single]) {
            applyEvent(state, { customerId: 'y', behaviour: model.behaviourIds[0]!, at: 0 });
          }
        }
        for (const batch of batches(order, cuts)) {
          applyColumns(batched, toColumns(batch, weighted), names);
        }
        for (const event of order) {
          applyEvent(single, {
            customerId: names[event.customer]!,
            behaviour: model.behaviourIds[event.behaviour]!,
            at: event.at,
            ...(weighted ? { weight: event.weight } : {}),
          });
        }
        expect(serializeState(batched)).toBe(serializeState(single));
      }),
      { numRuns: 200 },
    );
  });

  it('with more customers than one group holds, batches build the JSON of applyEvent', () => {
    checkManyCustomers(1500, 'g', { minLength: 1000, maxLength: 3000 }, 100);
  });

  it('in chunks of a few events, builds the JSON of applyEvent on each event in turn', () => {
    const arbitrary = batchedArbitrary.chain((batched) =>
      fc.record({ batched: fc.constant(batched), chunk: fc.integer({ min: 1, max: 7 }) }),
    );
    fc.assert(
      fc.property(arbitrary, ({ batched: { scenario, order, cuts }, chunk }) => {
        const { model, weighted } = scenario;
        const state = createScoreState(model);
        for (const batch of batches(order, cuts)) {
          applyColumnsInChunks(state, toColumns(batch, weighted), ids, chunk);
        }
        expect(serializeState(state)).toBe(serializeState(oneByOne(model, order, weighted)));
      }),
      { numRuns: 300 },
    );
  });

  it('in chunks, with more customers than one group holds, builds the JSON of applyEvent', () => {
    checkManyCustomers(1500, 'k', { minLength: 1000, maxLength: 3000 }, 100, true);
  });

  it('with the ids listed in the columns (as eventColumns gives them), adds every listed customer after the batch, as applyEvent and a lookup of each would', () => {
    // Ids as a host gives them: strings, integers (short and long) and bigints; 7, 7n and '7'
    // are one customer.
    const idArbitrary = fc.oneof(
      fc.constantFrom('ada', 'bob', '7', '12345678', '123456789'),
      fc.constantFrom(7, -3, 0, 12_345_678, 123_456_789, 1.5),
      fc.constantFrom(7n, 123_456_789n),
    );
    fc.assert(
      fc.property(
        batchedArbitrary,
        fc.array(idArbitrary, { minLength: 5, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 3000 })),
        ({ scenario, order, cuts }, listed, horizon) => {
          const m = scenario.model as Model;
          const state = createScoreState(m);
          const reference = createScoreState(m);
          if (horizon !== null) {
            advanceState(state, horizon);
            advanceState(reference, horizon);
          }
          for (const batch of batches(order, cuts)) {
            applyColumns(state, { ...toColumns(batch, true), customerIds: listed });
            for (const event of batch) {
              applyEvent(reference, {
                customerId: String(listed[event.customer]!),
                behaviour: m.behaviourIds[event.behaviour]!,
                at: event.at,
                weight: event.weight,
              });
            }
            for (const id of listed) customerSlot(reference, String(id));
            expect(serializeState(state)).toBe(serializeState(reference));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a listed id that is not a customer id, with or without events, before changing the state', () => {
    fc.assert(
      fc.property(
        batchedArbitrary,
        fc.nat({ max: 4 }),
        fc.constantFrom(undefined, null, Number.NaN, {}, true),
        ({ scenario, order }, bad, value) => {
          const m = scenario.model as Model;
          const state = createScoreState(m);
          const listed: unknown[] = ['a', 'b', 'c', 'd', 'e'];
          listed[bad] = value;
          const before = serializeState(state);
          try {
            applyColumns(state, { ...toColumns(order, true), customerIds: listed as string[] });
          } catch (error) {
            expect((error as { code?: string }).code).toBe('INVALID_OPTION');
            expect((error as { path?: unknown[] }).path).toEqual(['customerIds', bad]);
            expect(serializeState(state)).toBe(before);
            return;
          }
          throw new Error('a bad listed id was accepted');
        },
      ),
      { numRuns: 100 },
    );
  });
});
