import type { CompiledModel } from '../../model/compileModel.js';
import type { WasmKernelCache } from './accumulateColumnsWasm.js';

/**
 * The most WebAssembly memory a compiled model keeps for its later `scoreColumns` calls: 64 MiB,
 * the accumulators of 4M customers without capped behaviours (16 bytes a customer and slot). A
 * call that needs more still runs on WebAssembly, in memory let go of when it returns (WebAssembly
 * memory cannot shrink).
 */
export const KEPT_KERNEL_BYTES = 64 * 2 ** 20;

/**
 * Each compiled model's kernel instance and memory, kept between `scoreColumns` calls: a fresh
 * module memory is mapped and faulted in page by page on every call otherwise (about 5 ms at 100k
 * customers, a third of the pass, on the benchmark's machine). Keyed weakly: a compiled model no
 * longer used takes its kernel with it, and a model passed uncompiled (compiled anew on every
 * call) keeps nothing. What is kept never changes a result: the accumulators are zeroed on every
 * call.
 */
export const keptKernels = new WeakMap<CompiledModel, WasmKernelCache>();
