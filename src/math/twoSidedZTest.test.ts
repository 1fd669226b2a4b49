import { describe, expect, it } from 'vitest';
import { twoSidedZTest } from './twoSidedZTest.js';

describe('twoSidedZTest', () => {
  it('gives R 2 * pnorm(-abs(z)) for z = 1.96 and z = -2.5', () => {
    // R 4.3: 2 * pnorm(-1.96) = 0.04999579029644097; 2 * pnorm(-2.5) = 0.01241933065155230
    const a = twoSidedZTest(1.96, 1);
    expect(a.z).toBe(1.96);
    expect(a.pValue).toBeCloseTo(0.04999579029644097, 14);
    const b = twoSidedZTest(-0.5, 0.2);
    expect(b.z).toBeCloseTo(-2.5, 15);
    expect(b.pValue).toBeCloseTo(0.0124193306515523, 14);
  });

  it('is degenerate without error: z null, p 1 for no difference and 0 for any other', () => {
    expect(twoSidedZTest(0, 0)).toEqual({ z: null, pValue: 1 });
    expect(twoSidedZTest(0.1, 0)).toEqual({ z: null, pValue: 0 });
    expect(twoSidedZTest(-3, 0)).toEqual({ z: null, pValue: 0 });
  });

  it('never gives a p-value above 1 (z = 0)', () => {
    expect(twoSidedZTest(0, 0.3)).toEqual({ z: 0, pValue: 1 });
  });
});
