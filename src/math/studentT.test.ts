import { describe, expect, it } from 'vitest';
import { studentTQuantile } from './studentT.js';

describe('studentTQuantile', () => {
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
    expect(studentTQuantile(0.975, df)).toBeCloseTo(q975, 10);
    expect(studentTQuantile(0.9, df)).toBeCloseTo(q90, 10);
    expect(studentTQuantile(0.995, df)).toBeCloseTo(q995, 9);
  });
});
