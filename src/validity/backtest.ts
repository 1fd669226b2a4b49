import * as z from 'zod';
import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { parseWith } from '../errors/zodIssues.js';
import { compileModel } from '../model/compileModel.js';
import type { Model, Segment } from '../model/modelSchema.js';
import { readEvents } from '../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { ladderOf } from '../segment/_lib/ladder.js';
import { segmentOf } from '../segment/segmentOf.js';
import { segmentIndexAt } from '../segment/sweep/segmentIndexAt.js';
import { scoreOf } from '../segment/sweep/sweepColumns.js';
import { type DurationInput, durationSchema } from '../time/duration.js';
import type { Instant } from '../time/instant.js';
import { groupByCustomer } from './_lib/groupByCustomer.js';
import { rocAuc } from './_lib/rocAuc.js';
import { scoreDeciles } from './_lib/scoreDeciles.js';
import { segmentOutcomes } from './_lib/segmentOutcomes.js';
import type { DecileOutcome, SegmentOutcome } from './OutcomeRate.js';
import { type PredictiveValidity, predictiveValidity } from './predictiveValidity.js';

/**
 * What counts as the outcome: a behaviour id, several (any of them), or a test of one event.
 *
 * @category Validity
 */
export type OutcomeSpec = string | readonly string[] | ((event: EngagementEvent) => boolean);

/**
 * Options of {@link backtest}. Give exactly one of `at` and `atEach`.
 *
 * @category Validity
 */
export interface BacktestOptions extends ScoreOptions {
  /** The instant to score at. */
  readonly at?: Instant;
  /** Several instants to score at (a repeated instant counts once); their observations are pooled. */
  readonly atEach?: readonly Instant[];
  /**
   * The outcome: behaviour id(s) (outcome-only behaviours need not be in the model; they are left
   * out of the score), or a function of one event returning `true` for an outcome event.
   */
  readonly outcome: OutcomeSpec;
  /** How long after the scoring instant the outcome may happen, e.g. `{ days: 90 }`; > 0. */
  readonly horizon: DurationInput;
  /**
   * Until when the data is complete (default: the latest event time in `events`). Only instants
   * whose horizon has fully elapsed by then are used.
   */
  readonly observedUntil?: Instant;
}

/**
 * One customer scored at one instant, and whether the outcome followed.
 *
 * @category Validity
 */
export interface BacktestObservation {
  readonly customerId: string;
  /** The scoring instant, epoch milliseconds. */
  readonly at: number;
  readonly score: number;
  readonly segment: Segment;
  /** Whether an outcome event happened in `(at, at + horizon]`. */
  readonly outcome: boolean;
}

/**
 * The observations of one scoring instant.
 *
 * @category Validity
 */
export interface BacktestInstant {
  /** Epoch milliseconds. */
  readonly at: number;
  /** Customers observed (with an event at or before `at`). */
  readonly n: number;
  readonly positives: number;
  /** AUC at this instant alone; `null` when the outcome happened for none or all of them. */
  readonly auc: number | null;
}

/**
 * The result of {@link backtest}: {@link PredictiveValidity} of the pooled observations, with lift
 * tables and the observations themselves.
 *
 * @category Validity
 */
export interface BacktestResult extends PredictiveValidity {
  /** The horizon, milliseconds. */
  readonly horizon: number;
  /** Until when the data was taken to be complete, epoch milliseconds. */
  readonly observedUntil: number;
  /** The instants used, in time order. */
  readonly instants: readonly BacktestInstant[];
  /** Instants left out because `at + horizon > observedUntil` (censored), in time order. */
  readonly censoredInstants: readonly number[];
  /** Outcome rate per segment of the model's ladder, top segment first. */
  readonly segments: readonly SegmentOutcome[];
  /** Outcome rate per score decile, decile 1 = highest scores; empty deciles left out. */
  readonly deciles: readonly DecileOutcome[];
  /** Every (customer, instant) observation, instants in time order, customers in input order. */
  readonly observations: readonly BacktestObservation[];
}

const fn = 'backtest';
const instantSchema = z.union([z.number(), z.date()], {
  error: 'must be a Date or finite epoch milliseconds',
});
const optionsSchema = z
  .strictObject({
    at: instantSchema.optional(),
    atEach: z.array(instantSchema).min(1, { error: 'must hold at least one instant' }).optional(),
    outcome: z.union(
      [
        z.string().min(1, { error: 'must not be empty' }),
        z.array(z.string().min(1, { error: 'must not be empty' })).min(1, {
          error: 'must list at least one behaviour id',
        }),
        z.custom<(event: EngagementEvent) => boolean>((value) => typeof value === 'function'),
      ],
      { error: 'must be a behaviour id, an array of them, or a function (event) => boolean' },
    ),
    horizon: durationSchema.check(
      z.refine((millis) => millis > 0, { error: 'must be longer than zero' }),
    ),
    observedUntil: instantSchema.optional(),
    unknownBehaviour: z.enum(['error', 'ignore']).optional(),
  })
  .refine((options) => (options.at === undefined) !== (options.atEach === undefined), {
    error: 'give exactly one of at and atEach',
    path: ['at'],
  });

