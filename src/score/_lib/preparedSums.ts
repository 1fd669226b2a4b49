import { customerArray } from '../kernel/checkColumns.js';
import type { PreparedColumns } from '../prepareColumns.js';

/**
 * Each prepared index's (sum, compensation) pairs, kept between `scorePrepared` calls: a fresh
 * array is faulted in page by page on every call otherwise (16 bytes a customer: about 4 ms at
 * 100k customers on the benchmark's machine, where a whole re-score takes 4 to 6). Keyed weakly,
 * so the pairs go with the index; they are as large as its per-customer part already is.
 */
const kept = new WeakMap<PreparedColumns, Float64Array>();

/**
 * Zeroed (sum, compensation) pairs for every customer of `prepared`, the ones its last call used
 * when there are any: valid until its next call.
 */
export function preparedSums(prepared: PreparedColumns): Float64Array {
  let sums = kept.get(prepared);
  if (sums?.length === 2 * prepared.customerCount) sums.fill(0);
  else {
    sums = customerArray('scorePrepared', 2 * prepared.customerCount, prepared.customerCount);
    kept.set(prepared, sums);
  }
  return sums;
}
