import { EngagekitError } from '../errors/EngagekitError.js';
import { normalQuantile, normalUpperTail } from '../math/normalDistribution.js';
import { binomialDeviance, binomialLogFit } from './_lib/binomialLogFit.js';
import { addIssue, issuesOf, throwIssues } from './_lib/issues.js';
import { readCount, readFinite } from './_lib/readCount.js';
import { readConfidence, readOptionsObject } from './_lib/readOptions.js';
import { readFieldNames, readRowArray, requiredField, rowAt } from './_lib/readRows.js';
import type { RateInterval } from './RateResult.js';

/**
 * Options of {@link fatigue}.
 *
 * @category Rates
 */
export interface FatigueOptions {
  /**
   * The columns of the rows: `period` (default `'period'`), `trials` (default `'sends'`) and
   * `successes` (default `'clicks'`).
   */
  readonly fields?: {
    readonly period?: string;
    readonly trials?: string;
    readonly successes?: string;
  };
  /** Confidence level of the intervals; the decline is significant below `1 - confidence`. */
  readonly confidence?: number;
}

/**
 * One row of a {@link Fatigue} fit: a period's observed and fitted rate.
 *
 * @category Rates
 */
export interface FatiguePoint {
  readonly period: number;
  readonly trials: number;
  readonly successes: number;
  /** `successes / trials`; `null` for a period without trials. */
  readonly rate: number | null;
  /** The fitted rate, `initialRate * ratio ^ period`. */
  readonly fitted: number;
}

/**
 * How fast a rate fades, see {@link fatigue}.
 *
 * @category Rates
 */
export interface Fatigue {
  /** Rows with trials. */
  readonly periods: number;
  /** Total trials and successes. */
  readonly trials: number;
  readonly successes: number;
  /** The fitted rate at period 0, `exp(intercept)`. */
  readonly initialRate: number;
  readonly initialRateInterval: RateInterval;
  /** What the rate is multiplied by each period, `exp(slope)`: 0.93 is a 7% fall per period. */
  readonly ratio: number;
  readonly ratioInterval: RateInterval;
  /** The slope of `log(rate)` per period, its standard error, z and two-sided p-value (Wald). */
  readonly slope: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
  /** Whether the rate falls significantly: `slope < 0` and `pValue < 1 - confidence`. */
  readonly declining: boolean;
  /** Periods for the rate to halve, `-ln 2 / slope`; `null` when it does not fall. */
  readonly halfLife: number | null;
  /**
   * The half-life's interval from the slope's: `upper` is `null` (no bound) when a flat or
   * rising rate is within the slope's interval; the whole is `null` when no fall is.
   */
  readonly halfLifeInterval: { readonly lower: number; readonly upper: number | null } | null;
  /** Residual and null deviance (the null model: one rate for every period). */
  readonly deviance: number;
  readonly nullDeviance: number;
  /** IRLS iterations, counted as R's `glm` counts them. */
  readonly iterations: number;
  readonly confidence: number;
  /** Each row's observed and fitted rate, in the order given. */
  readonly points: readonly FatiguePoint[];
}

const DEFAULT_FIELDS = { period: 'period', trials: 'sends', successes: 'clicks' } as const;

/**
 * Click-through fatigue: fits the decline of a rate over periods (sends of a campaign, weeks of
 * a channel) and reports its half-life with an interval and whether the decline is significant.
 *
 * @remarks
 * "Every channel's click-through decays as novelty fades" (Andrew Chen's law of shitty
 * clickthroughs). The model is a binomial GLM with log link, `log p_t = intercept + slope * t`:
 * the rate is multiplied by `ratio = exp(slope)` each period, and halves every
 * `halfLife = -ln 2 / slope` periods. It is fitted by maximum likelihood with iteratively
 * reweighted least squares exactly as R's
 * `glm(cbind(clicks, sends - clicks) ~ period, family = binomial(link = "log"))` fits it (same
 * start, weights, step halving and stopping rule), so the estimates, standard errors (from the
 * Fisher information), z and p-values of `summary()` and the Wald intervals of
 * `confint.default()` are R's. The intervals of the ratio, the initial rate and the half-life are
 * those Wald intervals mapped through `exp` and `-ln 2 / slope`.
 *
 * Periods are numbers of any origin and spacing (0, 1, 2 ... or week numbers); `initialRate`
 * is the fitted rate at period 0. Counts are read as {@link engagementRate} reads them (numbers,
 * bigints, decimal strings). Rates near 1 do not suit a log link (a fitted rate must stay below 1);
 * click-through rates are far from it.
 *
 * @param rows - One row per period: the period, its trials (sends) and successes (clicks).
 * @param options - Column names and the confidence level.
 * @returns The fit: rates, ratio, slope with its test, half-life with its interval, deviances and
 * each row's fitted rate.
 * @throws {@link EngagekitError} `INVALID_OPTION` (every problem listed, with the row index) for
 * a missing column, a count that is not a finite number >= 0, clicks above sends, a period that
 * is not a finite number, bad options, or data whose fit does not converge (every click in one
 * period) or whose intervals overflow (clicks near 2.2e-308); `EMPTY_INPUT` with fewer than two periods with sends, or no click at all.
 *
 * @example
 * ```ts
 * import { fatigue } from 'engagekit';
 *
 * // Weekly sends and clicks of one newsletter (generated in R with a true ratio of 0.93).
 * const weeks = [
 *   [1617, 73], [1984, 95], [2151, 92], [1568, 68], [1865, 74], [1724, 63],
 *   [1792, 56], [2073, 76], [2337, 69], [2226, 75], [1906, 44], [1950, 46],
 * ].map(([sends, clicks], week) => ({ week, sends, clicks }));
 * const fit = fatigue(weeks, { fields: { period: 'week' } });
 * fit.declining; // => true
 * Number(fit.halfLife?.toFixed(1)); // => 11.7
 * [Number(fit.halfLifeInterval?.lower.toFixed(1)), Number(fit.halfLifeInterval?.upper?.toFixed(1))]; // => [8.8, 17.5]
 * ```
 * @category Rates
 */
