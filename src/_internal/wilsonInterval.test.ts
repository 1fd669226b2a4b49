import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilsonInterval.js';

describe('wilsonInterval', () => {
  it('matches R prop.test(correct = FALSE) for 7 of 20', () => {
    // R: prop.test(7, 20, correct = FALSE)$conf.int = 0.181191824101082 0.567145723314764
    const { lower, upper } = wilsonInterval(7, 20);
    expect(lower).toBeCloseTo(0.181191824101082, 13);
    expect(upper).toBeCloseTo(0.567145723314764, 13);
  });

  it('stays inside [0, 1] and touches the bound for 0 and n successes', () => {
    // R: prop.test(0, 10, correct = FALSE)$conf.int = 0 0.277532799862889
    const none = wilsonInterval(0, 10);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.277532799862889, 13);
    const all = wilsonInterval(10, 10);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(1 - 0.277532799862889, 13);
  });
});
