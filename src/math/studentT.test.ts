import { describe, expect, it } from 'vitest';
import { studentTCriticalValue } from './studentT.js';

describe('studentTCriticalValue', () => {
  // R 4.2.2: options(digits = 17); qt(c(0.975, 0.9, 0.995), df)
  const table: [number, number, number, number][] = [
    [1, 12.706204736174694, 3.0776835371752544, 63.656741162871526],
    [2, 4.3026527297494619, 1.8856180831641269, 9.9248432009182892],
    [3, 3.1824463052837078, 1.6377443536962091, 5.8409093097333544],
    [5, 2.5705818356363137, 1.4758840488244804, 4.0321429835552287],
    [9, 2.2621571627982049, 1.3830287383966324, 3.2498355415921254],
    [29, 2.0452296421327034, 1.3114336473015509, 2.7563859036706049],
    [99, 1.9842169515864172, 1.2901614420344816, 2.6264054572808275],
  ];

  it.each(table)('matches R qt for %i degrees of freedom', (df, q975, q90, q995) => {
    // Two-sided: qt(0.975) is the critical value at 0.95, qt(0.9) at 0.8, qt(0.995) at 0.99.
    expect(studentTCriticalValue(0.95, df)).toBeCloseTo(q975, 10);
    expect(studentTCriticalValue(0.8, df)).toBeCloseTo(q90, 10);
    expect(studentTCriticalValue(0.99, df)).toBeCloseTo(q995, 9);
  });

  // Closed forms: with 1 degree of freedom (Cauchy) P(|T| <= t) = 2 atan(t) / pi, so
  // t = tan(pi c / 2) = cot(pi (1 - c) / 2); with 2, P(|T| <= t) = t / sqrt(2 + t^2), so
  // t = c sqrt(2 / (1 - c^2)).
  it('keeps its digits at levels within 1e-16 of 1, where 0.5 + c/2 rounds to 1', () => {
    const level = 1 - 2 ** -53;
    expect(studentTCriticalValue(level, 1) / (1 / Math.tan(Math.PI * 2 ** -54))).toBeCloseTo(1, 12);
    // 1 - level^2 is 2^-52 - 2^-106, about 2^-52.
    expect(studentTCriticalValue(level, 2) / (level * Math.sqrt(2 / 2 ** -52))).toBeCloseTo(1, 12);
    expect(Number.isFinite(studentTCriticalValue(level, 7))).toBe(true);
  });

  it('keeps its digits at tiny levels, where 0.5 + c/2 loses them', () => {
    expect(studentTCriticalValue(1e-10, 1) / (Math.PI * 0.5e-10)).toBeCloseTo(1, 12);
    expect(studentTCriticalValue(1e-10, 2) / (1e-10 * Math.sqrt(2))).toBeCloseTo(1, 12);
    expect(studentTCriticalValue(0.3, 2)).toBeCloseTo(0.3 * Math.sqrt(2 / (1 - 0.09)), 12);
  });

  it('joins the Cornish-Fisher expansion smoothly at 1e4 degrees of freedom', () => {
    // dt/d(df) is about -(z^3 + z) / (4 df^2): one more degree of freedom moves t by 2.372e-8.
    const below = studentTCriticalValue(0.95, 9_999);
    const above = studentTCriticalValue(0.95, 10_000);
    expect((below - above) / 2.372e-8).toBeCloseTo(1, 2);
    // R: qt(0.975, 1e6) = 1.9599663568141...
    expect(studentTCriticalValue(0.95, 1e6)).toBeCloseTo(1.959966356814, 11);
  });
});