export function fatigue(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: FatigueOptions = {},
): Fatigue {
  const issues = issuesOf('fatigue');
  const given = readOptionsObject(options, issues, ['fields', 'confidence']);
  const fields = readFieldNames(given.fields, DEFAULT_FIELDS, issues);
  const confidence = readConfidence(given.confidence, issues, ['options', 'confidence']);
  const list = readRowArray(rows, issues, 'period rows { period, sends, clicks }');
  const periods = new Float64Array(list.length);
  const trials = new Float64Array(list.length);
  const successes = new Float64Array(list.length);
  for (let index = 0; index < list.length; index++) {
    const row = rowAt(list[index], index, issues);
    if (row === undefined) continue;
    const before = issues.list.length + issues.more;
    const period = requiredField(row, fields.period, 'period', index, issues);
    const sends = requiredField(row, fields.trials, 'trials', index, issues);
    const clicks = requiredField(row, fields.successes, 'successes', index, issues);
    if (period !== undefined)
      periods[index] = readFinite(period, issues, ['rows', index, fields.period]);
    if (sends !== undefined)
      trials[index] = readCount(sends, issues, ['rows', index, fields.trials]);
    if (clicks !== undefined) {
      successes[index] = readCount(clicks, issues, ['rows', index, fields.successes]);
    }
    if (issues.list.length + issues.more === before && successes[index]! > trials[index]!) {
      addIssue(
        issues,
        ['rows', index, fields.successes],
        `(${successes[index]}) must not exceed ${fields.trials} (${trials[index]})`,
      );
    }
  }
  throwIssues(issues, 'INVALID_OPTION');
  let totalTrials = 0;
  let totalSuccesses = 0;
  let withTrials = 0;
  const distinct = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    if (trials[i] === 0) continue;
    withTrials++;
    distinct.add(periods[i]!);
    totalTrials += trials[i]!;
    totalSuccesses += successes[i]!;
  }
  if (distinct.size < 2) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `fatigue: sends in ${distinct.size === 0 ? 'no period' : 'one period only'}; a decline needs sends in at least two different periods`,
      ['rows'],
    );
  }
  if (totalSuccesses === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'fatigue: no click in any period; a rate of 0 throughout has no decline to fit',
      ['rows'],
    );
  }
  const fit = binomialLogFit(periods, successes, trials);
  const standardError = Math.sqrt(fit.varianceSlope);
  let vanishing = false;
  for (let i = 0; i < list.length; i++) {
    // R's glm warns "fitted probabilities numerically 0 occurred" below 10 * machine epsilon.
    if (trials[i]! > 0 && Math.exp(fit.intercept + fit.slope * periods[i]!) < 10 * Number.EPSILON) {
      vanishing = true;
    }
  }
  const quantile = normalQuantile(0.5 + confidence / 2);
  const interceptError = Math.sqrt(fit.varianceIntercept);
  // Clicks so few (a count near 2.2e-308) that the intervals' upper ends overflow leave the
  // decline as undetermined as a fit that does not converge.
  const bounded =
    Number.isFinite(Math.exp(fit.intercept + quantile * interceptError)) &&
    Number.isFinite(Math.exp(fit.slope + quantile * standardError));
  if (
    vanishing ||
    !bounded ||
    !fit.converged ||
    !Number.isFinite(fit.slope) ||
    !(standardError > 0)
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      'fatigue: the rows leave the decline undetermined: the fit does not converge or drives a rate to 0 (are all clicks in one period, or some rates near 1?)',
      ['rows'],
    );
  }
  const slopeLower = fit.slope - quantile * standardError;
  const slopeUpper = fit.slope + quantile * standardError;
  const z = fit.slope / standardError;
  const pValue = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  const pooled = totalSuccesses / totalTrials;
  return {
    periods: withTrials,
    trials: totalTrials,
    successes: totalSuccesses,
    initialRate: Math.exp(fit.intercept),
    initialRateInterval: {
      lower: Math.exp(fit.intercept - quantile * interceptError),
      upper: Math.exp(fit.intercept + quantile * interceptError),
    },
    ratio: Math.exp(fit.slope),
    ratioInterval: { lower: Math.exp(slopeLower), upper: Math.exp(slopeUpper) },
    slope: fit.slope,
    standardError,
    z,
    pValue,
    declining: fit.slope < 0 && pValue < 1 - confidence,
    halfLife: fit.slope < 0 ? -Math.LN2 / fit.slope : null,
    halfLifeInterval:
      slopeLower < 0
        ? { lower: -Math.LN2 / slopeLower, upper: slopeUpper < 0 ? -Math.LN2 / slopeUpper : null }
        : null,
    deviance: fit.deviance,
    nullDeviance: binomialDeviance(successes, trials, () => pooled),
    iterations: fit.iterations,
    confidence,
    points: Array.from(periods, (period, i) => ({
      period,
      trials: trials[i]!,
      successes: successes[i]!,
      rate: trials[i] === 0 ? null : successes[i]! / trials[i]!,
      fitted: Math.exp(fit.intercept + fit.slope * period),
    })),
  };
}
