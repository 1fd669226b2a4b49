import { accumulateColumnsWasm } from '../src/score/kernel/accumulateColumnsWasm.js';
import { accumulateColumns } from '../src/score/kernel/columnKernel.js';
import { columnKernelBytes } from '../src/score/kernel/columnKernelWasm.js';

/** How many doubles lie between two non-negative doubles (0 when equal). */
export function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const difference = view.getBigInt64(0) - view.getBigInt64(8);
  return Number(difference < 0n ? -difference : difference);
}

/**
 * The kernel's factor `2^t` for each `t <= 0`: an exponential behaviour of half-life 1 and boost
 * 1, customer `i` has one event at `t[i]`, scored at time 0 (so `t = -elapsed / halfLife` exactly).
 * `strategy` picks the kernel's loop: 'plain' (the model has only that behaviour) or 'blocked' (the
 * model also has an unused linear behaviour, so the events go through the block lists); `kernel`
 * the JavaScript kernel or its WebAssembly twin.
 */
export function kernelPowers(
  t: Float64Array,
  strategy: 'plain' | 'blocked',
  kernel: 'js' | 'wasm' = 'js',
): Float64Array {
  const n = t.length;
  const blocked = strategy === 'blocked';
  const accumulator = new Float64Array(2 * n);
  const args = [
    blocked ? Uint8Array.of(1, 0) : Uint8Array.of(1),
    Float64Array.of(1, 1),
    Float64Array.of(Number.POSITIVE_INFINITY, 1),
    Float64Array.of(0, 1),
    Float64Array.of(1, 0),
    Int32Array.of(0, 0),
    1,
    Uint32Array.from({ length: n }, (_, i) => i),
    new Uint8Array(n),
    t,
    undefined,
    0,
    n,
    0,
  ] as const;
  const valid =
    kernel === 'js'
      ? accumulateColumns(...args, accumulator)
      : accumulateColumnsWasm(columnKernelBytes(), ...args, accumulator.length);
  if (valid instanceof Float64Array) accumulator.set(valid);
  else if (valid !== true) throw new Error('kernelPowers: the kernel rejected its columns');
  return Float64Array.from({ length: n }, (_, i) => accumulator[2 * i]!);
}
