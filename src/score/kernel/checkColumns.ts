import { EngagekitError, type EngagekitIssue } from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import { describeValue } from '../../errors/formatPath.js';
import { overflowError } from '../../math/finiteTotal.js';
import { type CompiledModel, compileModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';

/** A model as given, or compiled once by the caller and reused. */
export function compiledOf(model: Model | CompiledModel, fn?: string): CompiledModel {
  return typeof model === 'object' &&
    model !== null &&
    'kind' in model &&
    model.kind instanceof Uint8Array
    ? (model as CompiledModel)
    : compileModel(model as Model, fn);
}

function fail(fn: string, path: (string | number)[], message: string): never {
  throw new EngagekitError('INVALID_COLUMNS', `${fn}: ${message}`, path);
}

/** Checks `customerCount` is a whole number of customers a `Uint32Array` index can address. */
export function checkCustomerCount(fn: string, customerCount: unknown): number {
  if (
    typeof customerCount !== 'number' ||
    !Number.isInteger(customerCount) ||
    customerCount < 1 ||
    customerCount > 0xffffffff
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: customerCount must be a whole number from 1 to 4294967295 (one more than the largest customer index), got ${describeValue(customerCount)}`,
      ['customerCount'],
    );
  }
  return customerCount;
}

/**
 * Checks that event columns are the right typed arrays of equal lengths, without reading their
 * entries (see {@link checkColumns}). Returns the number of events.
 */
export function checkColumnTypes(fn: string, columns: EventColumnsInput): number {
  if (columns === null || typeof columns !== 'object') {
    fail(
      fn,
      ['columns'],
      `columns must be { customer, behaviour, at, weight? } typed arrays, got ${describeValue(columns)}`,
    );
  }
  const { customer, behaviour, at, weight } = columns;
  if (!(customer instanceof Uint32Array)) {
    fail(
      fn,
      ['columns', 'customer'],
      `columns.customer must be a Uint32Array of customer indexes, got ${describeValue(customer)}`,
    );
  }
  if (!(behaviour instanceof Uint8Array || behaviour instanceof Uint16Array)) {
    fail(
      fn,
      ['columns', 'behaviour'],
      `columns.behaviour must be a Uint8Array or Uint16Array of indexes into model.behaviourIds, got ${describeValue(behaviour)}`,
    );
  }
  if (!(at instanceof Float64Array)) {
    fail(
      fn,
      ['columns', 'at'],
      `columns.at must be a Float64Array of epoch milliseconds, got ${describeValue(at)}`,
    );
  }
  if (weight !== undefined && !(weight instanceof Float64Array)) {
    fail(
      fn,
      ['columns', 'weight'],
      `columns.weight must be a Float64Array or left out, got ${describeValue(weight)}`,
    );
  }
  const length = customer.length;
  for (const [name, column] of [
    ['behaviour', behaviour],
    ['at', at],
    ['weight', weight],
  ] as const) {
    if (column !== undefined && column.length !== length) {
      fail(
        fn,
        ['columns', name],
        `columns.${name} has ${column.length} entries but columns.customer has ${length}; every column needs one entry per event`,
      );
    }
  }
  return length;
}

/**
 * A zeroed `Float64Array` of `length` numbers for `customerCount` customers, or `INVALID_OPTION`
 * naming `customerCount` when the runtime cannot allocate it (a `RangeError` otherwise).
 */
export function customerArray(fn: string, length: number, customerCount: number): Float64Array {
  try {
    return new Float64Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: customerCount ${customerCount} needs ${(length * 8) / 2 ** 30} GiB of scores and sums, more than this runtime can allocate; pass the largest customer index + 1, or score the customers in batches`,
      ['customerCount'],
    );
  }
}

/**
 * Checks event columns once, up front: the right typed arrays, equal lengths, customer and
 * behaviour indexes in range, times within the range of a `Date` and finite weights. Returns the number of events. Throws for
 * the first bad column, or the first bad entry in the order customer, behaviour, time of event 0,
 * then of event 1, and so on, then the weights.
 */
