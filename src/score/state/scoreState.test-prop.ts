import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  referenceScores,
  scenarioArbitrary,
} from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { mergeStates } from './mergeStates.js';
import { parseState } from './parseState.js';
import { scoreState } from './scoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { serializeState } from './serializeState.js';

function stateOf(model: Model, events: readonly ColumnEvent[]): ScoreState {
  const state = createScoreState(model);
  for (const event of events) {
    applyEvent(state, {
      customerId: `c${event.customer}`,
      behaviour: model.behaviourIds[event.behaviour]!,
      at: event.at,
      weight: event.weight,
    });
  }
  return state;
}

/** Scores of every customer with events, checked against scoreAt. */
function agrees(model: Model, state: ScoreState, events: readonly ColumnEvent[], at: number) {
  const scores = scoreState(state, at);
  const customers = Math.max(0, ...events.map((event) => event.customer + 1));
  const expected = referenceScores(model, events, at, customers);
  return expected.every((score, customer) => {
    const actual = scores[`c${customer}`];
    return actual === undefined ? score === 0 : close(actual, score);
  });
}

/** A scenario scored at or after its newest event, with its events in an arbitrary order. */
const streamArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    order: fc.shuffledSubarray(scenario.events, { minLength: scenario.events.length }),
    later: fc.integer({ min: 0, max: 500 }),
    cuts: fc.array(fc.integer({ min: 0, max: scenario.events.length }), { maxLength: 4 }),
    grouping: fc.array(fc.nat(), { maxLength: 6 }),
  }),
);

function atOrAfterAll(events: readonly ColumnEvent[], later: number): number {
  return events.reduce((max, event) => Math.max(max, event.at), 0) + later;
}

describe('incremental state properties', () => {
  it('equals scoreAt whatever the order events arrive in', () => {
    fc.assert(
      fc.property(streamArbitrary, ({ scenario: { model, events }, order, later }) => {
        const at = atOrAfterAll(events, later);
        expect(agrees(model, stateOf(model, order), events, at)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('merging shards in any grouping equals one state of every event', () => {
    fc.assert(
      fc.property(
        streamArbitrary,
        ({ scenario: { model, events }, order, later, cuts, grouping }) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), order.length];
          let shards = bounds.slice(1).map((end, i) => stateOf(model, order.slice(bounds[i], end)));
          for (const pick of grouping) {
            if (shards.length < 2) break;
            const i = pick % (shards.length - 1);
            shards = [
              ...shards.slice(0, i),
              mergeStates(shards[i + 1]!, shards[i]!),
              ...shards.slice(i + 2),
            ];
          }
          const merged = shards.reduce((a, b) => mergeStates(a, b));
          expect(agrees(model, merged, events, atOrAfterAll(events, later))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merging is commutative', () => {
    fc.assert(
      fc.property(streamArbitrary, ({ scenario: { model, events }, order, later, cuts }) => {
        const cut = cuts[0] ?? 0;
        const a = stateOf(model, order.slice(0, cut));
        const b = stateOf(model, order.slice(cut));
        const at = atOrAfterAll(events, later);
        const ab = scoreState(mergeStates(a, b), at);
        const ba = scoreState(mergeStates(b, a), at);
        expect(Object.keys(ab).sort()).toEqual(Object.keys(ba).sort());
        for (const id of Object.keys(ab)) expect(close(ab[id]!, ba[id]!)).toBe(true);
      }),
    );
  });

  it('serialise then parse gives back the same state', () => {
    fc.assert(
      fc.property(streamArbitrary, ({ scenario: { model, events }, order, later }) => {
        const state = stateOf(model, order);
        const text = serializeState(state);
        const parsed = parseState(model, text);
        expect(serializeState(parsed)).toBe(text);
        const at = atOrAfterAll(events, later);
        expect(scoreState(parsed, at)).toEqual(scoreState(state, at));
      }),
    );
  });

  it('refuses to score before the newest event applied', () => {
    fc.assert(
      fc.property(streamArbitrary, ({ scenario: { model, events }, order }) => {
        fc.pre(events.length > 0);
        const state = stateOf(model, order);
        expect(() => scoreState(state, state.latest - 1)).toThrow(/before the newest event/);
      }),
    );
  });
});
