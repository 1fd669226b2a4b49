import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fatigue } from './fatigue.js';

/**
 * Weekly rows with a declining (or slowly rising) click-through rate and binomial-ish noise from a
 * seed; the rate stays at or below 0.5 (plus noise), where the log-link fit is determined: near 1 a
 * rising rate drives the fitted rate past 1 and `fatigue` refuses the rows, as documented.
 */
const series = fc
  .record({
    weeks: fc.integer({ min: 3, max: 20 }),
    start: fc.double({ min: 0.01, max: 0.2, noNaN: true }),
    ratio: fc.double({ min: 0.8, max: 1.1, noNaN: true }),
    sends: fc.integer({ min: 500, max: 5000 }),
    noise: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
  })
  .map(({ weeks, start, ratio, sends, noise }) =>
    Array.from({ length: weeks }, (_, period) => {
      const expected = sends * Math.min(0.5, start * ratio ** period);
      const clicks = Math.max(0, Math.round(expected + noise[period]! * Math.sqrt(expected)));
      return { period, sends, clicks: Math.min(sends, clicks) };
    }),
  )
  .filter((rows) => rows.filter((row) => row.clicks > 0).length >= 2);

describe('fatigue properties', () => {
  it('the fit is a maximum: nudging the slope or the intercept never lowers the deviance', () => {
    fc.assert(
      fc.property(series, (rows) => {
        const fit = fatigue(rows);
        const deviance = (logStart: number, slope: number) => {
          let sum = 0;
          for (const { period, sends, clicks } of rows) {
            const p = Math.exp(logStart + slope * period);
            if (clicks > 0) sum += clicks * Math.log(clicks / (sends * p));
            if (sends > clicks)
              sum += (sends - clicks) * Math.log((sends - clicks) / (sends * (1 - p)));
          }
          return 2 * sum;
        };
        const logStart = Math.log(fit.initialRate);
        expect(deviance(logStart, fit.slope)).toBeCloseTo(fit.deviance, 6);
        for (const [da, db] of [
          [1e-3, 0],
          [-1e-3, 0],
          [0, 1e-4],
          [0, -1e-4],
        ] as const) {
          if (Math.exp(logStart + da + (fit.slope + db) * (rows.length - 1)) >= 1) continue;
          expect(deviance(logStart + da, fit.slope + db)).toBeGreaterThanOrEqual(
            fit.deviance - 1e-7,
          );
        }
      }),
    );
  });

  it('measuring periods in half-units halves the slope and doubles the half-life', () => {
    fc.assert(
      fc.property(series, (rows) => {
        const fit = fatigue(rows);
        const doubled = fatigue(rows.map((row) => ({ ...row, period: row.period * 2 })));
        expect(doubled.slope).toBeCloseTo(fit.slope / 2, 9);
        expect(doubled.pValue).toBeCloseTo(fit.pValue, 9);
        if (fit.halfLife !== null) expect(doubled.halfLife! / fit.halfLife).toBeCloseTo(2, 9);
      }),
    );
  });
});
