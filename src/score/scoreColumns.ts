import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { type Instant, readInstant } from '../time/instant.js';
import type { EventColumnsInput } from './EventColumnsInput.js';
import { accumulateColumnsWasm } from './kernel/accumulateColumnsWasm.js';
import {
  checkColumns,
  checkColumnTypes,
  checkCustomerCount,
  compiledOf,
  customerArray,
  finishScores,
} from './kernel/checkColumns.js';
import { accumulateColumns } from './kernel/columnKernel.js';
import { columnKernelInput } from './kernel/columnKernelInput.js';
import { columnKernelBytes } from './kernel/columnKernelWasm.js';
import { KEPT_KERNEL_BYTES, keptKernels } from './kernel/keptKernel.js';
import { scoreRuleColumns, selectRuleColumns } from './rules/scoreColumnsWithRules.js';

/**
 * From this many events on, the WebAssembly kernel pays for itself: below, instantiating it and
 * the first touch of its fresh memory cost more than its faster loop saves (measured on the
 * benchmark's workload: 0.65x at 65,536 and 131,072 events, even at 262,144, 1.3x at 10^6,
 * 1.8x at 10^7).
 */
const WASM_MIN_EVENTS = 262_144;

/**
 * Scores every customer at one instant from events held in typed arrays: the same numbers as
 * {@link scoreAt}, in one pass at typed-array speed.
 *
 * @remarks
 * `scores[c] = sum over behaviours of clamp(sum over customer c's events of that behaviour with
 * at <= time of weight * boost * decay(time - at), -cap, cap)`. Exponential decay is `2^t` with
 * `t = -elapsed / halfLife`, the exponent {@link scoreAt} uses, computed inline by the table
 * method of glibc's `exp2` (a table of 128 powers `2^(j/128)`, exact powers of two and a degree-5
 * polynomial): within 2 ulps of `scoreAt`'s `2 ** t` (measured on 10^6 random `t` in
 * [-1100, 0]). Events after `at` do not count; an event at exactly `at` counts in full. One pass
 * over the events checks each entry and adds each counted event into a compensated accumulator
 * (Knuth's TwoSum, as accurate as Neumaier's) per customer (all uncapped behaviours share one) and
 * per capped behaviour, with no allocation per event; a bad entry stops it and throws, naming the
 * first bad entry, and returns nothing. The pass goes in blocks of 512 events that first sort the
 * events that count by decay kind without branches (so the CPU does not mispredict them), except
 * for models whose behaviours are all exponential without cutoff, or all permanent, with at most
 * 2 MB of accumulators: there a plain pass mispredicts nothing. From 262,144 events on, the pass
 * runs on WebAssembly (a module of about 3 kB built into the library), which computes the very
 * same doubles 1.3 to 1.8 times as fast on large inputs; where the runtime refuses to compile
 * WebAssembly (some edge runtimes, a content security policy without `wasm-unsafe-eval`), the
 * JavaScript pass runs instead. Memory held: 16 bytes per customer and accumulator slot plus the
 * 8-byte result per customer, and about 18 kB of tables (with WebAssembly, about 0.25 MB more
 * for a chunk of the columns copied into its memory). A model compiled once ({@link compileModel})
 * keeps that WebAssembly memory (up to 64 MiB) and its instance for its later calls, which then
 * neither instantiate the module nor fault fresh memory in; it goes with the compiled model. A
 * customer with no events scores 0.
 *
 * @param model - The model, or its {@link compileModel} result to skip compiling on every call.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`.
 * @param at - The instant to score at.
 * @param customerCount - How many customers: the result's length, above every customer index.
 * @returns The score of each customer, indexed by customer.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a column of the
 * wrong type or length, a customer or behaviour index out of range, or a non-finite time or
 * weight, or a time beyond the range of a `Date` (±8.64e15); `INVALID_OPTION` for a bad
 * `customerCount` (or one whose sums the runtime cannot allocate); `INVALID_INSTANT` for a bad
 * `at`; `OVERFLOW` (path `['columns']`, one issue per customer) when a score or a capped
 * behaviour's total is beyond the range of a number, instead of `Infinity` or `NaN`.
 *
 * @example
 * ```ts
 * import { defineModel, exponential, linear, scoreColumns } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     emailClick: { boost: 25, decay: linear({ days: 14 }) },
 *     visit: { boost: 8, decay: exponential({ days: 7 }), cap: 10 },
 *   },
 * });
 * const day = 86_400_000;
 * const columns = {
 *   customer: Uint32Array.of(0, 0, 1, 1, 1),
 *   behaviour: Uint8Array.of(0, 1, 1, 1, 0),
 *   at: Float64Array.of(0, 0, 0, 0, 30 * day),
 * };
 * Array.from(scoreColumns(model, columns, 7 * day, 2)); // => [16.5, 8]
 * ```
 * @category Fast paths
 */
export function scoreColumns(
  model: Model | CompiledModel,
  columns: EventColumnsInput,
  at: Instant,
  customerCount: number,
): Float64Array {
  const time = readInstant(at, { fn: 'scoreColumns', path: ['at'] });
  const compiled = compiledOf(model, 'scoreColumns');
  const customers = checkCustomerCount('scoreColumns', customerCount);
  const length = checkColumnTypes('scoreColumns', columns);
  if (compiled.rules !== undefined) {
    // Models with rules (issue 18) take the rules' JS path; the kernel below is untouched.
    checkColumns('scoreColumns', compiled, columns, customers);
    const selection = selectRuleColumns(compiled.rules, columns, length);
    return scoreRuleColumns(compiled, compiled.rules, selection, time, customers, 'scoreColumns');
  }
  const size = 2 * customers * compiled.slotsPerCustomer;
  const input = columnKernelInput(compiled, columns, 0, length, time);
  // On WebAssembly where the runtime allows it and the input pays for instantiating the module.
  // The compiled model keeps the WebAssembly instance and its memory for its next call.
  let accumulator: Float64Array | false | undefined;
  if (length >= WASM_MIN_EVENTS) {
    const cache = keptKernels.get(compiled) ?? {};
    accumulator = accumulateColumnsWasm(columnKernelBytes(), ...input, size, cache);
    if ((cache.memory?.buffer.byteLength ?? 0) > KEPT_KERNEL_BYTES) keptKernels.delete(compiled);
    else keptKernels.set(compiled, cache);
  }
  if (accumulator === undefined) {
    accumulator = customerArray('scoreColumns', size, customers);
    if (!accumulateColumns(...input, accumulator)) accumulator = false;
  }
  if (accumulator === false) {
    // The kernel stopped at a bad entry; checkColumns throws the error that names it.
    checkColumns('scoreColumns', compiled, columns, customers);
    throw new Error('scoreColumns: internal error, the column kernel rejected valid columns');
  }
  return finishScores(compiled, [accumulator], customers, 'scoreColumns');
}
