import { orderRange, type RuleColumns } from './canonicalOrder.js';

/** Above this many events a customer's are put in order by `sort`, below by insertion. */
const INSERTION_MAX = 24;

/** {@link canonicalOrder} with where each customer's events start in it. */
export interface CustomerOrder {
  readonly order: Int32Array;
  /** Customer `c`'s events are `order[starts[c]..starts[c + 1])`; `c` up to the largest index. */
  readonly starts: Int32Array;
}

/**
 * {@link canonicalOrder} of events with a customer each (whole-number indexes), and where each
 * customer's events start: customers grouped by a counting sort (O(n + customers)), then each
 * customer's events ordered on their own, by insertion for a few, by `sort` for many. One
 * comparison sort of all n positions cost about 0.38 s for 10^6 events over 10^5 customers; this
 * takes about 0.06 s.
 */
export function canonicalCustomerOrder(
  columns: RuleColumns & { readonly customer: ArrayLike<number> },
  length: number,
): CustomerOrder {
  const order = new Int32Array(length);
  const { customer } = columns;
  let most = -1;
  for (let i = 0; i < length; i++) if (customer[i]! > most) most = customer[i]!;
  // starts[c + 1] counts customer c's events, then the running sums make it where they start
  const starts = new Int32Array(most + 2);
  for (let i = 0; i < length; i++) starts[customer[i]! + 1]!++;
  for (let c = 1; c < starts.length; c++) starts[c]! += starts[c - 1]!;
  const next = starts.slice(0, most + 1);
  for (let i = 0; i < length; i++) order[next[customer[i]!]!++] = i;
  for (let c = 0; c <= most; c++) {
    const start = starts[c]!;
    const end = starts[c + 1]!;
    if (end - start > INSERTION_MAX) orderRange(columns, order, start, end);
    else if (end - start > 1) insertionOrder(columns, order, start, end);
  }
  return { order, starts };
}

/** `orderRange` by insertion, for a few events: no comparator calls, no allocation. */
function insertionOrder(columns: RuleColumns, order: Int32Array, start: number, end: number): void {
  const { behaviour, at, weight } = columns;
  for (let k = start + 1; k < end; k++) {
    const i = order[k]!;
    const b = behaviour[i]!;
    const t = at[i]!;
    const w = weight === undefined ? 1 : weight[i]!;
    let m = k - 1;
    for (; m >= start; m--) {
      const j = order[m]!;
      const bj = behaviour[j]!;
      // j stays before i unless it sorts after it: a higher behaviour, later, or lighter
      if (bj < b) break;
      if (bj === b) {
        const tj = at[j]!;
        if (tj < t) break;
        if (tj === t && (weight === undefined || weight[j]! >= w)) break;
      }
      order[m + 1] = j;
    }
    order[m + 1] = i;
  }
}
