import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { fatigue } from './fatigue.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

/**
 * Generated in R (4.2) and fitted there:
 *   set.seed(19); period <- 0:11; sends <- round(runif(12, 1500, 2500))
 *   clicks <- rbinom(12, sends, 0.05 * 0.93^period)
 *   fit <- glm(cbind(clicks, sends - clicks) ~ period, family = binomial(link = "log"))
 */
const SENDS = [1617, 1984, 2151, 1568, 1865, 1724, 1792, 2073, 2337, 2226, 1906, 1950];
const CLICKS = [73, 95, 92, 68, 74, 63, 56, 76, 69, 75, 44, 46];
const WEEKS = SENDS.map((sends, period) => ({ period, sends, clicks: CLICKS[period]! }));

describe('fatigue', () => {
  it("fits the decline as R's glm(binomial(link = 'log')) does", () => {
    // R: coef(fit)  # -3.0148260289427142 -0.0590071802228728
    //    summary(fit)$coefficients[, 2]  # 0.05989265912294890 0.00995485413098555
    //    summary(fit)$coefficients[2, 3:4]  # -5.92747813744519 3.07622289672514e-09
    //    c(fit$deviance, fit$null.deviance, fit$iter)  # 6.10730229036526 41.51586158263871 4
    //    confint.default(fit)  # (Intercept) -3.1322134837620283 -2.8974385741234001
    //                          # period      -0.0785183357909543 -0.0394960246547914
    //    -log(2) / c(coef(fit)[2], confint.default(fit)[2, ])
    //    # 11.74682772404810 8.82783840968519 17.54979612804799
    const fit = fatigue(WEEKS);
    expect(Math.log(fit.initialRate)).toBeCloseTo(-3.0148260289427142, 11);
    expect(fit.slope).toBeCloseTo(-0.0590071802228728, 12);
    expect(fit.standardError).toBeCloseTo(0.00995485413098555, 12);
    expect(Math.log(fit.initialRateInterval.lower)).toBeCloseTo(-3.1322134837620283, 10);
    expect(Math.log(fit.initialRateInterval.upper)).toBeCloseTo(-2.8974385741234001, 10);
    expect(fit.z).toBeCloseTo(-5.92747813744519, 10);
    expect(fit.pValue / 3.07622289672514e-9).toBeCloseTo(1, 8);
    expect(fit.deviance).toBeCloseTo(6.10730229036526, 9);
    expect(fit.nullDeviance).toBeCloseTo(41.51586158263871, 10);
    expect(fit.iterations).toBe(4);
    expect(Math.log(fit.ratioInterval.lower)).toBeCloseTo(-0.0785183357909543, 11);
    expect(Math.log(fit.ratioInterval.upper)).toBeCloseTo(-0.0394960246547914, 11);
    expect(fit.halfLife).toBeCloseTo(11.7468277240481, 9);
    expect(fit.halfLifeInterval?.lower).toBeCloseTo(8.82783840968519, 9);
    expect(fit.halfLifeInterval?.upper).toBeCloseTo(17.54979612804799, 9);
    expect(fit).toMatchObject({ declining: true, periods: 12, trials: 23193, successes: 831 });
    expect(fit.points[3]).toMatchObject({
      period: 3,
      trials: 1568,
      successes: 68,
      rate: 68 / 1568,
    });
    expect(fit.points[3]?.fitted).toBeCloseTo(
      Math.exp(-3.0148260289427142 - 3 * 0.0590071802228728),
      12,
    );
  });

  it('finds no significant decline in a flat rate, and leaves the half-life unbounded above', () => {
    // R: set.seed(7); sends2 <- round(runif(8, 800, 1200)); clicks2 <- rbinom(8, sends2, 0.03)
    //    fit2 <- glm(cbind(clicks2, sends2 - clicks2) ~ I(0:7), family = binomial(link = "log"))
    //    summary(fit2)$coefficients[2, ]
    //    # -0.0176337041010092 0.0282184193707201 -0.624900490326764 0.532036370509776
    //    confint.default(fit2)[2, ]  # -0.0729407897682681 0.0376733815662496
    //    c(fit2$deviance, fit2$null.deviance)  # 3.90021632587974 4.29071954066696
    const sends = [1196, 959, 846, 828, 897, 1117, 936, 1189];
    const clicks = [35, 24, 22, 28, 20, 27, 29, 27];
    const fit = fatigue(
      sends.map((s, week) => ({ week: BigInt(week), s: String(s), c: clicks[week] })),
      {
        fields: { period: 'week', trials: 's', successes: 'c' },
      },
    );
    expect(fit.slope).toBeCloseTo(-0.0176337041010092, 12);
    expect(fit.standardError).toBeCloseTo(0.0282184193707201, 12);
    expect(fit.pValue).toBeCloseTo(0.532036370509776, 11);
    expect(fit.deviance).toBeCloseTo(3.90021632587974, 9);
    expect(fit.nullDeviance).toBeCloseTo(4.29071954066696, 10);
    expect(fit.declining).toBe(false);
    expect(fit.halfLifeInterval?.lower).toBeCloseTo(-Math.log(2) / -0.0729407897682681, 9);
    expect(fit.halfLifeInterval?.upper).toBeNull();
    // A rising rate has no half-life at all.
    const rising = fatigue(
      [20, 26, 29, 35, 41, 44].map((c, period) => ({ period, sends: 1000, clicks: c })),
    );
    expect(rising.slope).toBeGreaterThan(0);
    expect(rising.halfLife).toBeNull();
  });

  it('does not depend on where the periods start: only the initial rate moves', () => {
    const shifted = fatigue(WEEKS.map((week) => ({ ...week, period: week.period + 2000 })));
    const fit = fatigue(WEEKS);
    expect(shifted.slope).toBeCloseTo(fit.slope, 10);
    expect(shifted.standardError).toBeCloseTo(fit.standardError, 10);
    expect(shifted.points[0]?.fitted).toBeCloseTo(fit.points[0]!.fitted, 12);
  });

  it('refuses rows that leave the decline undetermined', () => {
    const once = caught(() =>
      fatigue([10, 0, 0].map((clicks, period) => ({ period, sends: 100, clicks }))),
    );
    expect(once.code).toBe('INVALID_OPTION');
    expect(once.message).toMatch(/^fatigue: the rows leave the decline undetermined/);
    expect(caught(() => fatigue([{ period: 0, sends: 10, clicks: 1 }])).code).toBe('EMPTY_INPUT');
    expect(
      caught(() =>
        fatigue([
          { period: 0, sends: 10, clicks: 0 },
          { period: 1, sends: 10, clicks: 0 },
        ]),
      ).message,
    ).toBe('fatigue: no click in any period; a rate of 0 throughout has no decline to fit');
  });

  it('reports every bad row with its index', () => {
    const error = caught(() =>
      fatigue([
        { period: 0, sends: 10, clicks: 11 },
        { period: 'week 2', sends: 10, clicks: 1 },
        { period: 2, clicks: 1 },
      ]),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['rows', 0, 'clicks'],
      ['rows', 1, 'period'],
      ['rows', 2, 'sends'],
    ]);
    expect(error.message).toMatch(
      /^fatigue: rows\[0\]\.clicks \(11\) must not exceed sends \(10\)/,
    );
  });

  it('gives a finite null deviance for a count of clicks so small that its ratio to the expected count underflows (it was -Infinity)', () => {
    // Found by src/rates/hostileInput.test-prop.ts (CI, seed 606767240): 5e-324 clicks of 130
    // sends against a pooled rate of 0.111: y / (n mu) underflows to 0 and y log 0 = -Infinity.
    const fit = fatigue([
      { period: 1e15, sends: 130, clicks: 5e-324 },
      { period: 0, sends: 9007199254740994, clicks: 1e15 },
    ]);
    expect(Number.isFinite(fit.nullDeviance)).toBe(true);
    // the tiny count adds nothing visible: the 130 sends without a click against 0.111 give
    // 2 * 130 * log(1 / 0.889) = 30.6, less the large period's cancelling terms
    expect(fit.nullDeviance).toBeGreaterThan(0);
    expect(fit.nullDeviance).toBeLessThan(31);
  });

  it('refuses clicks so few that the intervals overflow, instead of an Infinity bound (src/rates/hostileInput.test-prop.ts)', () => {
    let caught: unknown;
    try {
      fatigue([
        { period: 0, sends: 1, clicks: 0 },
        { period: 1, sends: 1, clicks: 2 ** -1022 },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngagekitError);
    expect((caught as EngagekitError).code).toBe('INVALID_OPTION');
    expect((caught as EngagekitError).path).toEqual(['rows']);
  });
});
