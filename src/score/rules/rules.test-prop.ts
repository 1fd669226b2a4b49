import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesEventsArbitrary, rulesModelArbitrary } from '../../../test/rulesArbitraries.js';
import { hasRules } from '../../model/hasRules.js';
import { prepareColumns } from '../prepareColumns.js';
import { scoreAt } from '../scoreAt.js';
import { scoreColumns } from '../scoreColumns.js';
import { scoreParts } from '../scoreParts.js';
import { scorePrepared } from '../scorePrepared.js';

const HOUR = 3_600_000;
const instant = fc.integer({ min: -1, max: 300 }).map((hours) => hours * HOUR);

const modelAndEvents = rulesModelArbitrary().chain((model) =>
  fc.tuple(fc.constant(model), rulesEventsArbitrary(model), instant),
);

describe('scoring rules (properties)', () => {
  it('the score never depends on the order of the events', () => {
    fc.assert(
      fc.property(
        modelAndEvents.chain(([model, events, at]) =>
          fc.tuple(
            fc.constant(model),
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length }),
            fc.constant(at),
          ),
        ),
        ([model, events, shuffled, at]) => {
          expect(scoreAt(model, shuffled, at)).toBe(scoreAt(model, events, at));
        },
      ),
    );
  });

  it('scoreColumns and scorePrepared equal scoreAt for every customer', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        const customers = 3;
        const columns = {
          customer: Uint32Array.from(events, (event) => Number(event.customerId)),
          behaviour: Uint16Array.from(events, (event) =>
            model.behaviourIds.indexOf(event.behaviour),
          ),
          at: Float64Array.from(events, (event) => event.at as number),
          weight: Float64Array.from(events, (event) => event.weight ?? 1),
        };
        const expected = Array.from({ length: customers }, (_, c) =>
          scoreAt(
            model,
            events.filter((event) => event.customerId === String(c)),
            at,
          ),
        );
        const columnScores = Array.from(scoreColumns(model, columns, at, customers));
        const prepared = Array.from(scorePrepared(prepareColumns(model, columns, customers), at));
        if (hasRules(model)) {
          // the rules' path sums scoreAt's very terms: the same bits
          expect(columnScores).toEqual(expected);
          expect(prepared).toEqual(expected);
          return;
        }
        // without rules scoreColumns is the column kernel, whose inline 2^t is within 2 ulps of
        // `2 ** t` (docs/performance.md, Accuracy): a few ulps of the terms' magnitude
        for (let c = 0; c < customers; c++) {
          let magnitude = 0;
          for (const event of events) {
            if (event.customerId !== String(c)) continue;
            magnitude += Math.abs((event.weight ?? 1) * model.behaviours[event.behaviour]!.boost);
          }
          const slack = 8 * Number.EPSILON * magnitude;
          expect(Math.abs(columnScores[c]! - expected[c]!)).toBeLessThanOrEqual(slack);
          expect(Math.abs(prepared[c]! - expected[c]!)).toBeLessThanOrEqual(slack);
        }
      }),
    );
  });

  it('the score is the model-bounded sum of the ungrouped part and the bounded groups', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        const parts = scoreParts(model, events, at);
        let total = parts.ungrouped;
        for (const [name, part] of Object.entries(parts.groups)) {
          const bounds = model.groups?.[name]?.bounds ?? {};
          expect(part.bounded).toBe(
            Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, part.raw)),
          );
          total += part.bounded;
        }
        const bounds = model.bounds ?? {};
        expect(parts.score).toBeCloseTo(
          Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, total)),
          9,
        );
        expect(parts.score).toBe(scoreAt(model, events, at));
      }),
    );
  });
});
