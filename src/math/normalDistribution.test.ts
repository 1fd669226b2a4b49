import { describe, expect, it } from 'vitest';
import { normalCriticalValue, normalQuantile, normalUpperTail } from './normalDistribution.js';

describe('normalQuantile', () => {
  // Confirmed in R 4.x: options(digits = 17); qnorm(c(1e-300, 1e-20, 1e-10, 0.001, 0.01, 0.05,
  //   0.1, 0.2, 0.3, 0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.995, 0.999999))
  const cases: [number, number][] = [
    [1e-300, -37.047096299361201],
    [1e-20, -9.2623400897984052],
    [1e-10, -6.3613409024040557],
    [0.001, -3.0902323061678132],
    [0.01, -2.3263478740408408],
    [0.05, -1.6448536269514726],
    [0.1, -1.2815515655446008],
    [0.2, -0.84162123357291418],
    [0.3, -0.52440051270804067],
    [0.5, 0],
    [0.6, 0.25334710313579978],
    [0.8, 0.84162123357291441],
    [0.9, 1.2815515655446008],
    [0.95, 1.6448536269514715],
    [0.975, 1.9599639845400536],
    [0.995, 2.5758293035488999],
    [0.999999, 4.7534243088170891],
  ];
  it.each(cases)('matches R qnorm(%d) to 15 significant digits', (probability, expected) => {
    const actual = normalQuantile(probability);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
      1e-15 * Math.max(1, Math.abs(expected)),
    );
  });

  it('is antisymmetric around 0.5', () => {
    for (const probability of [0.001, 0.025, 0.2, 0.4]) {
      expect(normalQuantile(1 - probability)).toBeCloseTo(-normalQuantile(probability), 12);
    }
  });
});

describe('normalUpperTail', () => {
  // Confirmed in R: options(digits = 17); pnorm(c(-50, -10, -5.7, -5, -2, -1, -0.5, 0, 0.3,
  //   0.6745, 0.7, 1, 1.959963984540054, 3, 5.6, 5.7, 8, 20, 41), lower.tail = FALSE)
  const cases: [number, number][] = [
    [-50, 1],
    [-10, 1],
    [-5.7, 0.99999999400962858],
    [-5, 0.99999971334842808],
    [-2, 0.97724986805182079],
    [-1, 0.84134474606854293],
    [-0.5, 0.69146246127401301],
    [0, 0.5],
    [0.3, 0.38208857781104733],
    [0.6745, 0.24999674286369922],
    [0.7, 0.24196365222307298],
    [1, 0.15865525393145705],
    [1.959963984540054, 0.025000000000000012],
    [3, 0.0013498980316300946],
    [5.6, 1.0717590258310928e-8],
    [5.7, 5.9903714010635279e-9],
    [8, 6.2209605742717849e-16],
    [20, 2.7536241186062337e-89],
    [41, 0],
  ];
  it.each(cases)(
    'matches R pnorm(%d, lower.tail = FALSE) to 14 significant digits',
    (z, expected) => {
      const actual = normalUpperTail(z);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-14 * expected);
    },
  );

  it('inverts normalQuantile', () => {
    for (const probability of [1e-12, 0.001, 0.05, 0.3, 0.5, 0.77, 0.975]) {
      expect(normalUpperTail(normalQuantile(1 - probability))).toBeCloseTo(probability, 14);
    }
  });
});

describe('normalCriticalValue', () => {
  // R: qnorm(0.975), qnorm(0.995), qnorm(0.9): the two-sided values at 0.95, 0.99 and 0.8.
  it.each([
    [0.95, 1.959963984540054],
    [0.99, 2.5758293035488999],
    [0.8, 1.2815515655446008],
  ])('at %d matches R qnorm(0.5 + c/2)', (confidence, expected) => {
    expect(normalCriticalValue(confidence)).toBeCloseTo(expected, 14);
  });

  it('is finite within 1e-16 of 1, where qnorm(0.5 + c/2) would be qnorm(1) = Infinity', () => {
    // 0.5 + (1 - 2^-53) / 2 rounds to 1; the tail is 2^-54, checked through the upper tail (Cody).
    expect(Number.isFinite(normalQuantile(0.5 + (1 - 2 ** -53) / 2))).toBe(false);
    const z = normalCriticalValue(1 - 2 ** -53);
    expect(z).toBeCloseTo(8.29236, 5);
    expect(normalUpperTail(z) / 2 ** -54).toBeCloseTo(1, 12);
  });

  it('keeps its digits at tiny levels: z = c sqrt(pi / 2) to first order', () => {
    expect(normalCriticalValue(1e-10) / (1e-10 * Math.sqrt(Math.PI / 2))).toBeCloseTo(1, 14);
    expect(normalCriticalValue(5e-324)).toBeGreaterThanOrEqual(0);
  });
});