const millisOf = (instant: Instant): number =>
  typeof instant === 'number' ? instant : instant.getTime();

/**
 * Backtests a model: scores every customer at past instants and measures how well the score
 * predicted an outcome within a horizon after each instant.
 *
 * @remarks
 * For each scoring instant `t` (`at`, or each of `atEach`):
 * - the customers observed at `t` are those with at least one event (of any behaviour) at or
 *   before `t`: a customer who had not yet appeared could not have been scored;
 * - each is scored as `scoreAt(model, theirEvents, t)` would (the model compiled once) and placed
 *   in a segment as `segmentAt` would (replaying the path when the ladder has a band);
 * - the outcome is `true` when the customer has an outcome event in `(t, t + horizon]`, strictly
 *   after `t` (an event at exactly `t` is part of the score, not of the future).
 *
 * **Censoring.** Let `observedUntil` be `options.observedUntil`, by default the latest event time
 * in `events`. An instant is used only when `t + horizon <= observedUntil`, i.e. its whole outcome
 * window lies inside the data; otherwise every customer's window at `t` is unfinished, a missing
 * outcome would be read as "no", and the instant is listed in `censoredInstants` instead. (All
 * customers share one horizon, so censoring removes whole instants.)
 *
 * The observations of all instants are pooled into {@link predictiveValidity} (AUC with DeLong's
 * interval, point-biserial correlation), outcome rate and lift per segment of the model and per
 * score decile (Wilson 95% intervals). A customer scored at several instants contributes several
 * dependent observations, so intervals are then too narrow; `instants` gives the AUC per instant.
 *
 * @param model - The model to test.
 * @param events - Every customer's events; each needs a `customerId`.
 * @param options - Instant(s), outcome, horizon, and optionally `observedUntil` and
 * `unknownBehaviour`.
 * @returns Pooled validity, per-instant counts, lift tables and the observations.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options (path `['options', field]`);
 * `INVALID_EVENT` for a bad event or one without `customerId`; `UNKNOWN_BEHAVIOUR` for a behaviour
 * neither in the model nor an outcome id (unless `unknownBehaviour: 'ignore'`); `EMPTY_INPUT` when
 * every instant is censored, no customer is observed, or the outcome happened for none or for all.
 *
 * @example
 * ```ts
 * import { backtest, defineModel, linear } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({
 *   behaviours: { visit: { boost: 10, decay: linear({ days: 30 }) } },
 * });
 * const events = [
 *   { customerId: 'ann', behaviour: 'visit', at: 0 },
 *   { customerId: 'ann', behaviour: 'visit', at: 5 * day },
 *   { customerId: 'ann', behaviour: 'visit', at: 9 * day },
 *   { customerId: 'ann', behaviour: 'purchase', at: 20 * day },
 *   { customerId: 'bob', behaviour: 'visit', at: 1 * day },
 *   { customerId: 'cy', behaviour: 'visit', at: 2 * day },
 *   { customerId: 'cy', behaviour: 'visit', at: 8 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: 40 * day },
 * ];
 * const result = backtest(model, events, {
 *   atEach: [10 * day, 35 * day],
 *   outcome: 'purchase',
 *   horizon: { days: 30 },
 * });
 * result.censoredInstants; // => [35 * day]
 * result.observations.map((o) => [o.customerId, Math.round(o.score), o.outcome]);
 * // => [['ann', 25, true], ['bob', 7, false], ['cy', 17, true]]
 * result.auc; // => 1
 * result.segments.map((s) => [s.segment, s.n, s.rate]);
 * // => [['high', 0, null], ['low', 2, 1], ['disengaged', 1, 0]]
 * ```
 * @category Validity
 */
