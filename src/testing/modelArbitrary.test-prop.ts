import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { customerStreamArbitrary } from './customerStreamArbitrary.js';
import { eventsArbitrary } from './eventsArbitrary.js';
import { modelArbitrary } from './modelArbitrary.js';

const realistic = (x: number, least: number, max: number) =>
  x === 0 || (Math.abs(x) >= least && Math.abs(x) <= max);

const visit = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });

describe('modelArbitrary and the event arbitraries', () => {
  it('by default draw boosts and caps of 0 or 0.01 to 100 (200 for caps), never 2e-253', () => {
    fc.assert(
      fc.property(modelArbitrary(), (model) => {
        for (const id of model.behaviourIds) {
          const behaviour = model.behaviours[id]!;
          expect(realistic(behaviour.boost, 0.01, 100), `${behaviour.boost}`).toBe(true);
          if (behaviour.cap !== undefined) expect(realistic(behaviour.cap, 0.01, 200)).toBe(true);
        }
      }),
    );
  });

  it('by default draw weights of 0 or 0.001 to 3 in absolute value', () => {
    fc.assert(
      fc.property(eventsArbitrary(visit), (events) => {
        for (const event of events) {
          if (event.weight !== undefined) expect(realistic(event.weight, 0.001, 3)).toBe(true);
        }
      }),
    );
  });

  it("with magnitude 'extreme' draw subnormal and near-overflow boosts and weights", () => {
    const boosts = fc
      .sample(modelArbitrary({ magnitude: 'extreme' }), { numRuns: 300, seed: 1 })
      .flatMap((model) => model.behaviourIds.map((id) => model.behaviours[id]!.boost));
    expect(boosts.some((boost) => boost !== 0 && Math.abs(boost) < 1e-300)).toBe(true);
    expect(boosts.some((boost) => Math.abs(boost) > 1e300)).toBe(true);
    expect(boosts.every(Number.isFinite)).toBe(true);
    const weights = fc
      .sample(eventsArbitrary(visit, { magnitude: 'extreme' }), { numRuns: 100, seed: 2 })
      .flat()
      .flatMap((event) => (event.weight === undefined ? [] : [event.weight]));
    expect(weights.some((weight) => weight !== 0 && Math.abs(weight) < 1e-300)).toBe(true);
    expect(weights.some((weight) => Math.abs(weight) > 1e300)).toBe(true);
  });

  it('draw behaviour ids from the arbitrary given, distinct within a model', () => {
    const ids = fc.string({ minLength: 1, maxLength: 8 }).filter((id) => id !== '__proto__');
    fc.assert(
      fc.property(modelArbitrary({ behaviourIds: ids.map((id) => `x:${id}`) }), (model) => {
        expect(model.behaviourIds.every((id) => id.startsWith('x:'))).toBe(true);
      }),
    );
  });

  it('customerStreamArbitrary draws the given number of distinct customer ids from customerIds', () => {
    fc.assert(
      fc.property(
        customerStreamArbitrary(visit, { customers: 3, customerIds: fc.uuid(), maxLength: 60 }),
        (stream) => {
          const ids = new Set(stream.map((event) => event.customerId));
          expect(ids.size).toBeLessThanOrEqual(3);
          for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
        },
      ),
    );
    const [fixed] = fc.sample(customerStreamArbitrary(visit, { maxLength: 50 }), {
      numRuns: 1,
      seed: 4,
    });
    expect(fixed!.every((event) => /^c\d$/.test(event.customerId!))).toBe(true);
  });
});
