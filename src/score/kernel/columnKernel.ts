/**
 * The columnar scoring kernel: checks events `[from, to)` and adds each counted event's decayed
 * boost into compensated accumulators (Knuth's branch-free TwoSum, which keeps the same error
 * terms as Neumaier's sum). Returns `false` as soon as it meets an invalid entry (the accumulator
 * is then partly filled and must be discarded; `checkColumns` names the entry), `true` otherwise.
 *
 * `accumulator` holds `(sum, compensation)` pairs: customer `c` owns `slotsPerCustomer` pairs
 * starting at pair `c * slotsPerCustomer`; pair 0 takes every uncapped behaviour, capped behaviour
 * `b` has its own pair `slot[b]` (>= 1), so caps can be applied per customer and behaviour. An
 * entry is invalid when its customer is not below `accumulator.length / (2 * slotsPerCustomer)`,
 * its behaviour not below `kind.length`, its time is not within the range of a `Date` (NaN or
 * beyond ±8.64e15 ms), or its weight times its
 * behaviour's boost is not finite (a weight that is not finite, or one that overflows): the rules
 * of `checkColumns`.
 *
 * With `first` and `customerCount`, the accumulator holds only the pairs of customers `[first,
 * first + accumulator.length / (2 * slotsPerCustomer))` (customer `c` at pair
 * `(c - first) * slotsPerCustomer`), an entry is invalid when its customer is not below
 * `customerCount`, and the valid events of the other customers are skipped: each customer's
 * pairs then receive the very additions, in the same order, that one pass over all customers
 * gives them (the blocks below start at `from` either way), so that worker threads can each score
 * a range of customers bit for bit as one thread would.
 *
 * Two strategies. When every behaviour has the same kind of decay and never ends (all exponential
 * without cutoff, or all permanent) and the accumulators fit the cache, one plain pass checks and
 * scores each event: every past event counts and has the same kind, so its branches are always
 * predicted. Otherwise the events go in blocks of 512. A first loop over a block checks each entry
 * (with branches never taken on valid input) and sorts the live events (`0 <= elapsed < end`) into
 * a list of exponential events and a list of the others, with their accumulator index, without a
 * branch: it writes each event to both lists and advances each list by 0 or 1. So the CPU does not
 * mispredict which events count or of which kind they are (a one-pass loop mispredicts about one
 * event in two on the benchmark workload, in cachegrind's branch simulation). A loop per list then
 * scores its events. Linear, step and permanent decays share one formula,
 * `min(1, (end - elapsed) / span)`, with `span = 0` for step and permanent (so `+Infinity`, hence
 * 1) and, for linear, a ratio of at least 1 inside the grace period. When the accumulators exceed
 * 2 MB (so miss the cache), a short loop first reads each listed event's accumulator, so that many
 * misses are in flight at once instead of a few: on the 10M-event benchmark the kernel takes about
 * 40% less time with it.
 *
 * Exponential decay `2^t` with `t = -elapsed / halfLife` (the exponent `scoreAt` uses) is computed
 * inline by the table method of glibc's and musl's `exp2`: `128 t` rounded to the nearest integer
 * `n` (by adding and subtracting 1.5 * 2^52) gives `2^t = 2^((n mod 128) / 128) * 2^floor(n / 128)
 * * 2^r` with `|r| <= 1/256`. The first two factors come from a table built per call of the 128
 * values `2 ** (j / 128)` and of the exact powers of two down to `2^-1075` (which rounds to 0, so
 * any `t < -1075` gives 0); `q = 2^r - 1` is its Taylor polynomial of degree 5 (truncation error
 * below 1e-18), added as `s + s * q`. Measured against V8's `2 ** t` on 10^6 random `t` in
 * [-1100, 0]: 71% equal, the rest 1 ulp apart but 0.03% at 2 ulps, none further (the tests check
 * 2 ulps).
 *
 * It references nothing outside its own body: `src/node` ships its source to worker threads with
 * `Function.prototype.toString`. Allocates about 18 kB of tables and lists, once per call.
 */
