import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day, modelArbitrary } from '../../test/segmentArbitraries.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import { defineModel } from '../model/defineModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { scoreAt } from '../score/scoreAt.js';
import { customerColumns } from './_lib/customerColumns.js';
import { forecastGrouped } from './_lib/forecastGrouped.js';
import { ladderOf } from './_lib/ladder.js';
import { scorePopulation } from './scorePopulation.js';
import { segmentCounts } from './segmentCounts.js';
import { segmentFlows } from './segmentFlows.js';

/**
 * The population functions' one pass over the objects (`populationSums`) against the exact path
 * they had before it: the events read into columns with customers sorted by id, each customer
 * scored on their own by `forecastGrouped`. On any input, hostile ones included (bad ids, bad
 * instants, NaN or overflowing weights, unknown behaviours, totals beyond the range of a number),
 * both give the same numbers bit for bit or throw the same error (code, path and message).
 */

/** The exact path: ids sorted, and per instant each customer's score and segment index. */
function exact(
  model: Model,
  events: readonly EngagementEvent[],
  times: readonly number[],
  options: ScoreOptions,
  fn: string,
): { ids: readonly string[]; results: { score: Float64Array; segment: Uint8Array }[] } {
  const compiled = compileModel(model);
  const ladder = ladderOf(model);
  const { ids, columns } = customerColumns(compiled, events, fn, options);
  const results = times.map(
    (time) => forecastGrouped(compiled, ladder, columns, ids.length, time, time, fn).result,
  );
  return { ids, results };
}

/** What `run` returns, or the error it throws as plain data. */
function outcome<T>(run: () => T): { value: T } | { code: string; path: unknown; message: string } {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof EngagekitError)) throw error;
    return { code: error.code, path: error.path, message: error.message };
  }
}

const idArbitrary = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('a', 'b', 'B', 'aa', 'a\u0000', 'é', '😀', 'z9', '10') },
  { weight: 4, arbitrary: fc.string({ maxLength: 3, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(5, null, undefined, 5n) },
);

const atArbitrary = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 100 * day }) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100 * day }).map((t) => new Date(t)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Number.NaN, 1e16, '2024-01-01T00:00:00Z') },
);

const weightArbitrary = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom<unknown>(1, 2.5, -3, 0, undefined, null) },
  // Large weights beside small ones: the compensated sums keep what plain sums lose.
  { weight: 8, arbitrary: fc.constantFrom<unknown>(1e15, -1e15, 3e15) },
  // 2e306 times a boost up to 60 is finite, but a few such events add up beyond 1.8e308.
  { weight: 8, arbitrary: fc.constantFrom<unknown>(2e306, -2e306, 3e306, 1e307) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, '2') },
);

/** The segment models' arbitrary, two times in three without a hysteresis band (the fast path). */
const populationModelArbitrary = fc
  .tuple(modelArbitrary, fc.integer({ min: 0, max: 2 }))
  .map(([model, keep]) => {
    if (keep === 0 || model.segments.band === undefined) return model;
    const { band: _band, ...segments } = model.segments;
    return defineModel({ behaviours: model.behaviours, segments } as Parameters<
      typeof defineModel
    >[0]);
  });

const hostileArbitrary = populationModelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    events: fc.array(
      fc.oneof(
        {
          weight: 100,
          arbitrary: fc.record(
            {
              customerId: idArbitrary,
              behaviour: fc.oneof(
                { weight: 30, arbitrary: fc.constantFrom(...model.behaviourIds) },
                { weight: 2, arbitrary: fc.constant<unknown>('notInModel') },
                { weight: 1, arbitrary: fc.constant<unknown>(7) },
              ),
              at: atArbitrary,
              weight: weightArbitrary,
            },
            { requiredKeys: ['customerId', 'behaviour', 'at'] },
          ),
        },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3) },
      ),
      { maxLength: 14 },
    ) as fc.Arbitrary<EngagementEvent[]>,
    from: fc.integer({ min: 0, max: 110 * day }),
    span: fc.integer({ min: 0, max: 30 * day }),
    options: fc.constantFrom<ScoreOptions>({}, { unknownBehaviour: 'ignore' }),
  }),
);

