import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  scenarioArbitrary,
  toColumns,
} from '../../../test/columnArbitraries.js';
import type { Model } from '../../model/modelSchema.js';
import { scoreColumns } from '../scoreColumns.js';
import { advanceState } from './advanceState.js';
import { applyColumns } from './applyColumns.js';
import { createScoreState } from './createScoreState.js';
import { mergeStates } from './mergeStates.js';
import { parseState } from './parseState.js';
import { parseStateBinary } from './parseStateBinary.js';
import { scoreState } from './scoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { serializeState } from './serializeState.js';
import { serializeStateBinary } from './serializeStateBinary.js';

const ids = Array.from({ length: 8 }, (_, c) => `c${c}`);

/** The events as columns with their weights. */
const columnsOf = (events: readonly ColumnEvent[]) => toColumns(events, true);

/**
 * A feed of the scenario's events in batches over up to four partitions, each partition owned by
 * one of up to three shards; deliveries in order per partition, with earlier batches delivered
 * again at random (duplicates), each shard advanced before a delivery to a "now" that may trail
 * the batch's newest event (clocks running ahead: events held), shards restarted at random from a
 * JSON or a binary checkpoint, and the shards merged at the end in a random grouping.
 */
const feedArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
    partitions: fc.array(fc.nat({ max: 3 }), { maxLength: 40 }),
    shards: fc.integer({ min: 1, max: 3 }),
    lags: fc.array(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 20 }),
    replays: fc.array(fc.tuple(fc.nat({ max: 39 }), fc.nat({ max: 39 })), { maxLength: 10 }),
    restarts: fc.array(fc.tuple(fc.nat({ max: 39 }), fc.boolean()), { maxLength: 5 }),
    grouping: fc.array(fc.nat({ max: 5 }), { maxLength: 5 }),
    later: fc.integer({ min: 0, max: 500 }),
  }),
);

describe('a feed through states equals scoreColumns over its events once', () => {
  it('with duplicate deliveries, events ahead of the horizon, restarts from JSON or binary checkpoints, and merges in any grouping', () => {
    fc.assert(
      fc.property(feedArbitrary, (input) => {
        const model = input.scenario.model as Model;
        const events = input.scenario.events as ColumnEvent[];
        const { sizes, partitions, shards, lags, replays, restarts, grouping, later } = input;
        const batches: { events: ColumnEvent[]; partition: number; position: number }[] = [];
        const next = [0, 0, 0, 0];
        for (let from = 0, i = 0; from < events.length; i++) {
          const batch = events.slice(from, from + sizes[i % sizes.length]!);
          from += batch.length;
          const partition = partitions[i] ?? 0;
          batches.push({ events: batch, partition, position: next[partition]!++ });
        }
        // deliveries: every batch once in order, and now and then an earlier one again
        const deliveries = batches.flatMap((batch, i) => {
          const again = replays.filter(([at]) => at === i).map(([, which]) => which % (i + 1));
          return [batch, ...again.map((which) => batches[which]!)];
        });
        let states: ScoreState[] = Array.from({ length: shards }, () => createScoreState(model));
        deliveries.forEach((batch, i) => {
          const shard = batch.partition % shards;
          const state = states[shard]!;
          const newest = Math.max(...batch.events.map((event) => event.at));
          advanceState(
            state,
            Math.max(state.latest, state.horizon, newest - lags[i % lags.length]!),
          );
          applyColumns(state, columnsOf(batch.events), ids, {
            partition: `p${batch.partition}`,
            position: batch.position,
          });
          for (const [at, binary] of restarts) {
            if (at !== i) continue;
            states = states.map((s) =>
              binary
                ? parseStateBinary(model, serializeStateBinary(s))
                : parseState(model, serializeState(s)),
            );
          }
        });
        // merge in a random grouping: repeatedly merge the pair the next choice points at
        let pool = states;
        for (let k = 0; pool.length > 1; k++) {
          const i = (grouping[k % Math.max(1, grouping.length)] ?? 0) % (pool.length - 1);
          const merged =
            k % 2 === 0 ? mergeStates(pool[i]!, pool[i + 1]!) : mergeStates(pool[i + 1]!, pool[i]!);
          pool = [...pool.slice(0, i), merged, ...pool.slice(i + 2)];
        }
        const state = pool[0]!;
        const end = events.reduce((most, event) => Math.max(most, event.at), state.latest) + later;
        const endAt = Math.max(end, state.horizon, 0);
        const expected = scoreColumns(model, columnsOf(events), endAt, ids.length);
        const scores = scoreState(state, endAt);
        expected.forEach((score, customer) => {
          expect(close(scores[ids[customer]!] ?? 0, score)).toBe(true);
        });
        expect(Object.keys(scores).sort()).toEqual(
          [...new Set(events.map((event) => ids[event.customer]!))].sort(),
        );
      }),
      { numRuns: 150 },
    );
  });
});