export function checkColumns(
  fn: string,
  compiled: CompiledModel,
  columns: EventColumnsInput,
  customerCount: number,
): number {
  const length = checkColumnTypes(fn, columns);
  const { customer, behaviour, at, weight } = columns;
  const behaviourCount = compiled.behaviourIds.length;
  for (let i = 0; i < length; i++) {
    if (customer[i]! >= customerCount) {
      fail(
        fn,
        ['columns', 'customer', i],
        `columns.customer[${i}] is ${customer[i]}, not below customerCount ${customerCount}; pass a larger customerCount`,
      );
    }
    if (behaviour[i]! >= behaviourCount) {
      fail(
        fn,
        ['columns', 'behaviour', i],
        `columns.behaviour[${i}] is ${behaviour[i]}, not an index into model.behaviourIds (0..${behaviourCount - 1})`,
      );
    }
    if (!(Math.abs(at[i]!) <= MAX_INSTANT)) {
      fail(
        fn,
        ['columns', 'at', i],
        `columns.at[${i}] must be epoch milliseconds within ±8.64e15 (the range of a Date), got ${describeValue(at[i])}`,
      );
    }
  }
  if (weight !== undefined) {
    const { boost, behaviourIds } = compiled;
    for (let i = 0; i < length; i++) {
      if (!Number.isFinite(weight[i]!)) {
        fail(
          fn,
          ['columns', 'weight', i],
          `columns.weight[${i}] must be a finite number, got ${describeValue(weight[i])}`,
        );
      }
      const b = behaviour[i]!;
      if (!Number.isFinite(weight[i]! * boost[b]!)) {
        fail(
          fn,
          ['columns', 'weight', i],
          `columns.weight[${i}] (${weight[i]}) times the boost of "${behaviourIds[b]}" (${boost[b]}) overflows a number; scale the weights down`,
        );
      }
    }
  }
  return length;
}

/** The most problems an `OVERFLOW` of {@link finishScores} lists one by one. */
const LISTED_OVERFLOWS = 20;

/**
 * Turns accumulators (one or several, from `accumulateColumns`) into scores: adds the pairs of
 * each slot, clamps each capped behaviour to `[-cap, cap]` and adds the slots with compensation.
 * Throws `OVERFLOW` (path `['columns']`, one issue per customer, the first 20 listed) when a
 * customer's score or the total of one of their capped behaviours is not finite: the kernel's sums
 * overflowed, and their compensations turned into `NaN`.
 */
export function finishScores(
  compiled: CompiledModel,
  accumulators: readonly Float64Array[],
  customerCount: number,
  fn = 'scoreColumns',
): Float64Array {
  const slots = compiled.slotsPerCustomer;
  const caps = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
  for (let b = 0; b < compiled.slot.length; b++) {
    if (compiled.slot[b]! > 0) caps[compiled.slot[b]!] = compiled.cap[b]!;
  }
  const scores = customerArray(fn, customerCount, customerCount);
  const only = accumulators.length === 1 && slots === 1 ? accumulators[0] : undefined;
  let overflows = 0;
  if (only !== undefined) {
    // One uncapped slot: the loop below then gives exactly sum + compensation, rounded once.
    for (let c = 0; c < customerCount; c++) {
      const score = only[2 * c]! + only[2 * c + 1]!;
      if (score - score !== 0) overflows++;
      scores[c] = score;
    }
    if (overflows > 0) throw overflowOf(fn, scores, overflows);
    return scores;
  }
  for (let c = 0; c < customerCount; c++) {
    let sum = 0;
    let compensation = 0;
    for (let s = 0; s < slots; s++) {
      const pair = 2 * (c * slots + s);
      let total = 0;
      let totalCompensation = 0;
      for (const accumulator of accumulators) {
        for (let half = 0; half < 2; half++) {
          const part = accumulator[pair + half]!;
          const next = total + part;
          totalCompensation +=
            Math.abs(total) >= Math.abs(part) ? total - next + part : part - next + total;
          total = next;
        }
      }
      const cap = caps[s]!;
      // A total that overflowed stays NaN through the clamp, and so makes the score NaN.
      const exact = total + totalCompensation;
      const value = exact - exact === 0 ? Math.min(cap, Math.max(exact, -cap)) : Number.NaN;
      const next = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sum = next;
    }
    const score = sum + compensation;
    if (score - score !== 0) overflows++;
    scores[c] = score;
  }
  if (overflows > 0) throw overflowOf(fn, scores, overflows);
  return scores;
}

/**
 * One `OVERFLOW` error (path `['columns']`) for the `overflows` customers whose score is not
 * finite: an issue for each of the first 20, and one that counts the rest.
 */
export function overflowOf(fn: string, scores: Float64Array, overflows: number): EngagekitError {
  const issues: EngagekitIssue[] = [];
  for (let c = 0; c < scores.length && issues.length < LISTED_OVERFLOWS; c++) {
    const score = scores[c]!;
    if (score - score === 0) continue;
    const { path, message } = overflowError(fn, ['columns'], `the score of customer ${c}`);
    issues.push({ path, message });
  }
  if (overflows > issues.length) {
    issues.push({
      path: ['columns'],
      message: `${fn}: the scores of ${overflows - issues.length} more customers are beyond the range of a number`,
    });
  }
  return errorOfIssues('OVERFLOW', issues as [EngagekitIssue, ...EngagekitIssue[]]);
}
