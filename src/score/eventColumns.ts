import { EngagekitError, type EngagekitIssue } from '../errors/EngagekitError.js';
import { errorOfIssues } from '../errors/errorOfIssues.js';
import { describeValue } from '../errors/formatPath.js';
import { readOptions } from '../errors/readOptions.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { addRow, isArrowTable, readArrowTable } from './_lib/arrowRows.js';
import {
  createBuilder,
  internCustomer,
  LISTED_PROBLEMS,
  problem,
  readBehaviour,
  readRowInstant,
  readRowWeight,
} from './_lib/columnBuilder.js';
import type { ArrowTableLike, CustomerId, EventColumnsInput } from './EventColumnsInput.js';
import { compiledOf } from './kernel/checkColumns.js';

/**
 * Options of {@link eventColumns}.
 *
 * @category Fast paths
 */
export interface EventColumnsOptions {
  /**
   * The rows' field (or Arrow column) names: default `{ customer: 'customerId', behaviour:
   * 'behaviour', at: 'at', weight: 'weight' }`; e.g. `{ customer: 'customer_id', at: 'occurred_at' }`.
   */
  readonly fields?: {
    readonly customer?: string;
    readonly behaviour?: string;
    readonly at?: string;
    readonly weight?: string;
  };
  /** `'error'` (default): an unknown behaviour is an error naming its rows; `'ignore'`: counted in `ignored`. */
  readonly unknownBehaviour?: 'error' | 'ignore';
}

/**
 * Host rows as the columns every fast path takes, see {@link eventColumns}.
 *
 * @category Fast paths
 */
export interface EventColumns extends EventColumnsInput {
  readonly customer: Uint32Array;
  readonly behaviour: Uint16Array;
  readonly at: Float64Array;
  /** Each event's weight: 1 where the row's was null or missing. */
  readonly weight: Float64Array;
  /** The customers' ids as the rows gave them, in first-seen order: customer index `c` is `customerIds[c]`. */
  readonly customerIds: readonly CustomerId[];
  /** `customerIds.length`: the `customerCount` to pass on. */
  readonly customerCount: number;
  /** Rows left out because their behaviour is not in the model (with `unknownBehaviour: 'ignore'`). */
  readonly ignored: number;
}

/**
 * The one door from host data to the fast paths: rows (objects as a database driver returns them)
 * or an Apache Arrow `Table`, as columns for {@link scoreColumns}, {@link prepareColumns},
 * {@link forecastColumns}, `applyColumns` and the worker pool.
 *
 * @remarks
 * Rows are any iterable of objects; `options.fields` maps their field names. A customer id is a
 * non-empty string, a finite number or a bigint, returned as given in `customerIds` (first-seen
 * order; ids are told apart as a `Map` tells keys apart, so `1` and `'1'` are two customers). An
 * instant is a `Date`, epoch milliseconds or an ISO 8601 date-time with a zone (`Z`, `+02`,
 * `+0200`, `+02:00`), parsed strictly (Feb 30 or a missing zone is an error). A null or missing
 * weight counts 1, as a NULL weight does in the SQL of `toSql`; a decimal string (as drivers
 * return NUMERIC) is read as its number. A customer whose rows are all ignored is still listed
 * (score 0). An Arrow table is read batch by batch without importing apache-arrow:
 * dictionary-encoded columns through their dictionaries (each entry interned once), timestamp
 * columns of any unit (second to nanosecond, cut to the millisecond), dates, 64-bit integer ids as
 * bigints. Ids are interned in one `Map` pass; the columns grow by doubling, with no allocation
 * per row beyond what the input forces (a string decoded from Arrow). Zero rows give empty
 * columns.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @param rows - An iterable of row objects, or an Apache Arrow `Table`.
 * @param options - Field names and what to do with unknown behaviours.
 * @returns The {@link EventColumns}.
 * @throws {@link EngagekitError} `INVALID_EVENT` listing every bad row (the first 100, and how many
 * more), each at a path such as `['rows', 12, 'at']`; `UNKNOWN_BEHAVIOUR` naming the rows with a
 * behaviour not in the model and listing the known ones; `INVALID_OPTION` for bad options.
 *
 * @example
 * ```ts
 * import { defineModel, eventColumns, linear, scoreColumns } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const rows = [
 *   { customer_id: 'ann', behaviour: 'purchase', occurred_at: '2024-01-01T00:00:00Z', weight: null },
 *   { customer_id: 'bo', behaviour: 'purchase', occurred_at: new Date('2024-03-01T00:00:00Z'), weight: 2 },
 * ];
 * const columns = eventColumns(model, rows, { fields: { customer: 'customer_id', at: 'occurred_at' } });
 * columns.customerIds; // => ['ann', 'bo']
 * Array.from(columns.weight); // => [1, 2]
 * const scores = scoreColumns(model, columns, Date.parse('2024-03-01T00:00:00Z'), columns.customerCount);
 * Array.from(scores); // => [25, 100]
 * ```
 * @category Fast paths
 */
