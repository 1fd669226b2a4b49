import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { defineModel, hasRules, permanent, scoreAt, scoreColumns } from '../src/index.js';
import { createWorkerPool } from '../src/node/index.js';
import { close } from './columnArbitraries.js';
import { rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';

const HOUR = 3_600_000;
const pool = createWorkerPool({ workers: 2, minEvents: 0 });
afterAll(() => pool.close());

// Issue 18: the worker pool scores a model with rules on the rules' path (scoreColumns on the
// calling thread), so its numbers are scoreAt's.
describe('the worker pool with the scoring rules (properties)', () => {
  it('pool.scoreColumns equals scoreAt for every customer of a model with rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        rulesModelArbitrary().chain((model) =>
          fc.tuple(
            fc.constant(model),
            rulesEventsArbitrary(model, 3),
            fc.integer({ min: -1, max: 300 }).map((hours) => hours * HOUR),
          ),
        ),
        async ([model, events, at]) => {
          const columns = {
            customer: Uint32Array.from(events, (event) => Number(event.customerId)),
            behaviour: Uint16Array.from(events, (event) =>
              model.behaviourIds.indexOf(event.behaviour),
            ),
            at: Float64Array.from(events, (event) => event.at as number),
            weight: Float64Array.from(events, (event) => event.weight ?? 1),
          };
          const expected = [0, 1, 2].map((c) =>
            scoreAt(
              model,
              events.filter((event) => event.customerId === String(c)),
              at,
            ),
          );
          const scores = await pool.scoreColumns(model, columns, at, 3);
          // A drawn model may have no rule: then the column kernel scores it, whose exponentials
          // may differ from scoreAt's in the last bits (seed -1816760467), as everywhere else.
          if (hasRules(model)) expect(Array.from(scores)).toEqual(expected);
          else
            for (const [c, score] of scores.entries())
              expect(close(score, expected[c]!)).toBe(true);
          expect(Array.from(scores)).toEqual(Array.from(scoreColumns(model, columns, at, 3)));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects bad columns of a model with rules as scoreColumns throws', async () => {
    const model = defineModel({
      behaviours: {
        visit: { boost: 1, decay: permanent(), frequencyCap: { count: 1, per: 'day' } },
      },
    });
    const columns = {
      customer: new Uint32Array([0, 5]),
      behaviour: new Uint16Array([0, 0]),
      at: new Float64Array([0, 1]),
    };
    await expect(pool.scoreColumns(model, columns, 1, 2)).rejects.toMatchObject({
      code: 'INVALID_COLUMNS',
    });
  });
});
