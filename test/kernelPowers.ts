import { accumulateColumns } from '../src/_internal/columnKernel.js';

/** How many doubles lie between two non-negative doubles (0 when equal). */
export function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const difference = view.getBigInt64(0) - view.getBigInt64(8);
  return Number(difference < 0n ? -difference : difference);
}

/**
 * The kernel's factor `2^t` for each `t <= 0`: one exponential behaviour of half-life 1 and boost
 * 1, customer `i` has one event at `t[i]`, scored at time 0 (so `t = -elapsed / halfLife` exactly).
 */
export function kernelPowers(t: Float64Array): Float64Array {
  const n = t.length;
  const accumulator = new Float64Array(2 * n);
  const valid = accumulateColumns(
    Uint8Array.of(1),
    Float64Array.of(1),
    Float64Array.of(Number.POSITIVE_INFINITY),
    Float64Array.of(0),
    Float64Array.of(1),
    Int32Array.of(0),
    1,
    Uint32Array.from({ length: n }, (_, i) => i),
    new Uint8Array(n),
    t,
    undefined,
    0,
    n,
    0,
    accumulator,
  );
  if (!valid) throw new Error('kernelPowers: the kernel rejected its columns');
  return Float64Array.from({ length: n }, (_, i) => accumulator[2 * i]!);
}
