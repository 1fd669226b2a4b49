/** The columns the rules read: behaviour index, instant, optional weight, optional customer. */
export interface RuleColumns {
  readonly behaviour: ArrayLike<number>;
  readonly at: ArrayLike<number>;
  /** Weights; 1 for every event when absent. */
  readonly weight?: ArrayLike<number> | undefined;
  /** Customer of each event; one customer when absent. */
  readonly customer?: ArrayLike<number> | undefined;
}

/**
 * Positions `0..length-1` of one customer's events in the canonical order of the rules: by
 * behaviour, then `at` ascending, then weight descending (a `customer` column is not read: use
 * {@link canonicalCustomerOrder} for the events of many). Events equal in all three are
 * interchangeable (they add the same value and count the same), so every result built on this
 * order is independent of the input's order.
 */
export function canonicalOrder(columns: RuleColumns, length: number): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  orderRange(columns, order, 0, length);
  return order;
}

/** Orders `order[start..end)` (one customer's events) by behaviour, `at`, weight descending. */
export function orderRange(
  columns: RuleColumns,
  order: Int32Array,
  start: number,
  end: number,
): void {
  const { behaviour, at, weight } = columns;
  order.subarray(start, end).sort((i, j) => {
    if (behaviour[i] !== behaviour[j]) return behaviour[i]! - behaviour[j]!;
    if (at[i] !== at[j]) return at[i]! - at[j]!;
    if (weight !== undefined && weight[i] !== weight[j]) return weight[j]! - weight[i]!;
    return 0;
  });
}
