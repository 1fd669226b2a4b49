import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { advanceState } from './advanceState.js';
import { applyColumns } from './applyColumns.js';
import { applyEvent } from './applyEvent.js';
import { createScoreState } from './createScoreState.js';
import { heldEvents } from './heldEvents.js';
import { mergeStates } from './mergeStates.js';
import { parseState } from './parseState.js';
import { scoreCustomer } from './scoreCustomer.js';
import { scoreState } from './scoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { serializeState } from './serializeState.js';

const ids = Array.from({ length: 64 }, (_, c) => `c${c}`);

/** The events as columns with their weights. */
const columnsOf = (events: readonly ColumnEvent[]) => toColumns(events, true);

function apply(state: ScoreState, model: Model, events: readonly ColumnEvent[], byEvent: boolean) {
  if (!byEvent) return applyColumns(state, columnsOf(events), ids);
  for (const event of events) {
    applyEvent(state, {
      customerId: ids[event.customer]!,
      behaviour: model.behaviourIds[event.behaviour]!,
      at: event.at,
      weight: event.weight ?? 1,
    });
  }
  return state;
}

/**
 * A live feed with skewed clocks: the scenario's events cut into batches; before each batch the
 * service advances to its "now", which may be earlier than some of the batch's events (clocks
 * running ahead), and scores at that now after it; restarts from a checkpoint and a split into
 * two shards merged at the end at random points.
 */
const skewArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
    lags: fc.array(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 20 }),
    byEvent: fc.array(fc.boolean(), { maxLength: 20 }),
    restarts: fc.array(fc.nat({ max: 19 }), { maxLength: 4 }),
    shard: fc.array(fc.boolean(), { maxLength: 20 }),
    maxHeld: fc.oneof(fc.constant(1_000_000), fc.integer({ min: 0, max: 6 })),
    later: fc.integer({ min: 0, max: 500 }),
  }),
);

describe('events stamped ahead of the horizon (skewed clocks)', () => {
  it('the state scores at every now as scoreColumns over the events applied so far, and at the end as over all of them, whatever is held, restarted or merged', () => {
    fc.assert(
      fc.property(
        skewArbitrary,
        ({
          scenario: { model, events },
          sizes,
          lags,
          byEvent,
          restarts,
          shard,
          maxHeld,
          later,
        }) => {
          const m = model as Model;
          let whole: ScoreState = createScoreState(m, { maxHeld });
          let parts = [createScoreState(m, { maxHeld }), createScoreState(m, { maxHeld })];
          let now = Number.NEGATIVE_INFINITY;
          const applied: ColumnEvent[] = [];
          for (let from = 0, i = 0; from < events.length; i++) {
            const batch = events.slice(from, from + sizes[i % sizes.length]!);
            from += batch.length;
            // "now" trails the batch's newest event by the lag (negative: events ahead of now),
            // never goes back, and is never before what the state has folded in.
            const newest = Math.max(...batch.map((event) => event.at));
            now = Math.max(now, newest - lags[i % lags.length]!, whole.latest);
            advanceState(whole, now);
            apply(whole, m, batch, byEvent[i] === true);
            const part = shard[i] === true ? 1 : 0;
            now = Math.max(now, parts[part]!.latest);
            advanceState(parts[part]!, Math.max(now, parts[part]!.latest));
            apply(parts[part]!, m, batch, !(byEvent[i] === true));
            applied.push(...batch);
            if (restarts.includes(i)) {
              whole = parseState(m, serializeState(whole));
              parts = parts.map((state) => parseState(m, serializeState(state)));
            }
            const at = Math.max(now, whole.latest);
            const customers = Math.max(0, ...applied.map((event) => event.customer + 1));
            const expected = referenceScores(m, applied, at, customers);
            const scores = scoreState(whole, at);
            expected.forEach((score, customer) => {
              expect(close(scores[`c${customer}`] ?? 0, score)).toBe(true);
            });
            expect(heldEvents(whole).count).toBeLessThanOrEqual(maxHeld);
          }
          const end =
            events.reduce((max, event) => Math.max(max, event.at), Math.max(0, now)) + later;
          const customers = Math.max(0, ...events.map((event) => event.customer + 1));
          const expected = referenceScores(m, events, end, customers);
          const scores = scoreState(whole, end);
          const merged = scoreState(mergeStates(parts[0]!, parts[1]!), end);
          expected.forEach((score, customer) => {
            expect(close(scores[`c${customer}`] ?? 0, score)).toBe(true);
            expect(close(merged[`c${customer}`] ?? 0, score)).toBe(true);
            expect(scoreCustomer(whole, `c${customer}`, end)).toBe(scores[`c${customer}`] ?? 0);
          });
          expect(heldEvents(whole).count).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
