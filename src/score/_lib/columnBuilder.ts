import type { EngagekitIssue } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { parseIsoInstant } from '../../time/_lib/parseIsoInstant.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { CustomerId } from '../EventColumnsInput.js';

/** The most problems one error lists one by one; the rest are counted. */
export const LISTED_PROBLEMS = 100;

/**
 * Growing columns and the state of one `eventColumns` call: interned customers, problems found.
 * Plain data with the functions below, no class.
 */
export interface ColumnBuilder {
  readonly fn: string;
  readonly compiled: CompiledModel;
  readonly ignore: boolean;
  customer: Uint32Array;
  behaviour: Uint16Array;
  at: Float64Array;
  weight: Float64Array;
  length: number;
  readonly ids: Map<CustomerId, number>;
  readonly customerIds: CustomerId[];
  ignored: number;
  readonly invalid: EngagekitIssue[];
  readonly unknown: EngagekitIssue[];
  problems: number;
  unknownProblems: number;
}

export function createBuilder(
  fn: string,
  compiled: CompiledModel,
  ignore: boolean,
  capacity: number,
): ColumnBuilder {
  return {
    fn,
    compiled,
    ignore,
    customer: new Uint32Array(capacity),
    behaviour: new Uint16Array(capacity),
    at: new Float64Array(capacity),
    weight: new Float64Array(capacity),
    length: 0,
    ids: new Map(),
    customerIds: [],
    ignored: 0,
    invalid: [],
    unknown: [],
    problems: 0,
    unknownProblems: 0,
  };
}

/** Records a bad row: listed while fewer than {@link LISTED_PROBLEMS}, counted always. */
export function problem(
  builder: ColumnBuilder,
  path: (string | number)[],
  message: string,
  unknown = false,
): void {
  if (unknown) builder.unknownProblems++;
  else builder.problems++;
  const list = unknown ? builder.unknown : builder.invalid;
  if (builder.invalid.length + builder.unknown.length < LISTED_PROBLEMS) {
    list.push({ path, message: `${builder.fn}: ${message}` });
  }
}

/** The index of a customer id, interned on first sight; -1 (and a problem) for a bad id. */
export function internCustomer(
  builder: ColumnBuilder,
  id: unknown,
  row: number,
  field: string,
  source: string,
): number {
  const known = builder.ids.get(id as CustomerId);
  if (known !== undefined) return known;
  if (
    !(
      (typeof id === 'string' && id !== '') ||
      (typeof id === 'number' && Number.isFinite(id)) ||
      typeof id === 'bigint'
    )
  ) {
    problem(
      builder,
      [source, row, field],
      `${source}[${row}].${field} must be a customer id (a non-empty string, a finite number or a bigint), got ${describeValue(id)}`,
    );
    return -1;
  }
  const index = builder.customerIds.length;
  builder.ids.set(id as CustomerId, index);
  builder.customerIds.push(id as CustomerId);
  return index;
}

/** Epoch milliseconds of a row's instant, or `NaN` (and a problem). */
export function readRowInstant(
  builder: ColumnBuilder,
  value: unknown,
  row: number,
  field: string,
  source: string,
): number {
  const millis =
    typeof value === 'number'
      ? value
      : value instanceof Date
        ? value.getTime()
        : typeof value === 'string'
          ? parseIsoInstant(value)
          : Number.NaN;
  if (Math.abs(millis) <= MAX_INSTANT) return millis;
  problem(
    builder,
    [source, row, field],
    `${source}[${row}].${field} must be a Date, epoch milliseconds within ±8.64e15 or an ISO 8601 date-time with a zone (e.g. 2024-05-01T12:00:00Z), got ${describeValue(value)}`,
  );
  return Number.NaN;
}

/** A row's weight: 1 when null or missing (as in the SQL), a finite number, or `NaN` (a problem). */
export function readRowWeight(
  builder: ColumnBuilder,
  value: unknown,
  row: number,
  field: string,
  source: string,
): number {
  if (value == null) return 1;
  const weight =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (Number.isFinite(weight)) return weight;
  problem(
    builder,
    [source, row, field],
    `${source}[${row}].${field} must be a finite number, a decimal string (as drivers return NUMERIC) or null (counts 1), got ${describeValue(value)}`,
  );
  return Number.NaN;
}

/** The index of a behaviour id; -1 when ignored, -2 for a problem. */
export function readBehaviour(
  builder: ColumnBuilder,
  value: unknown,
  row: number,
  field: string,
  source: string,
): number {
  if (typeof value !== 'string') {
    problem(
      builder,
      [source, row, field],
      `${source}[${row}].${field} must be a behaviour id (a string), got ${describeValue(value)}`,
    );
    return -2;
  }
  const index = builder.compiled.index.get(value);
  if (index !== undefined) return index;
  if (builder.ignore) return -1;
  const known = builder.compiled.behaviourIds.slice(0, 10).map((id) => JSON.stringify(id));
  if (builder.compiled.behaviourIds.length > 10) known.push('...');
  problem(
    builder,
    [source, row, field],
    `${source}[${row}].${field} ${JSON.stringify(value)} is not in the model (known: ${known.join(', ')}); add it to the model or pass { unknownBehaviour: 'ignore' }`,
    true,
  );
  return -2;
}

/** Appends one event, growing the columns when full. */
export function push(
  builder: ColumnBuilder,
  customer: number,
  behaviour: number,
  at: number,
  weight: number,
): void {
  if (builder.length === builder.customer.length) {
    const size = Math.max(1024, builder.length * 2);
    const grow = <T extends Uint32Array | Uint16Array | Float64Array>(
      array: T,
      make: (n: number) => T,
    ): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    builder.customer = grow(builder.customer, (n) => new Uint32Array(n));
    builder.behaviour = grow(builder.behaviour, (n) => new Uint16Array(n));
    builder.at = grow(builder.at, (n) => new Float64Array(n));
    builder.weight = grow(builder.weight, (n) => new Float64Array(n));
  }
  const i = builder.length++;
  builder.customer[i] = customer;
  builder.behaviour[i] = behaviour;
  builder.at[i] = at;
  builder.weight[i] = weight;
}
