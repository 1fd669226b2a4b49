import { compileModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent, ScoreOptions } from '../score/EngagementEvent.js';
import type { Instant } from '../time/instant.js';
import { ladderOf } from './_lib/ladder.js';
import { type PopulationAt, populationAt } from './_lib/populationAt.js';
import { readTimeRange } from './_lib/readTimeRange.js';

/**
 * Options of {@link segmentFlows}.
 *
 * @category Population
 */
export interface SegmentFlowsOptions extends ScoreOptions {
  /** The earlier instant. */
  readonly from: Instant;
  /** The later instant, not before `from`. */
  readonly to: Instant;
}

/**
 * The segment-to-segment flow of customers between two instants, see {@link segmentFlows}.
 *
 * @category Population
 */
export interface SegmentFlows<Name extends string = string> {
  /** The ladder's segments from the top down: the labels of the matrix's rows and columns. */
  readonly segments: readonly Name[];
  /** `matrix[i][j]`: customers in `segments[i]` at `from` and in `segments[j]` at `to`. */
  readonly matrix: readonly (readonly number[])[];
  /** Customers per segment at `from` (the row sums). */
  readonly atFrom: Readonly<Record<Name, number>>;
  /** Customers per segment at `to` (the column sums). */
  readonly atTo: Readonly<Record<Name, number>>;
  /** Customers counted. */
  readonly total: number;
}

/**
 * Where the customers of each segment at one instant are at a later one: the flow matrix.
 *
 * @remarks
 * Each customer (events carry a `customerId`) is placed in a row by their segment at `from` and a
 * column by their segment at `to`, both as `segmentAt` gives them, with every event up to each
 * instant counting (so purchases in between move customers up). Rows sum to the counts at `from`,
 * columns to the counts at `to`; the diagonal holds those who stayed. A customer whose first event
 * is after `from` starts in the segment of a score of 0, and one whose every event is ignored as an
 * unknown behaviour stays there. No events give a matrix of zeros. It costs one pass over the
 * objects and one over the columns they give per instant (a model with rules, or a ladder with a
 * band, takes the path of {@link forecastColumns} instead).
 *
 * @param model - The model.
 * @param events - Every customer's events, each with a `customerId`.
 * @param options - `from`, `to`, and what to do with unknown behaviours.
 * @returns The {@link SegmentFlows}.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad `from` or `to` or `to` before `from`;
 * otherwise as {@link segmentCounts}.
 *
 * @example
 * ```ts
 * import { defineModel, linear, segmentFlows } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 *   { customerId: 'bo', behaviour: 'purchase', at: 0 },
 *   { customerId: 'bo', behaviour: 'purchase', at: 55 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: -100 * day },
 * ];
 * const flows = segmentFlows(model, events, { from: 10 * day, to: 60 * day });
 * flows.segments; // => ['high', 'low', 'disengaged']
 * flows.matrix; // => [[1, 1, 0], [0, 0, 0], [0, 0, 1]]
 * flows.atTo; // => { high: 1, low: 1, disengaged: 1 }
 * ```
 * @category Population
 */
export function segmentFlows<Name extends string>(
  model: Model<Name>,
  events: readonly EngagementEvent[],
  options: SegmentFlowsOptions,
): SegmentFlows<Name> {
  const fn = 'segmentFlows';
  const { from, to } = readTimeRange(fn, options);
  const compiled = compileModel(model, 'segmentFlows');
  const ladder = ladderOf(model);
  const { ids, results } = populationAt(
    model,
    compiled,
    ladder,
    events,
    options,
    [from, to],
    fn,
    false,
  );
  const count = ids.length;
  const [before, after] = results as [PopulationAt, PopulationAt];
  const size = ladder.names.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let c = 0; c < count; c++) matrix[before.segment[c]!]![after.segment[c]!]!++;
  const atFrom: Record<string, number> = {};
  const atTo: Record<string, number> = {};
  ladder.names.forEach((name, i) => {
    atFrom[name] = matrix[i]!.reduce((sum, count) => sum + count, 0);
    atTo[name] = matrix.reduce((sum, row) => sum + row[i]!, 0);
  });
  return {
    segments: ladder.names as readonly Name[],
    matrix,
    atFrom: atFrom as Record<Name, number>,
    atTo: atTo as Record<Name, number>,
    total: count,
  };
}
