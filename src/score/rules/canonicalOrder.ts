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
 * Positions `0..length-1` in the canonical order of the rules: by customer, then behaviour, then
 * `at` ascending, then weight descending. Events equal in all four are interchangeable (they add
 * the same value and count the same), so every result built on this order is independent of the
 * input's order.
 */
export function canonicalOrder(columns: RuleColumns, length: number): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  const { behaviour, at, weight, customer } = columns;
  order.sort((i, j) => {
    if (customer !== undefined && customer[i] !== customer[j]) return customer[i]! - customer[j]!;
    if (behaviour[i] !== behaviour[j]) return behaviour[i]! - behaviour[j]!;
    if (at[i] !== at[j]) return at[i]! - at[j]!;
    if (weight !== undefined && weight[i] !== weight[j]) return weight[j]! - weight[i]!;
    return 0;
  });
  return order;
}
