import fc from 'fast-check';
import {
  defineModel,
  type EngagementEvent,
  exponential,
  linear,
  type Model,
  permanent,
  scoreAt,
  step,
} from '../src/index.js';

/** A decay spec with small integer durations, so that events often sit on the boundaries. */
const decayArbitrary = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 400 }), fc.option(fc.integer({ min: 0, max: 399 })))
    .map(([duration, grace]) =>
      grace !== null && grace < duration ? linear(duration, { grace }) : linear(duration),
    ),
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.option(fc.integer({ min: 1, max: 600 })))
    .map(([halfLife, cutoff]) =>
      cutoff === null ? exponential(halfLife) : exponential(halfLife, { cutoff }),
    ),
  fc.integer({ min: 1, max: 400 }).map((duration) => step(duration)),
  fc.constant(permanent()),
);

/** Random models of 1 to 4 behaviours, some capped, some with negative boosts. */
export const modelArbitrary: fc.Arbitrary<Model> = fc
  .array(
    fc.record({
      boost: fc.integer({ min: -50, max: 50 }),
      decay: decayArbitrary,
      cap: fc.option(fc.integer({ min: 0, max: 80 })),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((behaviours) =>
    defineModel({
      behaviours: Object.fromEntries(
        behaviours.map(({ boost, decay, cap }, index) => [
          `b${index}`,
          cap === null ? { boost, decay } : { boost, decay, cap },
        ]),
      ),
    }),
  );

/** One event as column entries. */
export interface ColumnEvent {
  readonly customer: number;
  readonly behaviour: number;
  readonly at: number;
  readonly weight: number;
}

/** A model, events of up to `customers` customers in any order, and an instant inside them. */
export const scenarioArbitrary = fc
  .tuple(modelArbitrary, fc.integer({ min: 1, max: 5 }), fc.boolean())
  .chain(([model, customers, weighted]) =>
    fc.record({
      model: fc.constant(model),
      customers: fc.constant(customers),
      weighted: fc.constant(weighted),
      events: fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: customers - 1 }),
          behaviour: fc.integer({ min: 0, max: model.behaviourIds.length - 1 }),
          at: fc.integer({ min: 0, max: 1000 }),
          weight: weighted ? fc.integer({ min: -3, max: 5 }) : fc.constant(1),
        }),
        { maxLength: 60 },
      ),
      at: fc.integer({ min: 0, max: 1200 }),
    }),
  );

/** The events as typed-array columns (with a weight column when asked). */
export function toColumns(events: readonly ColumnEvent[], weighted: boolean) {
  const columns = {
    customer: Uint32Array.from(events, (event) => event.customer),
    behaviour: Uint8Array.from(events, (event) => event.behaviour),
    at: Float64Array.from(events, (event) => event.at),
  };
  return weighted
    ? { ...columns, weight: Float64Array.from(events, (event) => event.weight) }
    : columns;
}

/** The reference: `scoreAt` of each customer's events. */
export function referenceScores(
  model: Model,
  events: readonly ColumnEvent[],
  at: number,
  customers: number,
): number[] {
  return Array.from({ length: customers }, (_, customer) => {
    const own: EngagementEvent[] = events
      .filter((event) => event.customer === customer)
      .map((event) => ({
        behaviour: model.behaviourIds[event.behaviour]!,
        at: event.at,
        weight: event.weight,
      }));
    return scoreAt(model, own, at);
  });
}

/** Whether two scores agree to 1e-9 relative or 1e-6 absolute. */
export function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-6, 1e-9 * Math.abs(expected));
}

/** Whether every score agrees with the reference (see {@link close}). */
export function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) if (!close(actual[i]!, expected[i]!)) return false;
  return true;
}

/** Few customers and behaviours, many events per customer and behaviour, instants before and after them. */
export const denseScenarioArbitrary = fc
  .tuple(modelArbitrary, fc.integer({ min: 1, max: 2 }), fc.boolean())
  .chain(([model, customers, weighted]) =>
    fc.record({
      model: fc.constant(model),
      customers: fc.constant(customers),
      weighted: fc.constant(weighted),
      events: fc.array(
        fc.record({
          customer: fc.integer({ min: 0, max: customers - 1 }),
          behaviour: fc.integer({ min: 0, max: Math.min(1, model.behaviourIds.length - 1) }),
          at: fc.integer({ min: 0, max: 1000 }),
          weight: weighted ? fc.integer({ min: -3, max: 5 }) : fc.constant(1),
        }),
        { minLength: 20, maxLength: 200 },
      ),
      instants: fc.array(fc.integer({ min: -10, max: 1500 }), { minLength: 1, maxLength: 4 }),
    }),
  );
