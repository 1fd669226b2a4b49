import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type DurationInput, readDuration } from '../time/duration.js';
import { type Instant, readInstant } from '../time/instant.js';
import { atRiskList } from './_lib/atRiskList.js';
import { customerColumns } from './_lib/customerColumns.js';
import { forecastGrouped } from './_lib/forecastGrouped.js';
import { ladderOf } from './_lib/ladder.js';
import { screenedAtRisk } from './_lib/screenedAtRisk.js';

/**
 * Options of {@link atRisk}.
 *
 * @category Population
 */
export interface AtRiskOptions extends ScoreOptions {
  /** Now: only events at or before it count. */
  readonly at: Instant;
  /** How far ahead to look, e.g. `{ days: 7 }`. */
  readonly within: DurationInput;
}

/**
 * A customer about to drop a segment, see {@link atRisk}.
 *
 * @category Population
 */
export interface AtRiskCustomer<Name extends string = string> {
  readonly customerId: string;
  /** Score now. */
  readonly score: number;
  /** Segment now. */
  readonly segment: Name;
  /** The first millisecond in a segment below `segment`, and that segment. */
  readonly drop: { readonly at: number; readonly segment: Name };
}

/**
 * The customers who will drop a segment within a horizon if nothing new happens, soonest first:
 * the re-engagement list to act on this week.
 *
 * @remarks
 * For each customer (events carry a `customerId`) this looks, as `forecast` does, at the events up
 * to `at` only and finds the first millisecond in `(at, at + within]` at which they are in a segment
 * below their segment at `at` (a customer who first rises and then falls back only to where they
 * are now is not at risk). Customers already at the bottom of the ladder, or only rising, are not
 * at risk.
 * Sorted by `drop.at`, then by `customerId`. It runs on {@link forecastColumns} with the search
 * cut at `at + within`; only a customer whose first change is a rise is swept further, to the
 * horizon, for a later drop.
 *
 * @param model - The model.
 * @param events - Every customer's events, each with a `customerId`.
 * @param options - `at`, `within`, and what to do with unknown behaviours.
 * @returns The customers at risk; empty when none is.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad `at` or `within`, `INVALID_EVENT` for an
 * event without a `customerId`; otherwise as `scoreAt`.
 *
 * @example
 * ```ts
 * import { atRisk, defineModel, linear } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 *   { customerId: 'bo', behaviour: 'purchase', at: -4 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: 30 * day },
 * ];
 * atRisk(model, events, { at: 40 * day, within: { days: 10 } }).map((c) => [
 *   c.customerId,
 *   (c.drop.at - 1) / day,
 *   c.drop.segment,
 * ]);
 * // => [
 * //   ['bo', 44, 'low'],
 * //   ['ann', 48, 'low'],
 * // ]
 * ```
 * @category Population
 */
export function atRisk<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  options: AtRiskOptions,
): AtRiskCustomer<Name>[] {
  const fn = 'atRisk';
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options { at, within } are required`, [
      'options',
    ]);
  }
  const at = readInstant(options.at, { fn, path: ['options', 'at'], code: 'INVALID_OPTION' });
  const within = readDuration(options.within, {
    fn,
    path: ['options', 'within'],
    code: 'INVALID_OPTION',
  });
  const compiled = compileModel(model, 'atRisk');
  const ladder = ladderOf(model);
  const horizon = at + within;
  const screened = screenedAtRisk(compiled, ladder, events, options, at, horizon, fn);
  if (screened !== undefined) return screened as AtRiskCustomer<Name>[];
  const { ids, columns } = customerColumns(compiled, events, fn, options);
  const { result, grouped } = forecastGrouped(
    compiled,
    ladder,
    columns,
    ids.length,
    at,
    horizon,
    fn,
  );
  return atRiskList(compiled, ladder, ids, result, grouped, at, horizon) as AtRiskCustomer<Name>[];
}
