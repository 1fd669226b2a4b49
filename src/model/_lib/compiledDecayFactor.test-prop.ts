import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArbitrary } from '../../../test/segmentArbitraries.js';
import { compileModel } from '../compileModel.js';
import { decayFactor } from '../decayedValue.js';
import { compiledDecayFactor } from './compiledDecayFactor.js';

describe('compiledDecayFactor', () => {
  it("gives decayFactor's very double for every behaviour and age, the decays' edges included", () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.array(fc.double({ min: 0, max: 4e3, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 1, maxLength: 5 }),
        (model, hours, nudges) => {
          const compiled = compileModel(model);
          for (let b = 0; b < compiled.behaviourIds.length; b++) {
            const decay = compiled.decays[b]!;
            // the ages the comparisons turn on: the grace, the duration, the cutoff, a ms around
            const edges = [
              'grace' in decay ? (decay.grace ?? 0) : 0,
              'duration' in decay ? decay.duration : 0,
              'cutoff' in decay ? (decay.cutoff ?? 0) : 0,
            ].flatMap((edge) => nudges.map((nudge) => Math.max(0, edge + nudge)));
            // and where an exponential's 2 ** (-age / halfLife) underflows to 0
            const halfLife = 'halfLife' in decay ? decay.halfLife : 1;
            const underflow = [1074, 1074.5, 1075, 1075.5, 1076, 1076.5, 1077].map(
              (k) => k * halfLife,
            );
            const ages = [0, ...edges, ...underflow, ...hours.map((h) => h * 3_600_000), 1e300];
            for (const age of ages) {
              expect(
                Object.is(compiledDecayFactor(compiled, b, age), decayFactor(decay, age)),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
