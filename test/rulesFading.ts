import * as fc from 'fast-check';
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
import { groupsOf, rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';

// Arbitraries for the properties of the sweep on models with rules (forecast, transitions, band
// replay, atRisk, forecastColumns): models whose scores move over hours and days, one customer's
// events, and thresholds placed at scores the customer reaches.

export const HOUR = 3_600_000;
export const instant = fc.integer({ min: 60, max: 300 }).map((hours) => hours * HOUR);

/** One customer's events over ten days: whole hours (ties, caps, resets), some a few ms off. */
export function eventsArbitrary(model: Model): fc.Arbitrary<EngagementEvent[]> {
  return fc.array(
    fc.record({
      behaviour: fc.constantFrom(...model.behaviourIds),
      at: fc
        .tuple(fc.integer({ min: 0, max: 240 }), fc.constantFrom(0, 0, 0, 1, 7, 1_234_567))
        .map(([hours, offset]) => hours * HOUR + offset),
      weight: fc.constantFrom(1, 2, 0.5, -1, 0.3),
    }),
    { minLength: 1, maxLength: 30 },
  );
}

/** A span of hours, in milliseconds (sometimes a few ms off a whole hour). */
const hours = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom(0, 0, 3))
    .map(([count, offset]) => count * HOUR + offset);

/** A decay that fades over hours to days, so that scores move during the forecast. */
const fadingDecay = fc.oneof(
  fc
    .tuple(hours(2, 240), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }))
    .map(([duration, tenths]) =>
      tenths === undefined
        ? linear(duration)
        : linear(duration, { grace: Math.floor((duration * tenths) / 10) }),
    ),
  fc
    .tuple(hours(1, 120), fc.option(hours(24, 480), { nil: undefined }))
    .map(([halfLife, cutoff]) =>
      cutoff === undefined ? exponential(halfLife) : exponential(halfLife, { cutoff }),
    ),
  hours(1, 240).map((duration) => step(duration)),
  fc.constant(permanent()),
);

const rulesBounds = fc
  .tuple(
    fc.option(fc.integer({ min: -40, max: 20 }), { nil: undefined }),
    fc.option(fc.integer({ min: 10, max: 120 }), { nil: undefined }),
  )
  .map(([min, max]) => ({
    ...(min === undefined ? {} : { min }),
    ...(max === undefined || (min !== undefined && max < min) ? {} : { max }),
  }));

/**
 * Models with every rule whose scores move over hours and days: one to four behaviours with
 * fading decays, some with caps, frequency caps (per day in a zone, or per rolling window) and
 * resets, spread over up to three groups with bounds, and the model's bounds.
 */
export const fadingRulesModel = fc
  .uniqueArray(fc.constantFrom('visit', 'click', 'purchase', 'unsubscribe'), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(
        fc.record({
          boost: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: -30, max: -1 })),
          decay: fadingDecay,
          cap: fc.option(fc.integer({ min: 5, max: 80 }), { nil: undefined, freq: 3 }),
          frequencyCap: fc.option(
            fc.oneof(
              fc.record({
                count: fc.integer({ min: 1, max: 3 }),
                per: fc.constant('day' as const),
                timeZone: fc.constantFrom('UTC', 'Asia/Tokyo', '+05:30'),
              }),
              fc.record({ count: fc.integer({ min: 1, max: 3 }), window: hours(1, 48) }),
            ),
            { nil: undefined, freq: 2 },
          ),
          resets: fc.option(
            fc.oneof(fc.constant(true as const), fc.subarray(ids, { minLength: 1 })),
            { nil: undefined, freq: 3 },
          ),
          group: fc.integer({ min: -1, max: 2 }),
        }),
        { minLength: ids.length, maxLength: ids.length },
      ),
      fc.array(fc.option(rulesBounds, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      fc.option(rulesBounds, { nil: undefined }),
    ),
  )
  .map(([ids, drawn, groupBounds, bounds]) => {
    const groups = groupsOf(
      ids,
      drawn.map((entry) => entry.group),
      groupBounds,
    );
    return defineModel({
      behaviours: Object.fromEntries(
        ids.map((id, i) => {
          const { group: _, cap, frequencyCap, resets, ...behaviour } = drawn[i]!;
          return [
            id,
            {
              ...behaviour,
              ...(cap === undefined ? {} : { cap }),
              ...(frequencyCap === undefined ? {} : { frequencyCap }),
              ...(resets === undefined ? {} : { resets }),
            },
          ];
        }),
      ),
      ...(Object.keys(groups).length > 0 ? { groups } : {}),
      ...(bounds === undefined ? {} : { bounds }),
    } as Parameters<typeof defineModel>[0]);
  });

