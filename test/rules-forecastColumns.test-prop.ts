import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atRisk,
  type EngagementEvent,
  forecast,
  forecastColumns,
  type Model,
  scorePopulation,
  segmentAt,
  segmentCounts,
  segmentFlows,
  transitions,
} from '../src/index.js';
import { rulesModelArbitrary } from './rulesArbitraries.js';
import { eventsArbitrary, fadingRulesModel, HOUR, withSegments } from './rulesFading.js';

/**
 * Up to four customers (some without events) of a model with rules, an instant, a horizon, and
 * thresholds (with or without a band) at scores the first customer reaches after the instant.
 */
const population = fc
  .oneof(fadingRulesModel, fadingRulesModel, rulesModelArbitrary())
  .chain((model) =>
    fc.tuple(
      fc.constant(model),
      fc.array(fc.option(eventsArbitrary(model), { freq: 4, nil: null }), {
        minLength: 0,
        maxLength: 4,
      }),
      fc.integer({ min: 0, max: 300 }).map((hours) => hours * HOUR),
      fc.integer({ min: 1, max: 300 }).map((hours) => hours * HOUR),
      fc.constantFrom(undefined, 0.3, 0.8),
    ),
  )
  .chain(([model, customers, at, within, band]) => {
    const scores = new Set<number>([0, 1]);
    for (const events of customers) {
      for (const hours of [0, 6, 48, 200]) {
        const past = (events ?? []).filter((event) => (event.at as number) <= at);
        scores.add(forecast(model, past, at + hours * HOUR).score);
      }
    }
    return fc.tuple(fc.constantFrom(...scores), fc.constantFrom(...scores)).map(([a, b]) => {
      const low = Math.min(a, b);
      const high = Math.max(a, b) > low ? Math.max(a, b) : low + 1;
      const banded = band === undefined ? undefined : band * (high - low);
      return [withSegments(model, high, low, banded), customers, at, within] as const;
    });
  });

function columnsOf(model: Model, customers: readonly (EngagementEvent[] | null)[]) {
  const rows = customers.flatMap((events, c) => (events ?? []).map((event) => ({ c, event })));
  return {
    customer: Uint32Array.from(rows, (row) => row.c),
    behaviour: Uint8Array.from(rows, (row) => model.behaviourIds.indexOf(row.event.behaviour)),
    at: Float64Array.from(rows, (row) => row.event.at as number),
    weight: Float64Array.from(rows, (row) => row.event.weight ?? 1),
  };
}

const withIds = (customers: readonly (EngagementEvent[] | null)[]) =>
  customers.flatMap((events, c) =>
    (events ?? []).map((event) => ({ ...event, customerId: `c${c}` })),
  );

// Issue 18: forecastColumns, atRisk and the population views run the same sweep per customer on
// models with rules (and a hysteresis band), so they give what forecast and transitions give.
describe('forecastColumns, atRisk and the population views with the scoring rules (properties)', () => {
  it('forecastColumns gives every customer exactly what forecast gives on their own events', () => {
    fc.assert(
      fc.property(population, ([model, customers, at]) => {
        const result = forecastColumns(model, columnsOf(model, customers), at, customers.length);
        customers.forEach((events, c) => {
          const expected = forecast(model, events ?? [], at);
          expect(result.score[c]).toBe(expected.score);
          expect(result.segments[result.segment[c]!]).toBe(expected.segment);
          if (expected.next === null) {
            expect(result.nextAt[c]).toBe(Number.POSITIVE_INFINITY);
            expect(result.nextSegment[c]).toBe(-1);
          } else {
            expect(result.nextAt[c]).toBe(expected.next.at);
            expect(result.segments[result.nextSegment[c]!]).toBe(expected.next.segment);
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('atRisk lists a customer exactly when, with no new events, they first fall below their segment within the horizon', () => {
    fc.assert(
      fc.property(population, ([model, customers, at, within]) => {
        const list = atRisk(model, withIds(customers), { at, within });
        for (let i = 1; i < list.length; i++) {
          expect(list[i]!.drop.at).toBeGreaterThanOrEqual(list[i - 1]!.drop.at);
        }
        const order = ['high', 'low', 'disengaged'];
        customers.forEach((events, c) => {
          if (events === null) return;
          const past = events.filter((event) => (event.at as number) <= at);
          const now = forecast(model, past, at);
          const drop = transitions(model, past, {
            from: at,
            to: at + within,
            previous: now.segment,
          }).find((change) => order.indexOf(change.to) > order.indexOf(now.segment));
          const entry = list.find((row) => row.customerId === `c${c}`);
          if (drop === undefined || now.segment === 'disengaged') {
            expect(entry).toBeUndefined();
            return;
          }
          expect(entry).toEqual({
            customerId: `c${c}`,
            score: now.score,
            segment: now.segment,
            drop: { at: drop.at, segment: drop.to },
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('scorePopulation, segmentCounts and segmentFlows give each customer the segment segmentAt replays', () => {
    fc.assert(
      fc.property(population, ([model, customers, at, within]) => {
        const events = withIds(customers);
        const rows = scorePopulation(model, events, at);
        const own = (id: string) => events.filter((event) => event.customerId === id);
        const counts: Record<string, number> = { high: 0, low: 0, disengaged: 0 };
        for (const row of rows) {
          expect(row.segment).toBe(segmentAt(model, own(row.customerId), at));
          counts[row.segment]!++;
        }
        expect(segmentCounts(model, events, at).counts).toEqual(counts);
        const names = ['high', 'low', 'disengaged'];
        const matrix = names.map(() => names.map(() => 0));
        for (const row of rows) {
          const later = segmentAt(model, own(row.customerId), at + within);
          matrix[names.indexOf(row.segment)]![names.indexOf(later)]!++;
        }
        expect(segmentFlows(model, events, { from: at, to: at + within }).matrix).toEqual(matrix);
      }),
      { numRuns: 80 },
    );
  });
});
