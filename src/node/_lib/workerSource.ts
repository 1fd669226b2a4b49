import { accumulateColumnsWasm } from '../../score/kernel/accumulateColumnsWasm.js';
import { accumulateColumns } from '../../score/kernel/columnKernel.js';
import { COLUMN_KERNEL_WASM } from '../../score/kernel/columnKernelWasm.js';

/**
 * The program of a worker thread, as source text for `new Worker(source, { eval: true })`: the
 * kernels' own source (`Function.prototype.toString`: they reference nothing outside their
 * bodies) and the WebAssembly module, so that the pool needs no file of its own besides the
 * library's bundle and works from `dist/` under ESM and CommonJS alike.
 *
 * Each message is a task `{ id, ...the model's constants, the columns as shared parts, time,
 * first, own, customers, accumulator }`: score the customers `[first, first + own)` of all the
 * events into their pairs of the shared `accumulator` (the pool's `SharedArrayBuffer`; no other
 * thread writes these pairs meanwhile), overwriting what an earlier call left there. The thread
 * keeps one WebAssembly instance and its memory (sized for its largest range so far) for all its
 * tasks, and falls back to the JavaScript kernel, which zeroes the thread's pairs and adds into
 * them directly, where WebAssembly is unavailable.
 * It replies `{ id, valid }` (`valid` false at an invalid entry) or `{ id, error }` when
 * something threw.
 */
export function workerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
const accumulateColumns = ${accumulateColumns.toString()};
const accumulateColumnsWasm = ${accumulateColumnsWasm.toString()};
const wasmBytes = new Uint8Array(Buffer.from('${COLUMN_KERNEL_WASM}', 'hex'));
const cache = {};
const view = (Type, part) => part === undefined ? undefined : new Type(part.buffer, part.byteOffset, part.length);
parentPort.on('message', (task) => {
  let reply;
  try {
    const input = [task.kind, task.boost, task.end, task.span, task.halfLife, task.slot,
      task.slotsPerCustomer, view(Uint32Array, task.customer),
      view(task.behaviourWide ? Uint16Array : Uint8Array, task.behaviour),
      view(Float64Array, task.at), view(Float64Array, task.weight), 0, task.length, task.time];
    const pairs = 2 * task.slotsPerCustomer;
    const accumulator = new Float64Array(task.accumulator, 8 * pairs * task.first, pairs * task.own);
    let valid = accumulateColumnsWasm(wasmBytes, ...input, accumulator.length, cache, task.first, task.customers);
    if (valid === undefined) {
      accumulator.fill(0);
      valid = accumulateColumns(...input, accumulator, task.first, task.customers);
    }
    else if (valid !== false) {
      accumulator.set(valid);
      valid = true;
    }
    reply = { id: task.id, valid };
  } catch (error) {
    reply = { id: task.id, error: String((error && error.stack) || error) };
  }
  parentPort.postMessage(reply);
});
`;
}
