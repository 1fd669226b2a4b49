import type { CompiledModel } from '../../model/compileModel.js';

/**
 * Every customer's score from their (customer, behaviour) totals, as `cappedScore` sums them:
 * `sums` holds a (sum, compensation) pair per customer and behaviour, customer `c` and behaviour
 * `b` at `2 * (c * behaviours + b)`; each total is clamped to the behaviour's cap and the
 * customer's totals are added with Neumaier's compensation. Returns `undefined` when a total or
 * a score is not finite: the caller's exact path then throws the `OVERFLOW` error naming it.
 */
export function scoresOfSums(
  compiled: CompiledModel,
  sums: Float64Array,
  customerCount: number,
): Float64Array | undefined {
  const behaviours = compiled.behaviourIds.length;
  const cap = compiled.cap;
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
