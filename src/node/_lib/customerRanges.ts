/** Customers `[first, first + own)`: the part of a call one worker thread scores. */
export interface CustomerRange {
  readonly first: number;
  readonly own: number;
}

/**
 * Splits customers `[0, customers)` into at most `parts` contiguous, non-empty ranges of nearly
 * equal size, each starting at a multiple of 8 customers: at least 128 bytes of accumulators,
 * so that two threads never write into the same 64-byte cache line.
 */
export function customerRanges(customers: number, parts: number): CustomerRange[] {
  const blocks = Math.ceil(customers / 8);
  const ranges: CustomerRange[] = [];
  for (let part = 0; part < parts; part++) {
    const first = 8 * Math.floor((blocks * part) / parts);
    const stop = Math.min(customers, 8 * Math.floor((blocks * (part + 1)) / parts));
    if (stop > first) ranges.push({ first, own: stop - first });
  }
  return ranges;
}
