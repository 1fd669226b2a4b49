import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { issueList } from '../errors/issueList.js';

/** The 0.975 quantile of the standard normal distribution, `qnorm(0.975)` in R. */
const Z_975 = 1.959963984540054;

/**
 * One row of a {@link kaplanMeier} table: the estimate just after an event time.
 *
 * @category Survival
 */
export interface KaplanMeierRow {
  /** A distinct duration at which at least one event (churn) was observed. */
  readonly time: number;
  /** Subjects still at risk just before `time`: not yet churned nor censored earlier. */
  readonly atRisk: number;
  /** Events at `time`. */
  readonly events: number;
  /** Censorings at `time` (still counted at risk at `time`). */
  readonly censored: number;
  /** Product-limit estimate of S(time). */
  readonly survival: number;
  /**
   * Greenwood standard error of the cumulative hazard, `sqrt(sum d / (n (n - d)))`, R's
   * `std.err`; `null` once the risk set is emptied (survival 0).
   */
  readonly standardError: number | null;
  /** Lower end of the 95% interval on the log(-log) scale; `null` when survival is 0. */
  readonly lower: number | null;
  /** Upper end of the 95% interval on the log(-log) scale; `null` when survival is 0. */
  readonly upper: number | null;
}

function sortedTimes(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Kaplan-Meier product-limit estimate of survival (time to churn) from durations, some censored.
 *
 * @remarks
 * At each distinct time `t` with `d` events among `n` subjects at risk, `S(t) = S(t-) (1 - d/n)`.
 * At tied times events come before censorings: a subject censored at `t` is still at risk at `t`.
 * Variance by Greenwood's formula, `Var(log S) = sum d / (n (n - d))` (compensated sum); the 95%
 * interval is computed on the log(-log) scale, `S^exp(∓1.96 se / log S)` (lower, upper), which stays inside
 * [0, 1]. This matches R's `survfit(Surv(time, status) ~ 1, conf.type = "log-log")` (survival
 * package), against which the tests are checked; R also reports rows at censoring-only times,
 * which are left out here. See Kaplan & Meier (1958), JASA 53:457-481.
 *
 * Use {@link medianSurvivalTime} for the median. All durations censored gives an empty table.
 *
 * @param durations - Time to churn or to censoring (end of observation), each finite and >= 0,
 * in any unit.
 * @param observed - `true` when the churn was observed at that duration, `false` when censored.
 * @returns One row per distinct event time, ascending.
 * @throws {@link EngagekitError} `EMPTY_INPUT` for no durations; `INVALID_DURATION` for a
 * negative or non-finite duration; `INVALID_OPTION` when `observed` is not booleans of the same
 * length. `error.issues` lists every bad duration and flag, not only the first.
 *
 * @example
 * ```ts
 * import { kaplanMeier } from 'engagekit';
 *
 * // Months until churn; false = still a customer when last seen (censored).
 * const table = kaplanMeier([2, 3, 3, 5, 5, 7], [true, true, false, true, false, true]);
 * table.map((row) => [row.time, row.atRisk, row.events, Number(row.survival.toFixed(4))]);
 * // => [[2, 6, 1, 0.8333], [3, 5, 1, 0.6667], [5, 3, 1, 0.4444], [7, 1, 1, 0]]
 * Number(table[0]?.lower?.toFixed(4)); // => 0.2731
 * table[3]?.upper; // => null
 * ```
 * @category Survival
 */
export function kaplanMeier(
  durations: readonly number[],
  observed: readonly boolean[],
): KaplanMeierRow[] {
  const fn = 'kaplanMeier';
  const issues = issueList(fn);
  if (!Array.isArray(durations)) {
    throw new EngagekitError(
      'INVALID_DURATION',
      `${fn}: durations must be an array of numbers, got ${describeValue(durations)}`,
      ['durations'],
    );
  }
  if (!Array.isArray(observed) || observed.length !== durations.length) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: observed must be an array of booleans with one entry per duration (${durations.length}), got ${Array.isArray(observed) ? `${observed.length} entries` : describeValue(observed)}`,
      ['observed'],
    );
  }
  if (durations.length === 0) {
    throw new EngagekitError('EMPTY_INPUT', `${fn}: durations is empty; pass at least one`, [
      'durations',
    ]);
  }
  const eventTimes: number[] = [];
  const censorTimes: number[] = [];
  let badDurations = 0;
  for (let i = 0; i < durations.length; i++) {
    const duration = durations[i];
    const seen = observed[i];
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
      badDurations++;
      issues.add(['durations', i], `must be a finite number >= 0, got ${describeValue(duration)}`);
    }
    if (typeof seen !== 'boolean') {
      issues.add(
        ['observed', i],
        `must be true (churned) or false (censored), got ${describeValue(seen)}`,
      );
    }
    if (issues.count === 0) (seen ? eventTimes : censorTimes).push(duration as number);
  }
  // Any bad duration makes the error INVALID_DURATION; bad flags alone, INVALID_OPTION.
  issues.throwIfAny(badDurations > 0 ? 'INVALID_DURATION' : 'INVALID_OPTION');
  const events = sortedTimes(eventTimes);
  const censors = sortedTimes(censorTimes);
  const rows: KaplanMeierRow[] = [];
  let survival = 1;
  let greenwood = 0;
  let compensation = 0;
  let e = 0;
  let c = 0;
  while (e < events.length) {
    const time = events[e]!;
    while (c < censors.length && censors[c]! < time) c++;
    const atRisk = durations.length - e - c;
    let d = 0;
    while (e < events.length && events[e] === time) {
      e++;
      d++;
    }
    let censored = 0;
    while (c + censored < censors.length && censors[c + censored] === time) censored++;
    survival *= 1 - d / atRisk;
    if (d < atRisk) {
      const term = d / (atRisk * (atRisk - d));
      const next = greenwood + term;
      compensation +=
        Math.abs(greenwood) >= Math.abs(term) ? greenwood - next + term : term - next + greenwood;
      greenwood = next;
    }
    const emptied = d === atRisk;
    const standardError = emptied ? null : Math.sqrt(greenwood + compensation);
    let lower: number | null = null;
    let upper: number | null = null;
    if (!emptied && standardError !== null) {
      const logSurvival = Math.log(survival);
      const centre = Math.log(-logSurvival);
      const spread = (Z_975 * standardError) / logSurvival;
      lower = Math.exp(-Math.exp(centre - spread));
      upper = Math.exp(-Math.exp(centre + spread));
    }
    rows.push({
      time,
      atRisk,
      events: d,
      censored,
      survival: emptied ? 0 : survival,
      standardError,
      lower,
      upper,
    });
  }
  return rows;
}
