/**
 * The columnar scoring kernel: one pass over events `[from, to)`, adding each counted event's
 * decayed boost into compensated accumulators (Knuth's branch-free TwoSum, which keeps the same
 * error terms as Neumaier's sum), no allocation.
 *
 * `accumulator` holds `(sum, compensation)` pairs: customer `c` owns `slotsPerCustomer` pairs
 * starting at pair `c * slotsPerCustomer`; pair 0 takes every uncapped behaviour, capped behaviour
 * `b` has its own pair `slot[b]` (>= 1), so caps can be applied per customer and behaviour.
 *
 * It references nothing outside its own body: `src/node` ships its source to worker threads with
 * `Function.prototype.toString`. Trusts its input (checked once by `checkColumns`).
 */
export function accumulateColumns(
  kind: Uint8Array,
  boost: Float64Array,
  end: Float64Array,
  grace: Float64Array,
  span: Float64Array,
  rate: Float64Array,
  slot: Int32Array,
  slotsPerCustomer: number,
  customer: Uint32Array,
  behaviour: Uint8Array | Uint16Array,
  at: Float64Array,
  weight: Float64Array | undefined,
  from: number,
  to: number,
  time: number,
  accumulator: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const eventTime = at[i]!;
    if (eventTime > time) continue;
    const b = behaviour[i]!;
    const elapsed = time - eventTime;
    if (elapsed >= end[b]!) continue;
    const k = kind[b]!;
    let factor = 1;
    if (k === 1) factor = Math.exp(-rate[b]! * elapsed);
    else if (k === 0 && elapsed > grace[b]!) factor = (end[b]! - elapsed) / span[b]!;
    const value = (weight === undefined ? boost[b]! : weight[i]! * boost[b]!) * factor;
    const pair = 2 * (customer[i]! * slotsPerCustomer + slot[b]!);
    // Knuth's TwoSum: the rounding error of sum + value, without a branch.
    const sum = accumulator[pair]!;
    const next = sum + value;
    const virtual = next - sum;
    accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
    accumulator[pair] = next;
  }
}
