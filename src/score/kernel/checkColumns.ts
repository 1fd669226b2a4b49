import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { type CompiledModel, compileModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';

/** A model as given, or compiled once by the caller and reused. */
export function compiledOf(model: Model | CompiledModel): CompiledModel {
  return 'kind' in model && model.kind instanceof Uint8Array
    ? (model as CompiledModel)
    : compileModel(model as Model);
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
 * Checks event columns once, up front: the right typed arrays, equal lengths, customer and
 * behaviour indexes in range, finite times and weights. Returns the number of events. Throws for
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
    if (!Number.isFinite(at[i]!)) {
      fail(
        fn,
        ['columns', 'at', i],
        `columns.at[${i}] must be finite epoch milliseconds, got ${describeValue(at[i])}`,
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

/**
 * Turns accumulators (one or several, from `accumulateColumns`) into scores: adds the pairs of
 * each slot, clamps each capped behaviour to `[-cap, cap]` and adds the slots with compensation.
 */
export function finishScores(
  compiled: CompiledModel,
  accumulators: readonly Float64Array[],
  customerCount: number,
): Float64Array {
  const slots = compiled.slotsPerCustomer;
  const caps = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
  for (let b = 0; b < compiled.slot.length; b++) {
    if (compiled.slot[b]! > 0) caps[compiled.slot[b]!] = compiled.cap[b]!;
  }
  const scores = new Float64Array(customerCount);
  const only = accumulators.length === 1 && slots === 1 ? accumulators[0] : undefined;
  if (only !== undefined) {
    // One uncapped slot: the loop below then gives exactly sum + compensation, rounded once.
    for (let c = 0; c < customerCount; c++) scores[c] = only[2 * c]! + only[2 * c + 1]!;
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
      const value = Math.min(cap, Math.max(total + totalCompensation, -cap));
      const next = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sum = next;
    }
    scores[c] = sum + compensation;
  }
  return scores;
}
