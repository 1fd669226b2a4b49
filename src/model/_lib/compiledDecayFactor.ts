import type { CompiledModel } from '../compileModel.js';

/**
 * The share of a boost of behaviour `b` left after `elapsed` milliseconds, from the compiled
 * model's numbers: the very double `decayFactor` gives on the behaviour's decay (the same
 * comparisons and the same operations on the same numbers), without reading the decay's object,
 * for loops over many events.
 */
export function compiledDecayFactor(compiled: CompiledModel, b: number, elapsed: number): number {
  const code = compiled.kind[b];
  if (code === 0) {
    if (elapsed <= compiled.grace[b]!) return 1;
    const end = compiled.end[b]!;
    return elapsed >= end ? 0 : (end - elapsed) / compiled.span[b]!;
  }
  if (code === 1) {
    if (elapsed >= compiled.end[b]!) return 0;
    // below -1075, 2 ** exponent rounds to 0 (half the least subnormal rounds to even): no call
    const exponent = -elapsed / compiled.halfLife[b]!;
    return exponent < -1076 ? 0 : 2 ** exponent;
  }
  if (code === 2) return elapsed < compiled.end[b]! ? 1 : 0;
  return 1;
}
