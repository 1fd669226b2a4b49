import type { CompiledModel } from '../../model/compileModel.js';

/** The most (customer, behaviour) sums {@link customerScores} holds beside the events: 16 bytes each. */
function sumsBudget(events: number): number {
  return Math.max(1 << 20, 4 * events);
}

/**
 * Every customer's score at `time` in one pass over columns of events (customer index, behaviour
 * index, instant, weight), with the very doubles `scoreAt` gives on each customer's own events:
 * each (customer, behaviour) total is the Neumaier sum of `weight * boost * decay(time - at)` over
 * that customer's events of that behaviour at or before `time`, in the columns' order (the order
 * `scoreAt` adds them in), with the decay computed as `decayFactor` computes it; then each
 * customer's totals are clamped to their caps and summed (compensated) as `cappedScore` does.
 * No allocation per event or per customer: one array of sums and compensations, `customerCount x
 * behaviours` pairs.
 *
 * Returns `undefined`, having done no work, when those pairs would exceed four per event (and
 * 2^20): the caller then groups the events by customer instead. Returns `undefined` too when a
 * total is not finite: the caller's exact path then throws the `OVERFLOW` error that names it.
 */
export function customerScores(
  compiled: CompiledModel,
  columns: {
    readonly customer: Uint32Array;
    readonly behaviour: ArrayLike<number>;
    readonly at: Float64Array;
    readonly weight: Float64Array;
  },
  customerCount: number,
  time: number,
): Float64Array | undefined {
  const behaviours = compiled.behaviourIds.length;
  const { customer, behaviour, at, weight } = columns;
  const length = customer.length;
  if (customerCount * behaviours > sumsBudget(length)) return undefined;
  const { kind, end, grace, span, halfLife, boost, cap } = compiled;
  // (sum, compensation) of customer c and behaviour b at 2 * (c * behaviours + b).
  const sums = new Float64Array(2 * customerCount * behaviours);
  for (let i = 0; i < length; i++) {
    const eventTime = at[i]!;
    if (eventTime > time) continue;
    const b = behaviour[i]!;
    const elapsed = time - eventTime;
    // decayFactor, on the compiled model's numbers (the same doubles).
    let factor = 1;
    switch (kind[b]) {
      case 0:
        factor = elapsed <= grace[b]! ? 1 : elapsed >= end[b]! ? 0 : (end[b]! - elapsed) / span[b]!;
        break;
      case 1:
        factor = elapsed >= end[b]! ? 0 : 2 ** (-elapsed / halfLife[b]!);
        break;
      case 2:
        factor = elapsed < end[b]! ? 1 : 0;
        break;
    }
    const value = weight[i]! * boost[b]! * factor;
    const slot = 2 * (customer[i]! * behaviours + b);
    const sum = sums[slot]!;
    const next = sum + value;
    sums[slot + 1]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sums[slot] = next;
  }
  const scores = new Float64Array(customerCount);
  for (let c = 0; c < customerCount; c++) {
    let sum = 0;
    let compensation = 0;
    for (let b = 0; b < behaviours; b++) {
      const slot = 2 * (c * behaviours + b);
      const total = sums[slot]! + sums[slot + 1]!;
      if (total - total !== 0) return undefined;
      const value = Math.min(cap[b]!, Math.max(total, -cap[b]!));
      const next = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
      sum = next;
    }
    const score = sum + compensation;
    if (score - score !== 0) return undefined;
    scores[c] = score;
  }
  return scores;
}