export function backtest(
  model: Model,
  events: readonly EngagementEvent[],
  options: BacktestOptions,
): BacktestResult {
  const parsed = parseWith(optionsSchema, options, {
    fn,
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const horizon = parsed.horizon;
  const compiled = compileModel(model);
  // Validates every event once (INVALID_EVENT with its index), then customers and behaviours.
  readEvents(compiled, events, fn, { unknownBehaviour: 'ignore' });
  const groups = groupByCustomer(events, fn);
  const outcomeIds =
    typeof parsed.outcome === 'function'
      ? undefined
      : new Set(typeof parsed.outcome === 'string' ? [parsed.outcome] : parsed.outcome);
  const predicate = typeof parsed.outcome === 'function' ? parsed.outcome : undefined;
  const ignoreUnknown = parsed.unknownBehaviour === 'ignore';
  let latest = Number.NEGATIVE_INFINITY;
  const outcomeEvents = new Set<EngagementEvent>();
  events.forEach((event, index) => {
    latest = Math.max(latest, millisOf(event.at));
    const known = compiled.index.has(event.behaviour);
    if (!ignoreUnknown && !known && !outcomeIds?.has(event.behaviour)) {
      throw new EngagekitError(
        'UNKNOWN_BEHAVIOUR',
        `${fn}: events[${index}].behaviour ${JSON.stringify(event.behaviour)} is neither in the model nor an outcome; add it to the model, list it in options.outcome, or pass { unknownBehaviour: 'ignore' }`,
        ['events', index, 'behaviour'],
      );
    }
    const verdict: unknown =
      predicate === undefined ? outcomeIds?.has(event.behaviour) : predicate(event);
    if (typeof verdict !== 'boolean') {
      throw new EngagekitError(
        'INVALID_OPTION',
        `${fn}: options.outcome must return true or false, got ${describeValue(verdict)} for events[${index}]`,
        ['options', 'outcome'],
      );
    }
    if (verdict) outcomeEvents.add(event);
  });
  const observedUntil =
    parsed.observedUntil === undefined ? latest : millisOf(parsed.observedUntil);
  if (!Number.isFinite(observedUntil)) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: events is empty; pass the events of the customers to backtest`,
      ['events'],
    );
  }
  const instants = [...new Set((parsed.atEach ?? [parsed.at as Instant]).map(millisOf))].sort(
    (a, b) => a - b,
  );
  const used = instants.filter((t) => t + horizon <= observedUntil);
  const censoredInstants = instants.filter((t) => t + horizon > observedUntil);
  if (used.length === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: every scoring instant is censored: its horizon ends after the data does (${new Date(observedUntil).toISOString()}); score at an earlier instant or use a shorter options.horizon`,
      ['options', parsed.at === undefined ? 'atEach' : 'at'],
    );
  }

  // Per customer: the events to score, when they first appeared, the outcome times in order.
  const customers = [...groups].map(([customerId, own]) => {
    const scoring = own.filter(
      (event) => compiled.index.has(event.behaviour) || !outcomeIds?.has(event.behaviour),
    );
    const outcomeTimes = own
      .filter((event) => outcomeEvents.has(event))
      .map((event) => millisOf(event.at))
      .sort((a, b) => a - b);
    const first = own.reduce((min, event) => Math.min(min, millisOf(event.at)), Infinity);
    // Read once as columns (already validated above), scored at every instant below.
    const columns = readEvents(compiled, scoring, fn, { unknownBehaviour: 'ignore' });
    return { customerId, columns, outcomeTimes, first };
  });

  const ladder = ladderOf(model);
  const { band, names } = ladder;
  const observations: BacktestObservation[] = [];
  const perInstant: BacktestInstant[] = [];
  for (const t of used) {
    const start = observations.length;
    for (const customer of customers) {
      if (customer.first > t) continue;
      const score = scoreOf(compiled, customer.columns, t);
      observations.push({
        customerId: customer.customerId,
        at: t,
        score,
        // With a hysteresis band the segment depends on the customer's path: replay it.
        segment:
          band === 0
            ? segmentOf(model, score)
            : names[segmentIndexAt(compiled, customer.columns, ladder, t)]!,
        outcome: happensWithin(customer.outcomeTimes, t, t + horizon),
      });
    }
    perInstant.push(instantSummary(t, observations.slice(start)));
  }
  if (observations.length === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: no customer has an event at or before the scoring instants; score at a later instant`,
      ['options', parsed.at === undefined ? 'atEach' : 'at'],
    );
  }
  const positives = observations.reduce((sum, o) => sum + (o.outcome ? 1 : 0), 0);
  if (positives === 0 || positives === observations.length) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: the outcome happened for ${positives === 0 ? 'none' : 'all'} of the ${observations.length} observations, so its prediction cannot be measured; check options.outcome and options.horizon`,
      ['options', 'outcome'],
    );
  }
  const validity = predictiveValidity(
    observations.map((o) => o.score),
    observations.map((o) => o.outcome),
  );
  const scores = Float64Array.from(observations, (o) => o.score);
  const labels = Uint8Array.from(observations, (o) => (o.outcome ? 1 : 0));
  return {
    ...validity,
    horizon,
    observedUntil,
    instants: perInstant,
    censoredInstants,
    segments: segmentOutcomes(
      names,
      observations.map((o) => o.segment),
      labels,
      validity.outcomeRate,
    ),
    deciles: scoreDeciles(scores, labels, validity.outcomeRate),
    observations,
  };
}

/** Whether a sorted list of times has one in `(after, until]` (binary search). */
function happensWithin(times: readonly number[], after: number, until: number): boolean {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! <= after) low = middle + 1;
    else high = middle;
  }
  return low < times.length && times[low]! <= until;
}

function instantSummary(at: number, rows: readonly BacktestObservation[]): BacktestInstant {
  const positives = rows.reduce((sum, o) => sum + (o.outcome ? 1 : 0), 0);
  const negatives = rows.length - positives;
  const auc =
    positives === 0 || negatives === 0
      ? null
      : rocAuc(
          Float64Array.from(rows, (o) => o.score),
          Uint8Array.from(rows, (o) => (o.outcome ? 1 : 0)),
          positives,
          negatives,
        ).auc;
  return { at, n: rows.length, positives, auc };
}
