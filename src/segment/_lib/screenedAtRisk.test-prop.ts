import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, eventsArbitrary, modelArbitrary } from '../../../test/segmentArbitraries.js';
import { compileModel } from '../../model/compileModel.js';
import { defineModel } from '../../model/defineModel.js';
import type { Model } from '../../model/modelSchema.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';
import { scoreAt } from '../../score/scoreAt.js';
import { atRiskList } from './atRiskList.js';
import { customerColumns } from './customerColumns.js';
import { forecastGrouped } from './forecastGrouped.js';
import { ladderOf } from './ladder.js';
import { screenedAtRisk } from './screenedAtRisk.js';

/** atRisk's path before the screen: every customer through the segment sweep. */
function sweptAtRisk(
  model: Model,
  events: readonly EngagementEvent[],
  at: number,
  horizon: number,
) {
  const compiled = compileModel(model, 'atRisk');
  const ladder = ladderOf(model);
  const { ids, columns } = customerColumns(compiled, events, 'atRisk');
  const { result, grouped } = forecastGrouped(
    compiled,
    ladder,
    columns,
    ids.length,
    at,
    horizon,
    'atRisk',
  );
  return atRiskList(compiled, ladder, ids, result, grouped, at, horizon);
}

const scenarioArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    customers: fc.array(eventsArbitrary(model), { minLength: 1, maxLength: 8 }),
    at: fc.integer({ min: 0, max: 100 * day }),
    span: fc.integer({ min: 0, max: 60 * day }),
  }),
);

const flatten = (customers: readonly EngagementEvent[][]): EngagementEvent[] =>
  customers.flatMap((events, c) => events.map((event) => ({ ...event, customerId: `c${c}` })));

describe('screenedAtRisk', () => {
  it('lists exactly what sweeping every customer lists, or declines', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ model, customers, at, span }) => {
        const events = flatten(customers);
        const compiled = compileModel(model, 'atRisk');
        const screened = screenedAtRisk(
          compiled,
          ladderOf(model),
          events,
          {},
          at,
          at + span,
          'atRisk',
        );
        if (screened === undefined) return;
        expect(screened).toEqual(sweptAtRisk(model, events, at, at + span));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the sweep when a threshold sits exactly on a score at `at` or at the horizon', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.boolean(),
        fc.nat(7),
        ({ model, customers, at, span }, atHorizon, which) => {
          const events = flatten(customers);
          const own = customers[which % customers.length]!;
          const level = scoreAt(model, own, atHorizon ? at : at + span);
          const pinned = defineModel({
            behaviours: model.behaviours,
            segments: { high: level + 20, low: level },
          });
          const compiled = compileModel(pinned, 'atRisk');
          const screened = screenedAtRisk(
            compiled,
            ladderOf(pinned),
            events,
            {},
            at,
            at + span,
            'atRisk',
          );
          expect(screened).toBeDefined();
          expect(screened).toEqual(sweptAtRisk(pinned, events, at, at + span));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('declines a model with a band, and events with a negative weight', () => {
    const banded = defineModel({
      behaviours: { visit: { boost: 20, decay: { kind: 'linear', duration: 10 * day } } },
      segments: { high: 30, low: 10, band: 2 },
    });
    const plain = defineModel({
      behaviours: { visit: { boost: 20, decay: { kind: 'linear', duration: 10 * day } } },
    });
    const events = [{ customerId: 'a', behaviour: 'visit', at: 0, weight: 1 }];
    const screen = (model: Model, rows: readonly EngagementEvent[]) =>
      screenedAtRisk(
        compileModel(model, 'atRisk'),
        ladderOf(model),
        rows,
        {},
        day,
        9 * day,
        'atRisk',
      );
    expect(screen(banded, events)).toBeUndefined();
    expect(screen(plain, [{ ...events[0]!, weight: -1 }])).toBeUndefined();
    // 20 * (1 - d / 10 days): 18 at day 1 ('low' is [10, 30)); exactly 10 at day 5, below from
    // the next millisecond on.
    expect(screen(plain, events)).toEqual([
      {
        customerId: 'a',
        score: 18,
        segment: 'low',
        drop: { at: 5 * day + 1, segment: 'disengaged' },
      },
    ]);
  });
});
