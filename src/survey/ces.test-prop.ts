import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces } from './ces.js';

describe('ces mean interval properties', () => {
  it('the interval contains the mean and stays on the scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 200 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (answers, confidence) => {
          const { mean, meanInterval } = ces(answers, { confidence });
          expect(meanInterval).not.toBeNull();
          expect(meanInterval!.lower).toBeLessThanOrEqual(mean + 1e-12);
          expect(meanInterval!.upper).toBeGreaterThanOrEqual(mean - 1e-12);
          expect(meanInterval!.lower).toBeGreaterThanOrEqual(1);
          expect(meanInterval!.upper).toBeLessThanOrEqual(7);
        },
      ),
    );
  });
});
