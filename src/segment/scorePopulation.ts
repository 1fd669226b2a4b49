import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type Instant, readInstant } from '../time/instant.js';
import { ladderOf } from './_lib/ladder.js';
import { populationAt } from './_lib/populationAt.js';

/**
 * One customer's row of {@link scorePopulation}.
 *
 * @category Population
 */
export interface CustomerScore<Name extends string = string> {
  readonly customerId: string;
  readonly score: number;
  readonly segment: Name;
}

/**
 * Scores every customer at one instant: the score and segment of each, keyed by `customerId`.
 *
 * @remarks
 * The events of many customers come in one array, each with its `customerId`; every customer's
 * score is `scoreAt` of their own events and their segment `segmentAt` (replayed through their
 * history when the ladder has a hysteresis band). Rows are sorted by `customerId` (code unit
 * order, as `<` compares strings). A customer is known by any of their events: one whose every
 * event is ignored as an unknown behaviour, or comes after `at`, is listed with score 0, as
 * {@link eventColumns}, the state and the SQL of `toSql` list them. No events give no rows. One
 * pass reads the objects into columns (interning the ids), one pass over the columns sums every
 * customer's score (a model with rules, or a ladder with a band, takes the path of
 * {@link forecastColumns} instead), and the rows are built once.
 *
 * @param model - The model.
 * @param events - Every customer's events, each with a `customerId`, in any order.
 * @param at - The instant.
 * @param options - What to do with unknown behaviours.
 * @returns One {@link CustomerScore} per customer.
 * @throws {@link EngagekitError} `INVALID_EVENT` for an event without a `customerId` (naming its
 * index); otherwise as `scoreAt`.
 *
 * @example
 * ```ts
 * import { defineModel, linear, scorePopulation } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     purchase: { boost: 50, decay: linear({ days: 120 }) },
 *   },
 * });
 * const events = [
 *   { customerId: 'bo', behaviour: 'purchase', at: 0 },
 *   { customerId: 'ann', behaviour: 'emailClick', at: 0 },
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 * ];
 * scorePopulation(model, events, 60 * day);
 * // => [
 * //   { customerId: 'ann', score: 25, segment: 'low' },
 * //   { customerId: 'bo', score: 25, segment: 'low' },
 * // ]
 * ```
 * @category Population
 */
export function scorePopulation<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): CustomerScore<Name>[] {
  const fn = 'scorePopulation';
  const time = readInstant(at, { fn, path: ['at'] });
  const compiled = compileModel(model, 'scorePopulation');
  const ladder = ladderOf(model);
  const { ids, results } = populationAt(model, compiled, ladder, events, options, [time], fn, true);
  const { score, segment } = results[0]!;
  const names = ladder.names as readonly Name[];
  const rows = new Array<CustomerScore<Name>>(ids.length);
  for (let c = 0; c < ids.length; c++) {
    rows[c] = { customerId: ids[c]!, score: score[c]!, segment: names[segment[c]!]! };
  }
  return rows;
}
