/**
 * fast-check arbitraries for the segment properties: small models mixing every decay kind, caps,
 * negative boosts and ladders with or without a hysteresis band, and a customer's events. The
 * thresholds are not integers, so that sums of integer boosts do not sit exactly on a threshold
 * forever (a score tending to a threshold is a separate, documented case).
 */
import fc from 'fast-check';
import { defineModel } from '../src/model/defineModel.js';
import type { Model } from '../src/model/modelSchema.js';
import type { EngagementEvent } from '../src/score/EngagementEvent.js';

export const hour = 3_600_000;
export const day = 24 * hour;

const decayArbitrary = fc.oneof(
  fc
    .record({
      duration: fc.integer({ min: 1, max: 2000 }),
      grace: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ duration, grace }) =>
      grace > 0 && grace < duration
        ? { kind: 'linear' as const, duration: duration * hour, grace: grace * hour }
        : { kind: 'linear' as const, duration: duration * hour },
    ),
  fc
    .record({
      halfLife: fc.integer({ min: 1, max: 500 }),
      cutoff: fc.option(fc.integer({ min: 1, max: 3000 })),
    })
    .map(({ halfLife, cutoff }) =>
      cutoff === null
        ? { kind: 'exponential' as const, halfLife: halfLife * hour }
        : { kind: 'exponential' as const, halfLife: halfLife * hour, cutoff: cutoff * hour },
    ),
  fc
    .integer({ min: 1, max: 2000 })
    .map((duration) => ({ kind: 'step' as const, duration: duration * hour })),
  fc.constant({ kind: 'permanent' as const }),
);

const behaviourArbitrary = fc
  .record({
    boost: fc.integer({ min: -40, max: 60 }),
    decay: decayArbitrary,
    cap: fc.option(fc.integer({ min: 0, max: 80 })),
  })
  .map(({ boost, decay, cap }) => (cap === null ? { boost, decay } : { boost, decay, cap }));

const segmentsArbitrary = fc.oneof(
  fc
    .record({ band: fc.option(fc.integer({ min: 1, max: 15 })) })
    .map(({ band }) =>
      band === null ? { high: 30.3, low: 10.7 } : { high: 30.3, low: 10.7, band: band + 0.4 },
    ),
  fc.record({ band: fc.option(fc.integer({ min: 1, max: 9 })) }).map(({ band }) => ({
    levels: [
      { name: 'champion', min: 60.3 },
      { name: 'active', min: 30.3 },
      { name: 'casual', min: 10.7 },
      { name: 'lapsing', min: 0.1 },
    ],
    below: 'gone',
    ...(band === null ? {} : { band: band + 0.4 }),
  })),
);

/** A model of one to four behaviours named b0, b1, ... */
export const modelArbitrary: fc.Arbitrary<Model> = fc
  .record({
    behaviours: fc.array(behaviourArbitrary, { minLength: 1, maxLength: 4 }),
    segments: segmentsArbitrary,
  })
  .map(({ behaviours, segments }) =>
    defineModel({
      behaviours: Object.fromEntries(behaviours.map((behaviour, i) => [`b${i}`, behaviour])),
      segments,
    }),
  );

/** One to eight events of the model's behaviours in the first 100 days. */
export function eventsArbitrary(model: Model): fc.Arbitrary<EngagementEvent[]> {
  return fc.array(
    fc.record({
      behaviour: fc.constantFrom(...model.behaviourIds),
      at: fc.integer({ min: 0, max: 100 * day }),
      weight: fc.constantFrom(1, 1, 2, 0.5),
    }),
    { minLength: 1, maxLength: 8 },
  );
}

/** A model, a customer's events and an instant in the first 110 days. */
export const customerArbitrary = modelArbitrary.chain((model) =>
  fc.record({
    model: fc.constant(model),
    events: eventsArbitrary(model),
    at: fc.integer({ min: 0, max: 110 * day }),
  }),
);