describe('the population functions agree with the exact path on any input', () => {
  it('scorePopulation gives the exact path’s rows bit for bit, or throws its error', () => {
    fc.assert(
      fc.property(hostileArbitrary, ({ model, events, from, options }) => {
        const fn = 'scorePopulation';
        const expected = outcome(() => {
          const { ids, results } = exact(model, events, [from], options, fn);
          const { score, segment } = results[0]!;
          const names = ladderOf(model).names;
          return ids.map((customerId, c) => ({
            customerId,
            score: score[c]!,
            segment: names[segment[c]!]!,
          }));
        });
        const actual = outcome(() => scorePopulation(model, events, from, options));
        expect(actual).toEqual(expected);
        if ('value' in actual && 'value' in expected) {
          actual.value.forEach((row, c) => {
            expect(Object.is(row.score, expected.value[c]!.score)).toBe(true);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('segmentCounts and segmentFlows count the exact path’s segments, or throw its error', () => {
    fc.assert(
      fc.property(hostileArbitrary, ({ model, events, from, span, options }) => {
        const names = ladderOf(model).names;
        const tally = (segment: Uint8Array) =>
          Object.fromEntries(
            names.map((name, i) => [name, segment.filter((index) => index === i).length]),
          );
        const counts = outcome(() => {
          const { results } = exact(model, events, [from], options, 'segmentCounts');
          return tally(results[0]!.segment);
        });
        const actualCounts = outcome(() => segmentCounts(model, events, from, options).counts);
        expect(actualCounts).toEqual(counts);
        const flows = outcome(() => {
          const { results } = exact(model, events, [from, from + span], options, 'segmentFlows');
          const [before, after] = results as unknown as [
            { segment: Uint8Array },
            { segment: Uint8Array },
          ];
          const matrix = names.map(() => names.map(() => 0));
          before.segment.forEach((segment, c) => {
            matrix[segment]![after.segment[c]!]!++;
          });
          return matrix;
        });
        const actualFlows = outcome(
          () => segmentFlows(model, events, { ...options, from, to: from + span }).matrix,
        );
        expect(actualFlows).toEqual(flows);
      }),
      { numRuns: 200 },
    );
  });
});

/** Clean events of ids 'a' to 'f', and pairs of events whose totals overflow for some customers. */
const overflowArbitrary = populationModelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    events: fc.array(
      fc.record({
        customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        behaviour: fc.constantFrom(...model.behaviourIds),
        at: fc.integer({ min: 0, max: 100 * day }),
      }),
      { maxLength: 10 },
    ),
    overflows: fc.array(
      fc.record({
        customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        behaviour: fc.constantFrom(...model.behaviourIds),
        at: fc.integer({ min: 0, max: 100 * day }),
        position: fc.nat(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    from: fc.integer({ min: 0, max: 110 * day }),
  }),
);

describe('a total beyond the range of a number', () => {
  it('is the exact path’s OVERFLOW error, naming the behaviour of the first customer by id', () => {
    fc.assert(
      fc.property(overflowArbitrary, ({ model, events, overflows, from }) => {
        const all: EngagementEvent[] = [...events];
        for (const { customerId, behaviour, at, position } of overflows) {
          // Two events whose weight times boost is 0.9e308: finite, but their sum is not.
          const boost = model.behaviours[behaviour]!.boost;
          const weight = boost === 0 ? 1 : 0.9e308 / Math.abs(boost);
          const pair = [0, 1].map(() => ({ customerId, behaviour, at, weight }));
          all.splice(position % (all.length + 1), 0, ...pair);
        }
        const fn = 'scorePopulation';
        const expected = outcome(() => exact(model, all, [from], {}, fn).results[0]!.score);
        const actual = outcome(() => scorePopulation(model, all, from).map((row) => row.score));
        if ('value' in expected) {
          expect(actual).toEqual({ value: Array.from(expected.value) });
        } else {
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('compensated sums', () => {
  it('scorePopulation keeps what plain sums lose: scoreAt’s very doubles on cancelling weights', () => {
    const weights = fc.oneof(
      fc.constantFrom(1e16, -1e16, 3e15, -3e15),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    fc.assert(
      fc.property(
        populationModelArbitrary,
        fc.array(
          fc.record({
            customerId: fc.constantFrom('a', 'b'),
            weight: weights,
            at: fc.integer({ min: 0, max: 10 * day }),
          }),
          { minLength: 3, maxLength: 16 },
        ),
        (model, rows) => {
          const behaviour = model.behaviourIds[0]!;
          const events = rows.map((row) => ({ ...row, behaviour }));
          const at = 10 * day;
          for (const row of scorePopulation(model, events, at)) {
            const own = events.filter((event) => event.customerId === row.customerId);
            expect(Object.is(row.score, scoreAt(model, own, at))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('many events', () => {
  it('scorePopulation gives scoreAt’s doubles over hundreds of events (several blocks of the pass)', () => {
    fc.assert(
      fc.property(
        populationModelArbitrary.chain((model) =>
          fc.record({
            model: fc.constant(model),
            events: fc.array(
              fc.record({
                customerId: fc.nat({ max: 40 }).map((n) => `customer-${n}`),
                behaviour: fc.constantFrom(...model.behaviourIds),
                at: fc.integer({ min: 0, max: 100 * day }),
                weight: fc.double({ min: -5, max: 5, noNaN: true }),
              }),
              { minLength: 257, maxLength: 900 },
            ),
            at: fc.integer({ min: 0, max: 110 * day }),
          }),
        ),
        ({ model, events, at }) => {
          const rows = scorePopulation(model, events, at);
          const byCustomer = new Map<string, typeof events>();
          for (const event of events) {
            byCustomer.set(event.customerId, [...(byCustomer.get(event.customerId) ?? []), event]);
          }
          expect(rows.map((row) => row.customerId)).toEqual([...byCustomer.keys()].sort());
          for (const row of rows) {
            expect(Object.is(row.score, scoreAt(model, byCustomer.get(row.customerId)!, at))).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
