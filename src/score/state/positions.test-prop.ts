import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnEvent,
  close,
  referenceScores,
  scenarioArbitrary,
  toColumns,
} from '../../../test/columnArbitraries.js';
import { defineModel } from '../../model/defineModel.js';
import type { Model } from '../../model/modelSchema.js';
import { permanent } from '../../model/permanent.js';
import { applyColumns } from './applyColumns.js';
import { createScoreState } from './createScoreState.js';
import { mergeStates } from './mergeStates.js';
import { parseState } from './parseState.js';
import { scoreCustomer } from './scoreCustomer.js';
import { scoreState } from './scoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { serializeState } from './serializeState.js';

/** The events as columns with their weights. */
const columnsOf = (events: readonly ColumnEvent[]) => toColumns(events, true);

/**
 * A feed: the scenario's events cut into batches, on two partitions; delivered with some batches
 * repeated (at-least-once delivery), with restarts from a checkpoint at random points.
 */
const feedArbitrary = scenarioArbitrary.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
    partitions: fc.array(fc.boolean(), { maxLength: 40 }),
    replays: fc.array(fc.nat({ max: 39 }), { maxLength: 10 }),
    restarts: fc.array(fc.nat({ max: 39 }), { maxLength: 4 }),
    later: fc.integer({ min: 0, max: 500 }),
  }),
);

describe('exactly-once application with positions', () => {
  it('equals scoreColumns over the feed once, whatever is delivered twice, restarted from a checkpoint, or merged by partition', () => {
    fc.assert(
      fc.property(
        feedArbitrary,
        ({ scenario: { model, events }, sizes, partitions, replays, restarts, later }) => {
          const batches: { events: ColumnEvent[]; partition: string; position: number }[] = [];
          const next = { a: 0, b: 0 };
          for (let from = 0, i = 0; from < events.length; i++) {
            const size = sizes[i % sizes.length]!;
            const partition = partitions[i] === true ? 'b' : 'a';
            next[partition] += 1 + (i % 3);
            batches.push({
              events: events.slice(from, from + size),
              partition,
              position: next[partition],
            });
            from += size;
          }
          const ids = Array.from({ length: 64 }, (_, c) => `c${c}`);
          // Each replay right after the batch's first delivery: inserted at `replay + 1` of a list
          // that earlier replays had lengthened, it could land before an earlier batch's first
          // delivery, which the later position then rightly drops (seed 1523321848).
          const deliveries = [...batches.keys()];
          for (const replay of replays) {
            if (replay < batches.length)
              deliveries.splice(deliveries.indexOf(replay) + 1, 0, replay);
          }
          let whole: ScoreState = createScoreState(model as Model);
          const byPartition = {
            a: createScoreState(model as Model),
            b: createScoreState(model as Model),
          };
          deliveries.forEach((index, step) => {
            const batch = batches[index]!;
            const options = { partition: batch.partition, position: batch.position };
            // A replay may arrive after later batches of the other partition: positions are per partition.
            applyColumns(whole, columnsOf(batch.events), ids, options);
            const own = batch.partition as 'a' | 'b';
            applyColumns(byPartition[own], columnsOf(batch.events), ids, options);
            if (restarts.includes(step)) whole = parseState(model as Model, serializeState(whole));
          });
          const at = events.reduce((max, event) => Math.max(max, event.at), 0) + later;
          const customers = Math.max(0, ...events.map((event) => event.customer + 1));
          const expected = referenceScores(model as Model, events, at, customers);
          const merged = mergeStates(byPartition.b, byPartition.a);
          const scores = scoreState(whole, at);
          const mergedScores = scoreState(merged, at);
          expect([...merged.positions].sort()).toEqual([...whole.positions].sort());
          expected.forEach((score, customer) => {
            expect(close(scores[`c${customer}`] ?? 0, score)).toBe(true);
            expect(close(mergedScores[`c${customer}`] ?? 0, score)).toBe(true);
            expect(scoreCustomer(whole, `c${customer}`, at)).toBe(scores[`c${customer}`] ?? 0);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops a batch that arrives after a later position of its partition (the counterexample of seed 1523321848)', () => {
    const state = createScoreState(
      defineModel({ behaviours: { b0: { boost: 28, decay: permanent(), cap: 44 } } }),
    );
    const one = (customer: number, at: number) => ({
      customer: Uint32Array.of(customer),
      behaviour: Uint8Array.of(0),
      at: Float64Array.of(at),
    });
    const ids = ['c0', 'c1'];
    applyColumns(state, one(0, 233), ids, { partition: 'a', position: 1 });
    applyColumns(state, one(0, 233), ids, { partition: 'a', position: 6 });
    // position 3 comes after 6 has been applied: a replay as far as the state can tell
    applyColumns(state, one(1, 812), ids, { partition: 'a', position: 3 });
    expect(scoreState(state, 1000)).toEqual({ c0: 44 });
    expect(state.positions.get('a')).toBe('6');
  });
});