export function accumulateColumns(
  kind: Uint8Array,
  boost: Float64Array,
  end: Float64Array,
  span: Float64Array,
  halfLife: Float64Array,
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
  first = 0,
  customerCount = first + accumulator.length / (2 * slotsPerCustomer),
): boolean {
  const count = kind.length | 0;
  const now = time + 0; // an unboxed float64 for the loops
  const pairsPerCustomer = (2 * slotsPerCustomer) | 0;
  const customers = customerCount;
  const own = accumulator.length / pairsPerCustomer;
  // powers[j] = 2^(j / 128) for j < 128, powers[128 + j] = 2^-j (exact: halving is exact down to
  // the subnormals, and 2^-1075 rounds to 0).
  const powers = new Float64Array(128 + 1076);
  for (let j = 0; j < 128; j++) powers[j] = 2 ** (j / 128);
  powers[128] = 1;
  for (let j = 1; j < 1076; j++) powers[128 + j] = powers[127 + j]! * 0.5;
  // Per behaviour b, at 8b: end, halfLife, boost, the span of the others' formula, the offset of
  // its accumulator pair, and the ends of the two lists (-1 for the list it is not in).
  const constants = new Float64Array(8 * count);
  for (let b = 0; b < count; b++) {
    constants[8 * b] = end[b]!;
    constants[8 * b + 1] = halfLife[b]!;
    constants[8 * b + 2] = boost[b]!;
    constants[8 * b + 3] = kind[b] === 0 ? span[b]! : 0;
    constants[8 * b + 4] = 2 * slot[b]!;
    constants[8 * b + 5] = kind[b] === 1 ? end[b]! : -1;
    constants[8 * b + 6] = kind[b] === 1 ? -1 : end[b]!;
  }
  // The coefficients of 2^r - 1 = sum of (r ln 2)^k / k!.
  const c1 = Math.LN2;
  const c2 = (c1 * c1) / 2;
  const c3 = (c2 * c1) / 3;
  const c4 = (c3 * c1) / 4;
  const c5 = (c4 * c1) / 5;
  const shift = 6755399441055744; // 1.5 * 2^52: x + shift - shift rounds x to an integer.
  const block = 512;
  // (event, accumulator index) pairs: exponential events from entry 0, the others from 2 * block.
  // Int32 when every index fits, which is always in practice (16 GB of accumulators).
  const list =
    accumulator.length <= 0x7fffffff && to <= 0x7fffffff
      ? new Int32Array(4 * block)
      : new Float64Array(4 * block);
  const touch = accumulator.length > 262144; // 2 MB
  let touched = 0;
  // One kind of decay that never ends (exponential without cutoff, or permanent): every past event
  // counts and has the same kind, so one plain pass mispredicts nothing and, unless the
  // accumulators miss the cache, beats sorting the events into lists.
  let uniform = !touch;
  for (let b = 0; b < count; b++) {
    if (kind[b] !== kind[0] || end[b] !== Number.POSITIVE_INFINITY) uniform = false;
  }
  if (uniform) {
    const decays = kind[0] === 1;
    for (let i = from; i < to; i++) {
      const b = behaviour[i]!;
      const c = customer[i]!;
      const eventTime = at[i]!;
      if (
        b >= count ||
        c >= customers ||
        !(Math.abs(eventTime) <= 8.64e15) ||
        (weight !== undefined &&
          weight[i]! * constants[8 * b + 2]! - weight[i]! * constants[8 * b + 2]! !== 0)
      ) {
        return false;
      }
      const elapsed = now - eventTime;
      if (elapsed < 0 || c < first || c - first >= own) continue;
      let factor = 1;
      if (decays) {
        const scaled = Math.max((-128 * elapsed) / constants[8 * b + 1]!, -137600);
        const whole = scaled + shift - shift;
        const r = (scaled - whole) * (1 / 128);
        const n = whole | 0;
        const s = powers[n & 127]! * powers[128 - (n >> 7)]!;
        const r2 = r * r;
        const q = r * c1 + r2 * (c2 + r * c3) + r2 * r2 * (c4 + r * c5);
        factor = s + s * q;
      }
      const boostOf = constants[8 * b + 2]!;
      const value = (weight === undefined ? boostOf : weight[i]! * boostOf) * factor;
      const pair = (c - first) * pairsPerCustomer + constants[8 * b + 4]!;
      const sum = accumulator[pair]!;
      const next = sum + value;
      const virtual = next - sum;
      accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
      accumulator[pair] = next;
    }
    return true;
  }
  for (let start = from; start < to; start += block) {
    const stop = Math.min(to, start + block);
    let exponentials = 0;
    let others = block;
    for (let i = start; i < stop; i++) {
      const b = behaviour[i]!;
      const c = customer[i]!;
      const eventTime = at[i]!;
      if (
        b >= count ||
        c >= customers ||
        !(Math.abs(eventTime) <= 8.64e15) ||
        (weight !== undefined &&
          weight[i]! * constants[8 * b + 2]! - weight[i]! * constants[8 * b + 2]! !== 0)
      ) {
        return false;
      }
      const elapsed = now - eventTime;
      const started = Number(elapsed >= 0) & Number(c >= first) & Number(c - first < own);
      const pair = (c - first) * pairsPerCustomer + constants[8 * b + 4]!;
      list[2 * exponentials] = i;
      list[2 * exponentials + 1] = pair;
      list[2 * others] = i;
      list[2 * others + 1] = pair;
      exponentials += started & Number(elapsed < constants[8 * b + 5]!);
      others += started & Number(elapsed < constants[8 * b + 6]!);
    }
    if (touch) {
      for (let m = 0; m < exponentials; m++) touched += accumulator[list[2 * m + 1]!]!;
      for (let m = block; m < others; m++) touched += accumulator[list[2 * m + 1]!]!;
    }
    for (let m = 0; m < exponentials; m++) {
      const i = list[2 * m]!;
      const b = behaviour[i]!;
      // 128 t, exact but for the division's rounding, as in scoreAt; below -1075, t gives 0 all
      // the same.
      const scaled = Math.max((-128 * (now - at[i]!)) / constants[8 * b + 1]!, -137600);
      const whole = scaled + shift - shift;
      const r = (scaled - whole) * (1 / 128);
      const n = whole | 0;
      const s = powers[n & 127]! * powers[128 - (n >> 7)]!;
      const r2 = r * r;
      const q = r * c1 + r2 * (c2 + r * c3) + r2 * r2 * (c4 + r * c5);
      const boostOf = constants[8 * b + 2]!;
      const value = (weight === undefined ? boostOf : weight[i]! * boostOf) * (s + s * q);
      const pair = list[2 * m + 1]!;
      // Knuth's TwoSum: the rounding error of sum + value, without a branch.
      const sum = accumulator[pair]!;
      const next = sum + value;
      const virtual = next - sum;
      accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
      accumulator[pair] = next;
    }
    for (let m = block; m < others; m++) {
      const i = list[2 * m]!;
      const b = behaviour[i]!;
      const factor = Math.min(1, (constants[8 * b]! - (now - at[i]!)) / constants[8 * b + 3]!);
      const boostOf = constants[8 * b + 2]!;
      const value = (weight === undefined ? boostOf : weight[i]! * boostOf) * factor;
      const pair = list[2 * m + 1]!;
      const sum = accumulator[pair]!;
      const next = sum + value;
      const virtual = next - sum;
      accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
      accumulator[pair] = next;
    }
  }
  // Keeps the reads of the touch loops from being optimised away; changes nothing.
  if (Number.isNaN(touched)) accumulator[0] = accumulator[0]! + 0;
  return true;
}