export const customerOf = (models: fc.Arbitrary<Model>) =>
  models.chain((model) =>
    fc.tuple(
      fc.constant(model),
      fc.oneof(rulesEventsArbitrary(model, 1), eventsArbitrary(model)),
      instant,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
        minLength: 20,
        maxLength: 20,
      }),
    ),
  );

/** The model with other thresholds (its rules kept). */
export function withSegments(model: Model, high: number, low: number, band?: number): Model {
  return defineModel({
    behaviours: model.behaviours,
    segments: band === undefined ? { high, low } : { high, low, band },
    ...(model.groups === undefined ? {} : { groups: model.groups }),
    ...(model.bounds === undefined ? {} : { bounds: model.bounds }),
  } as Parameters<typeof defineModel>[0]);
}

/**
 * A customer whose thresholds are scores they reach after `at`: two of the scores at a few
 * instants ahead (exactly, or a hair off), so that the forecast has changes to find, some of them
 * at a score equal to a threshold, where a clamp holds the score on it or a reset drops it.
 */
export const customer = customerOf(fc.oneof(rulesModelArbitrary(), fadingRulesModel));

export const tightCustomer = customerOf(fadingRulesModel).chain(
  ([model, events, at, fractions]) => {
    const past = events.filter((event) => (event.at as number) <= at);
    const scores = [
      ...new Set(
        [0, 1, 6, 24, 72, 200, 400, 1000].map((hours) => scoreAt(model, past, at + hours * HOUR)),
      ),
    ];
    return fc
      .tuple(
        fc.constantFrom(...scores),
        fc.constantFrom(...scores),
        fc.constantFrom(0, 0, 1e-9, -1e-9, 0.5),
      )
      .map(([a, b, nudge]) => {
        const low = Math.min(a, b) + nudge;
        const high = Math.max(a, b) > low ? Math.max(a, b) : low + 1;
        return [withSegments(model, high, low), events, at, fractions] as const;
      });
  },
);

/**
 * A customer's whole history (events over ten days, a window `[from, to]` over it) with
 * thresholds at scores they reach in the window (exactly, or a hair off) and, when `banded`, a
 * hysteresis band a drawn share of the gap between them.
 */
export function historyCustomer(
  banded: boolean,
): fc.Arbitrary<readonly [Model, EngagementEvent[], number, number, readonly number[]]> {
  return fc
    .oneof(fadingRulesModel, fadingRulesModel, rulesModelArbitrary())
    .chain((model) =>
      fc.tuple(
        fc.constant(model),
        eventsArbitrary(model),
        fc.integer({ min: -2, max: 200 }).map((hour) => hour * HOUR),
        fc.integer({ min: 1, max: 400 }).map((span) => span * HOUR + 1),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 30,
          maxLength: 30,
        }),
      ),
    )
    .chain(([model, events, from, span, fractions]) => {
      const to = from + span;
      const scores = [
        ...new Set(
          [0, 0.1, 0.25, 0.5, 0.75, 1].map((share) =>
            scoreAt(model, events, Math.floor(from + share * span)),
          ),
        ),
      ];
      return fc
        .tuple(
          fc.constantFrom(...scores),
          fc.constantFrom(...scores),
          fc.constantFrom(0, 0, 1e-9, -1e-9, 0.5),
          fc.constantFrom(0.1, 0.5, 0.9),
        )
        .map(([a, b, nudge, share]) => {
          const low = Math.min(a, b) + nudge;
          const high = Math.max(a, b) > low ? Math.max(a, b) : low + 1;
          const band = banded ? share * (high - low) : undefined;
          return [withSegments(model, high, low, band), events, from, to, fractions] as const;
        });
    });
}
