/**
 * The columnar scoring kernel: one pass over events `[from, to)`, adding each counted event's
 * decayed boost into compensated accumulators (Knuth's branch-free TwoSum, which keeps the same
 * error terms as Neumaier's sum), no allocation.
 *
 * `accumulator` holds `(sum, compensation)` pairs: customer `c` owns `slotsPerCustomer` pairs
 * starting at pair `c * slotsPerCustomer`; pair 0 takes every uncapped behaviour, capped behaviour
 * `b` has its own pair `slot[b]` (>= 1), so caps can be applied per customer and behaviour.
 *
 * Exponential decay `exp(-rate * elapsed)` is computed inline as `2^t` with
 * `t = -rate * elapsed * log2(e)`: `t = k + f` with `k` the nearest integer and `|f| <= 1/2`,
 * `2^f = exp(f ln 2)` by its Taylor polynomial of degree 12 (truncation error below 2e-16 for
 * `|f ln 2| <= 0.35`) evaluated by Estrin's scheme, times `2^k` from a table of exact powers of
 * two built per call (down to `2^-1075`, which rounds to 0, so any `t < -1075` gives 0). Within 2
 * ulps of V8's `2 ** t` over `t` in [-1000, 0] (measured on 10^6 points); it makes the kernel
 * about 18% faster than with `Math.exp` on the benchmark workload.
 *
 * It references nothing outside its own body: `src/node` ships its source to worker threads with
 * `Function.prototype.toString`. Trusts its input (checked once by `checkColumns`). Allocates
 * only the 8.6 kB table, once per call.
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
  // powerOfTwo[j] = 2^-j, exact (halving is exact down to the subnormals; 2^-1075 rounds to 0).
  const powerOfTwo = new Float64Array(1076);
  powerOfTwo[0] = 1;
  for (let j = 1; j < 1076; j++) powerOfTwo[j] = powerOfTwo[j - 1]! * 0.5;
  for (let i = from; i < to; i++) {
    const eventTime = at[i]!;
    if (eventTime > time) continue;
    const b = behaviour[i]!;
    const elapsed = time - eventTime;
    if (elapsed >= end[b]!) continue;
    const k = kind[b]!;
    let factor = 1;
    if (k === 1) {
      // 2^t = 2^whole * exp(fraction * ln 2), the exponential by range reduction.
      const t = Math.max(-rate[b]! * elapsed * Math.LOG2E, -1075);
      const whole = Math.floor(t + 0.5);
      const r = (t - whole) * Math.LN2;
      // exp(r) to degree 12 by Estrin's scheme (shorter dependency chains than Horner's), the
      // small terms added first.
      const r2 = r * r;
      const r4 = r2 * r2;
      const high =
        1 / 40320 +
        r * (1 / 362880) +
        r2 * (1 / 3628800 + r * (1 / 39916800)) +
        r4 * (1 / 479001600);
      const middle = 1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040));
      const p = 1 + (r + (r2 * (0.5 + r * (1 / 6)) + r4 * (middle + r4 * high)));
      factor = p * powerOfTwo[-whole]!;
    } else if (k === 0 && elapsed > grace[b]!) factor = (end[b]! - elapsed) / span[b]!;
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
