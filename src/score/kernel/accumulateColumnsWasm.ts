/** The parts of the WebAssembly JavaScript API the kernel uses (the core build has no DOM types). */
interface WasmApi {
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (
    module: object,
    imports: object,
  ) => { readonly exports: Record<string, unknown> };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * A module instance and its memory kept between calls by a long-lived caller (a worker thread of
 * `createWorkerPool`), so that later calls neither compile nor map fresh memory.
 */
export interface WasmKernelCache {
  memory?: WasmMemory;
  exports?: Record<string, unknown>;
}

/** An export of columnKernelWat.ts (`blocked8`, `blocked16`, `plain8`, `plain16`): numbers in, 1 or 0 out. */
type KernelExport = (...args: number[]) => number;

/**
 * The column kernel on WebAssembly: the same contract and the very same doubles as
 * `accumulateColumns` (columnKernel.ts) in its blocked strategy, 1.4 to 2 times as fast on the
 * benchmark workload. `bytes` is the kernel module (`columnKernelBytes()`, from
 * columnKernelWat.ts).
 *
 * It copies the events `[from, to)` into the module's memory in chunks of up to 16,384 (13 bytes
 * per event, 21 with weights: at most 352 kB, so that a chunk is still in the cache when it is read) and scores each chunk there into
 * `accumulatorLength` numbers of accumulators that start at zero. Returns them (a view on the
 * module's memory: what `accumulateColumns` would have put into a zeroed array of that length),
 * `false` at the first invalid entry (as `accumulateColumns`), or `undefined`, having done
 * nothing, when WebAssembly is not available (no `WebAssembly` global, or a runtime that refuses
 * to compile code, as some edge runtimes and content security policies do) or the memory would
 * exceed 1.5 GB: then the caller runs `accumulateColumns` instead. With a `cache`, it keeps the
 * instance and its memory there and reuses them on later calls (growing the memory when needed
 * and zeroing the accumulators): the returned view then lasts until the next call.
 *
 * With `first` and `customerCount`, `accumulatorLength` numbers hold the accumulators of the
 * customers from `first` on only, as in `accumulateColumns`: customers up to `customerCount` are
 * valid, and the events of those outside the range are skipped.
 *
 * It references nothing outside its own body: `src/node` ships its source to worker threads with
 * `Function.prototype.toString`.
 */
export function accumulateColumnsWasm(
  bytes: Uint8Array,
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
  accumulatorLength: number,
  cache?: WasmKernelCache,
  first = 0,
  customerCount = first + accumulatorLength / (2 * slotsPerCustomer),
): Float64Array | false | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const count = kind.length;
  const pairs = 2 * slotsPerCustomer;
  const chunk = Math.max(8, Math.ceil(Math.min(16384, to - from) / 8) * 8);
  // Byte offsets: the exp2 table, the behaviours' constants (K) and pair offsets (P), the two
  // lists (L), the chunk's columns (C, B, A, W) and the accumulators (ACC).
  const K = 9728;
  const P = K + 64 * count;
  const L = (P + 4 * count + 63) & ~63;
  const C = L + 8192;
  const B = C + 4 * chunk;
  const A = B + 2 * chunk;
  const W = A + 8 * chunk;
  const ACC = W + (weight === undefined ? 0 : 8 * chunk);
  const total = ACC + 8 * accumulatorLength;
  if (wasm === undefined || total > 1.5 * 2 ** 30) return undefined;
  const pages = Math.ceil(total / 65536);
  let memory: WasmMemory;
  let exports: Record<string, unknown>;
  try {
    if (cache?.memory !== undefined && cache.exports !== undefined) {
      memory = cache.memory;
      exports = cache.exports;
      const missing = pages - memory.buffer.byteLength / 65536;
      if (missing > 0) memory.grow(missing);
      new Float64Array(memory.buffer, ACC, accumulatorLength).fill(0);
    } else {
      memory = new wasm.Memory({ initial: pages });
      exports = new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports;
      if (cache !== undefined) {
        cache.memory = memory;
        cache.exports = exports;
      }
    }
  } catch {
    return undefined;
  }
  const bits = behaviour instanceof Uint16Array ? 16 : 8;
  const blocked = exports[`blocked${bits}`] as KernelExport;
  const plain = exports[`plain${bits}`] as KernelExport;
  const f64 = new Float64Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  // The exp2 table of accumulateColumns: 2^(j / 128), then 2^-j (exact) down to 2^-1075 = 0.
  for (let j = 0; j < 128; j++) f64[j] = 2 ** (j / 128);
  f64[128] = 1;
  for (let j = 1; j < 1076; j++) f64[128 + j] = f64[127 + j]! * 0.5;
  for (let b = 0; b < count; b++) {
    const k = K / 8 + 8 * b;
    f64[k] = end[b]!;
    f64[k + 1] = halfLife[b]!;
    f64[k + 2] = boost[b]!;
    f64[k + 3] = kind[b] === 0 ? span[b]! : 0;
    f64[k + 5] = kind[b] === 1 ? end[b]! : -1;
    f64[k + 6] = kind[b] === 1 ? -1 : end[b]!;
    i32[P / 4 + b] = 2 * slot[b]!;
  }
  const own = accumulatorLength / pairs;
  const touch = accumulatorLength > 262144 ? 1 : 0; // 2 MB, as accumulateColumns
  // The strategy accumulateColumns takes: one plain pass when every behaviour has the same kind
  // of decay and never ends, and the accumulators fit the cache.
  let uniform = touch === 0;
  for (let b = 0; b < count; b++) {
    if (kind[b] !== kind[0] || end[b] !== Number.POSITIVE_INFINITY) uniform = false;
  }
  const weighted = weight === undefined ? 0 : 1;
  const customerPart = new Uint32Array(memory.buffer, C, chunk);
  const behaviourPart =
    behaviour instanceof Uint16Array
      ? new Uint16Array(memory.buffer, B, chunk)
      : new Uint8Array(memory.buffer, B, chunk);
  const atPart = new Float64Array(memory.buffer, A, chunk);
  const weightPart = weight === undefined ? undefined : new Float64Array(memory.buffer, W, chunk);
  for (let start = from; start < to; start += chunk) {
    const stop = Math.min(to, start + chunk);
    customerPart.set(customer.subarray(start, stop));
    behaviourPart.set(behaviour.subarray(start, stop));
    atPart.set(at.subarray(start, stop));
    if (weight !== undefined) weightPart?.set(weight.subarray(start, stop));
    const n = stop - start;
    const valid = uniform
      ? plain(
          n,
          time,
          customerCount,
          count,
          pairs,
          weighted,
          kind[0] === 1 ? 1 : 0,
          K,
          P,
          C,
          B,
          A,
          W,
          ACC,
          first,
          own,
        )
      : blocked(
          n,
          time,
          customerCount,
          count,
          pairs,
          weighted,
          touch,
          K,
          P,
          L,
          C,
          B,
          A,
          W,
          ACC,
          first,
          own,
        );
    if (valid === 0) return false;
  }
  return new Float64Array(memory.buffer, ACC, accumulatorLength);
}
