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
 * its behaviour not below `kind.length`, or its time or weight is not finite: the same rules as
 * `checkColumns`.
 *
 * The events go in blocks of 2048. A first loop over a block checks each entry with branches that
 * are never taken on valid input, and sorts the live events (`0 <= elapsed < end`) into a list of
 * exponential events and a list of the others without a branch (it writes the index to both lists
 * and advances each by 0 or 1), so that the CPU does not mispredict on which events are live or of
 * which kind; a second loop handles each list. Linear, step and permanent decays share one formula:
 * `min(1, (end - elapsed) / span)` with `span = 0` for step and permanent (so `+Infinity`, hence
 * 1) and, for linear, at least 1 inside the grace period. On large accumulators (above 2 MB, where
 * they miss the cache) a third loop first reads each live event's accumulator, a short loop with
 * many misses in flight, so that the scoring loops find them in the cache.
 *
 * Exponential decay `2^t` with `t = -elapsed / halfLife` (the exponent `scoreAt` uses) is computed
 * inline by the table method of glibc's and musl's `exp2`: `128 t` rounded to the nearest integer
 * `n` (by adding and subtracting 1.5 * 2^52) gives `2^t = 2^floor(n / 128) * 2^((n mod 128) / 128)
 * * 2^r` with `|r| <= 1/256`; the first factor comes from a table of exact powers of two (down to
 * `2^-1075`, which rounds to 0, so any `t < -1075` gives 0), the second from a table of the 128
 * values `2 ** (j / 128)`, both built per call, and `2^r - 1` is its Taylor polynomial of degree 5
 * (truncation error below 1e-18), added as `s + s * q`. Measured against V8's `2 ** t` on 10^6
 * random `t` in [-1100, 0]: 71% equal, the rest 1 ulp apart but 0.03% at 2 ulps, none further
 * (the property test checks 2 ulps).
 *
 * It references nothing outside its own body: `src/node` ships its source to worker threads with
 * `Function.prototype.toString`. Allocates about 27 kB of tables and lists, once per call.
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
): boolean {
  const count = kind.length;
  const customers = accumulator.length / (2 * slotsPerCustomer);
  // powerOfTwo[j] = 2^-j, exact (halving is exact down to the subnormals; 2^-1075 rounds to 0).
  const powerOfTwo = new Float64Array(1076);
  powerOfTwo[0] = 1;
  for (let j = 1; j < 1076; j++) powerOfTwo[j] = powerOfTwo[j - 1]! * 0.5;
  // fraction[j] = 2^(j / 128).
  const fraction = new Float64Array(128);
  for (let j = 0; j < 128; j++) fraction[j] = 2 ** (j / 128);
  // Per behaviour: 1 for exponential decay, else 0; the span of the shared formula of the others.
  const exponential = new Int32Array(count);
  const otherSpan = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    exponential[b] = kind[b] === 1 ? 1 : 0;
    otherSpan[b] = kind[b] === 0 ? span[b]! : 0;
  }
  // The coefficients of 2^r - 1 = sum of (r ln 2)^n / n!.
  const c1 = Math.LN2;
  const c2 = (c1 * c1) / 2;
  const c3 = (c2 * c1) / 3;
  const c4 = (c3 * c1) / 4;
  const c5 = (c4 * c1) / 5;
  const shift = 6755399441055744; // 1.5 * 2^52: x + shift - shift rounds x to an integer.
  const block = 2048;
  const exponentialList = new Int32Array(block);
  const otherList = new Int32Array(block);
  const touch = accumulator.length > 262144;
  let touched = 0;
  for (let start = from; start < to; start += block) {
    const stop = Math.min(to, start + block);
    let exponentials = 0;
    let others = 0;
    for (let i = start; i < stop; i++) {
      const b = behaviour[i]!;
      const eventTime = at[i]!;
      if (
        b >= count ||
        customer[i]! >= customers ||
        eventTime - eventTime !== 0 ||
        (weight !== undefined && weight[i]! - weight[i]! !== 0)
      ) {
        return false;
      }
      const elapsed = time - eventTime;
      const live = Number(elapsed >= 0) & Number(elapsed < end[b]!);
      const isExponential = exponential[b]!;
      exponentialList[exponentials] = i - start;
      otherList[others] = i - start;
      exponentials += live & isExponential;
      others += live & (isExponential ^ 1);
    }
    if (touch) {
      for (let m = 0; m < exponentials; m++) {
        const i = start + exponentialList[m]!;
        touched += accumulator[2 * (customer[i]! * slotsPerCustomer + slot[behaviour[i]!]!)]!;
      }
      for (let m = 0; m < others; m++) {
        const i = start + otherList[m]!;
        touched += accumulator[2 * (customer[i]! * slotsPerCustomer + slot[behaviour[i]!]!)]!;
      }
    }
    for (let m = 0; m < exponentials; m++) {
      const i = start + exponentialList[m]!;
      const b = behaviour[i]!;
      // 128 t, exact but for the division's rounding; t below -1075 gives 0 all the same.
      const scaled = Math.max((-128 * (time - at[i]!)) / halfLife[b]!, -137600);
      const whole = scaled + shift - shift;
      const r = (scaled - whole) * (1 / 128);
      const n = whole | 0;
      const s = fraction[n & 127]! * powerOfTwo[-(n >> 7)]!;
      const r2 = r * r;
      const q = r * c1 + r2 * (c2 + r * c3) + r2 * r2 * (c4 + r * c5);
      const value = (weight === undefined ? boost[b]! : weight[i]! * boost[b]!) * (s + s * q);
      const pair = 2 * (customer[i]! * slotsPerCustomer + slot[b]!);
      // Knuth's TwoSum: the rounding error of sum + value, without a branch.
      const sum = accumulator[pair]!;
      const next = sum + value;
      const virtual = next - sum;
      accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
      accumulator[pair] = next;
    }
    for (let m = 0; m < others; m++) {
      const i = start + otherList[m]!;
      const b = behaviour[i]!;
      const factor = Math.min(1, (end[b]! - (time - at[i]!)) / otherSpan[b]!);
      const value = (weight === undefined ? boost[b]! : weight[i]! * boost[b]!) * factor;
      const pair = 2 * (customer[i]! * slotsPerCustomer + slot[b]!);
      const sum = accumulator[pair]!;
      const next = sum + value;
      const virtual = next - sum;
      accumulator[pair + 1]! += sum - (next - virtual) + (value - virtual);
      accumulator[pair] = next;
    }
  }
  // Keeps the reads of the third loop from being optimised away; never true for finite sums.
  if (Number.isNaN(touched)) accumulator[0] = accumulator[0]! + 0;
  return true;
}