export function eventColumns(
  model: Model | CompiledModel,
  rows: Iterable<unknown> | ArrowTableLike,
  options?: EventColumnsOptions,
): EventColumns {
  const fn = 'eventColumns';
  const { unknownBehaviour, fields: givenFields } = readOptions<EventColumnsOptions>(
    options,
    fn,
    "{ fields: { customer: 'customer_id' } }",
  );
  if (
    unknownBehaviour !== undefined &&
    unknownBehaviour !== 'error' &&
    unknownBehaviour !== 'ignore'
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.unknownBehaviour must be 'error' or 'ignore', got ${describeValue(unknownBehaviour)}`,
      ['options', 'unknownBehaviour'],
    );
  }
  const given = givenFields ?? {};
  const fields = {
    customer: given.customer ?? 'customerId',
    behaviour: given.behaviour ?? 'behaviour',
    at: given.at ?? 'at',
    weight: given.weight ?? 'weight',
  };
  for (const [key, name] of Object.entries(fields)) {
    if (typeof name !== 'string' || name === '') {
      throw new EngagekitError(
        'INVALID_OPTION',
        `${fn}: options.fields.${key} must be a non-empty field name, got ${describeValue(name)}`,
        ['options', 'fields', key],
      );
    }
  }
  const compiled = compiledOf(model);
  let builder: ReturnType<typeof createBuilder>;
  if (isArrowTable(rows)) {
    builder = createBuilder(fn, compiled, unknownBehaviour === 'ignore', rows.numRows);
    readArrowTable(builder, rows, fields);
  } else {
    if (
      rows === null ||
      typeof rows !== 'object' ||
      typeof (rows as Iterable<unknown>)[Symbol.iterator] !== 'function'
    ) {
      throw new EngagekitError(
        'INVALID_EVENT',
        `${fn}: rows must be an iterable of row objects or an Apache Arrow Table, got ${describeValue(rows)}`,
        ['rows'],
      );
    }
    const list = Array.isArray(rows) ? rows : Array.from(rows as Iterable<unknown>);
    builder = createBuilder(fn, compiled, unknownBehaviour === 'ignore', list.length);
    for (let row = 0; row < list.length; row++) {
      const value = list[row] as Record<string, unknown> | null;
      if (value === null || typeof value !== 'object') {
        problem(
          builder,
          ['rows', row],
          `rows[${row}] must be an object, got ${describeValue(value)}`,
        );
        continue;
      }
      const c = internCustomer(builder, value[fields.customer], row, fields.customer, 'rows');
      const b = readBehaviour(builder, value[fields.behaviour], row, fields.behaviour, 'rows');
      const time = readRowInstant(builder, value[fields.at], row, fields.at, 'rows');
      const w = readRowWeight(builder, value[fields.weight], row, fields.weight, 'rows');
      addRow(builder, c, b, time, w, row, fields.weight);
    }
  }
  const total = builder.problems + builder.unknownProblems;
  if (total > 0) {
    const code = builder.problems > 0 ? 'INVALID_EVENT' : 'UNKNOWN_BEHAVIOUR';
    const issues: EngagekitIssue[] = [...builder.invalid, ...builder.unknown];
    if (total > issues.length) {
      issues.push({
        path: ['rows'],
        message: `${fn}: ${total - issues.length} more bad rows (the first ${LISTED_PROBLEMS} are listed)`,
      });
    }
    throw errorOfIssues(code, issues as [EngagekitIssue, ...EngagekitIssue[]]);
  }
  const length = builder.length;
  return {
    customer: builder.customer.subarray(0, length),
    behaviour: builder.behaviour.subarray(0, length),
    at: builder.at.subarray(0, length),
    weight: builder.weight.subarray(0, length),
    customerIds: builder.customerIds,
    customerCount: builder.customerIds.length,
    ignored: builder.ignored,
  };
}
