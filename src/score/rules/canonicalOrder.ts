/** The columns the rules read: behaviour index, instant, optional weight, optional customer. */
export interface RuleColumns {
  readonly behaviour: ArrayLike<number>;
  readonly at: ArrayLike<number>;
  /** Weights; 1 for every event when absent. */
  readonly weight?: ArrayLike<number> | undefined;
  /** Customer of each event; one customer when absent. */
  readonly customer?: ArrayLike<number> | undefined;
}

/** Below this many events a customer's are put in order by insertion, above by `sort`. */
const INSERTION_MAX = 24;

/**
 * Positions `0..length-1` in the canonical order of the rules: by customer, then behaviour, then
 * `at` ascending, then weight descending. Events equal in all four are interchangeable (they add
 * the same value and count the same), so every result built on this order is independent of the
 * input's order.
 */
export function canonicalOrder(columns: RuleColumns, length: number): Int32Array {
  const { customer } = columns;
  if (customer !== undefined) return canonicalCustomerOrder({ ...columns, customer }, length).order;
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  orderRange(columns, order, 0, length);
  return order;
}

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
    if (starts[c + 1]! - starts[c]! > 1) orderRange(columns, order, starts[c]!, starts[c + 1]!);
  }
  return { order, starts };
}

/** Orders `order[start..end)` (one customer's events) by behaviour, `at`, weight descending. */
function orderRange(columns: RuleColumns, order: Int32Array, start: number, end: number): void {
  const { behaviour, at, weight } = columns;
  if (end - start > INSERTION_MAX) {
    order.subarray(start, end).sort((i, j) => {
      if (behaviour[i] !== behaviour[j]) return behaviour[i]! - behaviour[j]!;
      if (at[i] !== at[j]) return at[i]! - at[j]!;
      if (weight !== undefined && weight[i] !== weight[j]) return weight[j]! - weight[i]!;
      return 0;
    });
    return;
  }
  for (let k = start + 1; k < end; k++) {
    const i = order[k]!;
    const b = behaviour[i]!;
    const t = at[i]!;
    const w = weight === undefined ? 1 : weight[i]!;
    let m = k - 1;
    for (; m >= start; m--) {
      const j = order[m]!;
      const bj = behaviour[j]!;
      // j stays before i unless it sorts after it: higher behaviour, later, or lighter
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
