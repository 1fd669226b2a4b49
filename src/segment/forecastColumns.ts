import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { readOptions } from '../errors/readOptions.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EventColumnsInput } from '../score/EventColumnsInput.js';
import { checkColumns, compiledOf } from '../score/kernel/checkColumns.js';
import { type Instant, MAX_INSTANT, readInstant } from '../time/instant.js';
import { type ColumnForecast, forecastIndexed } from './_lib/forecastGrouped.js';
import { ladderOf } from './_lib/ladder.js';

export type { ColumnForecast } from './_lib/forecastGrouped.js';

/**
 * Options of {@link forecastColumns}.
 *
 * @category Fast paths
 */
export interface ForecastColumnsOptions {
  /**
   * The last instant to look for a change of segment (default: the latest a `Date` holds); a
   * near one, such as a week ahead, saves work when only near changes matter.
   */
  readonly until?: Instant;
}

/** Checks a customer count of columns: a whole number from 0 to 2^32 - 1. */
function readCustomerCount(fn: string, customerCount: unknown): number {
  if (
    typeof customerCount === 'number' &&
    Number.isInteger(customerCount) &&
    customerCount >= 0 &&
    customerCount <= 0xffffffff
  ) {
    return customerCount;
  }
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: customerCount must be a whole number from 0 to 4294967295 (one more than the largest customer index), got ${describeValue(customerCount)}`,
    ['customerCount'],
  );
}

/**
 * Every customer's score, segment and next change of segment (instant and segment) from events
 * held in columns: {@link forecast} for a whole population, in typed arrays.
 *
 * @remarks
 * One pass over the columns groups the positions of the events at or before `at` by customer (a
 * stable counting sort into one array, 4 bytes an event, no copy of the columns and no allocation
 * per event); then each customer's events are gathered into arrays reused for all customers, and
 * their score is summed as {@link scoreAt} sums it (the same doubles), their segment is the one {@link segmentAt} gives (replayed through their
 * history for a ladder with a hysteresis band), and the segment sweep finds their first change of
 * segment after `at`, as {@link forecast} does, if nothing new happens. Events after `at` do not
 * count. A customer without events scores 0, in the segment of a score of 0, with no change.
 * `customerCount` may be 0 (empty arrays). Work: O(n + customers) for the grouping, plus the
 * sweep: O(k log k) for a customer with k events.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @param columns - The events as columns, as {@link scoreColumns} takes them.
 * @param at - The instant to forecast from.
 * @param customerCount - How many customers: the arrays' length, above every customer index.
 * @param options - How far ahead to look for a change.
 * @returns The {@link ColumnForecast}.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` as {@link scoreColumns}, `INVALID_INSTANT` for a
 * bad `at`, `INVALID_OPTION` for a bad `customerCount` or `until`, `OVERFLOW` for a score beyond
 * the range of a number.
 *
 * @example
 * ```ts
 * import { defineModel, forecastColumns, linear } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const columns = {
 *   customer: Uint32Array.of(0, 1, 1),
 *   behaviour: Uint8Array.of(0, 0, 0),
 *   at: Float64Array.of(0, -60 * day, 90 * day),
 * };
 * const result = forecastColumns(model, columns, 0, 3);
 * Array.from(result.score); // => [50, 25, 0]
 * result.segments; // => ['high', 'low', 'disengaged']
 * Array.from(result.segment); // => [0, 1, 2]
 * Array.from(result.nextAt, (t) => (t - 1) / day); // => [48, 36, Infinity]
 * Array.from(result.nextSegment); // => [1, 2, -1]
 * ```
 * @category Fast paths
 */
export function forecastColumns<Name extends string>(
  model: Model<Name> | CompiledModel,
  columns: EventColumnsInput,
  at: Instant,
  customerCount: number,
  options?: ForecastColumnsOptions,
): ColumnForecast<Name> {
  const fn = 'forecastColumns';
  const time = readInstant(at, { fn, path: ['at'] });
  const count = readCustomerCount(fn, customerCount);
  const { until: givenUntil } = readOptions<ForecastColumnsOptions>(options, fn, '{ until }');
  const until =
    givenUntil === undefined
      ? MAX_INSTANT
      : readInstant(givenUntil, { fn, path: ['options', 'until'], code: 'INVALID_OPTION' });
  const compiled = compiledOf(model, 'forecastColumns');
  checkColumns(fn, compiled, columns, count);
  const ladder = ladderOf(compiled.model);
  return forecastIndexed(compiled, ladder, columns, count, time, until, fn) as ColumnForecast<Name>;
}
