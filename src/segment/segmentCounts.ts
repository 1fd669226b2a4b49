import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import { type Instant, readInstant } from '../time/instant.js';
import { ladderOf } from './_lib/ladder.js';
import { populationAt } from './_lib/populationAt.js';

/**
 * How many customers each segment holds, see {@link segmentCounts}.
 *
 * @category Population
 */
export interface SegmentCounts<Name extends string = string> {
  /** Customers counted. */
  readonly total: number;
  /** Customers per segment, every segment of the ladder from the top down (0 when empty). */
  readonly counts: Readonly<Record<Name, number>>;
  /** `counts / total` per segment, in [0, 1]; 0 when there is no customer. */
  readonly shares: Readonly<Record<Name, number>>;
}

/**
 * How many customers are in each segment at an instant, and what share of all customers.
 *
 * @remarks
 * Every customer with an event (each event carries a `customerId`) is counted once, in the segment
 * `segmentAt` gives them at `at`; a customer whose events all come later is counted in the segment
 * of a score of 0, and so is one whose every event is ignored as an unknown behaviour. Every segment
 * of the ladder appears, from the top down. No events count no customer: every count and share is
 * 0. It costs one pass over the objects and one over the columns they give (a model with rules, or
 * a ladder with a band, takes the path of {@link forecastColumns} instead).
 *
 * @param model - The model.
 * @param events - Every customer's events, each with a `customerId`.
 * @param at - The instant.
 * @param options - What to do with unknown behaviours.
 * @returns The {@link SegmentCounts}.
 * @throws {@link EngagekitError} `INVALID_EVENT` for an event without a `customerId`; otherwise as
 * `scoreAt`.
 *
 * @example
 * ```ts
 * import { defineModel, linear, segmentCounts } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 50 * day },
 *   { customerId: 'bo', behaviour: 'purchase', at: 0 },
 *   { customerId: 'cy', behaviour: 'purchase', at: 0 },
 *   { customerId: 'di', behaviour: 'purchase', at: -100 * day },
 * ];
 * segmentCounts(model, events, 60 * day);
 * // => {
 * //   total: 4,
 * //   counts: { high: 1, low: 2, disengaged: 1 },
 * //   shares: { high: 0.25, low: 0.5, disengaged: 0.25 },
 * // }
 * ```
 * @category Population
 */
export function segmentCounts<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  at: Instant,
  options: ScoreOptions = {},
): SegmentCounts<Name> {
  const fn = 'segmentCounts';
  const time = readInstant(at, { fn, path: ['at'] });
  const compiled = compileModel(model, 'segmentCounts');
  const ladder = ladderOf(model);
  const { ids, results } = populationAt(
    model,
    compiled,
    ladder,
    events,
    options,
    [time],
    fn,
    false,
  );
  const { segment } = results[0]!;
  const tally = new Array<number>(ladder.names.length).fill(0);
  for (let c = 0; c < segment.length; c++) tally[segment[c]!]!++;
  const total = ids.length;
  const counts: Record<string, number> = {};
  const shares: Record<string, number> = {};
  ladder.names.forEach((name, index) => {
    counts[name] = tally[index]!;
    shares[name] = total === 0 ? 0 : tally[index]! / total;
  });
  return { total, counts, shares } as SegmentCounts<Name>;
}
