/// <reference types="node" />
import { Worker } from 'node:worker_threads';
import * as z from 'zod';
import { EngagekitError } from '../errors/EngagekitError.js';
import { parseWith } from '../errors/zodIssues.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EventColumnsInput } from '../score/EventColumnsInput.js';
import { accumulateColumnsWasm } from '../score/kernel/accumulateColumnsWasm.js';
import {
  checkColumns,
  checkColumnTypes,
  checkCustomerCount,
  compiledOf,
  finishScores,
} from '../score/kernel/checkColumns.js';
import { accumulateColumns } from '../score/kernel/columnKernel.js';
import { COLUMN_KERNEL_WASM } from '../score/kernel/columnKernelWasm.js';
import { scoreColumns } from '../score/scoreColumns.js';
import { type Instant, readInstant } from '../time/instant.js';

/**
 * Options of {@link createWorkerPool}.
 *
 * @category Node
 */
export interface WorkerPoolOptions {
  /** How many worker threads (default 2). */
  readonly workers?: number;
  /**
   * Inputs with fewer events are scored on the calling thread, where handing work to threads
   * costs more than it saves (default 1 000 000).
   */
  readonly minEvents?: number;
}

/**
 * Worker threads that score event columns in parallel; from {@link createWorkerPool}.
 *
 * @category Node
 */
export interface WorkerPool {
  /** How many worker threads the pool runs. */
  readonly size: number;
  /** `scoreColumns` on the pool's threads: the same numbers, resolved asynchronously. */
  scoreColumns(
    model: Model | CompiledModel,
    columns: EventColumnsInput,
    at: Instant,
    customerCount: number,
  ): Promise<Float64Array>;
  /** Stops the threads; the pool cannot be used afterwards. */
  close(): Promise<void>;
}

const workerPoolOptionsSchema = z.strictObject({
  workers: z
    .number()
    .int({ error: 'must be a whole number of threads' })
    .min(1, { error: 'must be at least 1' })
    .max(256, { error: 'must be at most 256' })
    .optional(),
  minEvents: z.number().min(0, { error: 'must not be negative' }).optional(),
});

interface Job {
  /** Resolves with whether the worker found every entry of its range valid. */
  readonly resolve: (valid: boolean) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The worker's program: the kernels' own source, fed by messages of shared typed arrays. Each
 * worker keeps one WebAssembly instance and its memory for all its jobs, and falls back to the
 * JavaScript kernel where WebAssembly is unavailable.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const accumulateColumns = ${accumulateColumns.toString()};
const accumulateColumnsWasm = ${accumulateColumnsWasm.toString()};
const wasmBytes = new Uint8Array(Buffer.from('${COLUMN_KERNEL_WASM}', 'base64'));
const cache = {};
const view = (Type, part) => part === undefined ? undefined : new Type(part.buffer, part.byteOffset, part.length);
parentPort.on('message', (job) => {
  try {
    const input = [job.kind, job.boost, job.end, job.span, job.halfLife, job.slot,
      job.slotsPerCustomer, view(Uint32Array, job.customer), view(job.behaviourWide ? Uint16Array : Uint8Array, job.behaviour),
      view(Float64Array, job.at), view(Float64Array, job.weight), job.from, job.to, job.time];
    const accumulator = new Float64Array(job.accumulator);
    let valid = accumulateColumnsWasm(wasmBytes, ...input, accumulator.length, cache);
    if (valid === undefined) valid = accumulateColumns(...input, accumulator);
    else if (valid !== false) {
      accumulator.set(valid);
      valid = true;
    }
    parentPort.postMessage(valid);
  } catch (error) {
    parentPort.postMessage(String(error && error.stack || error));
  }
});
`;

function sharedPart(array: Uint32Array | Uint8Array | Uint16Array | Float64Array): {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
} {
  if (array.buffer instanceof SharedArrayBuffer) {
    return { buffer: array.buffer, byteOffset: array.byteOffset, length: array.length };
  }
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return { buffer, byteOffset: 0, length: array.length };
}

/**
 * Starts worker threads that score event columns in parallel, sharing the columns through
 * `SharedArrayBuffer` (Node.js only: `engagekit/node`).
 *
 * @remarks
 * `pool.scoreColumns` checks the column types on the calling thread, splits the events into one
 * contiguous range per worker, and each worker runs the same kernel as `scoreColumns` (on
 * WebAssembly, keeping one instance and its memory for all its jobs; it checks the entries as it
 * scores them; a bad entry throws as in `scoreColumns`) into its own compensated accumulators
 * (16 bytes per customer and accumulator slot, twice while the job runs); the calling thread then
 * adds the workers' accumulators, applies the caps and returns the scores, equal to
 * `scoreColumns` up to a few ulps. Columns already on a `SharedArrayBuffer` are shared without a
 * copy; others are copied once per call. Inputs below `minEvents` are scored on the calling
 * thread. Threads are kept referenced only while a job runs, so an idle pool does not keep the
 * process alive; `close()` stops them.
 *
 * @param options - Number of workers and the size below which scoring stays on the calling thread.
 * @returns The pool.
 * @throws `EngagekitError` `INVALID_OPTION` for a bad `workers` or `minEvents`.
 *
 * @example
 * ```ts
 * import { defineModel, linear } from 'engagekit';
 * import { createWorkerPool } from 'engagekit/node';
 *
 * const model = defineModel({ behaviours: { click: { boost: 10, decay: linear(100) } } });
 * const pool = createWorkerPool({ workers: 2, minEvents: 0 });
 * const columns = {
 *   customer: Uint32Array.of(0, 1, 1),
 *   behaviour: Uint8Array.of(0, 0, 0),
 *   at: Float64Array.of(0, 50, 100),
 * };
 * Array.from(await pool.scoreColumns(model, columns, 50, 2)); // => [5, 10]
 * await pool.close();
 * ```
 * @category Node
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const parsed = parseWith(workerPoolOptionsSchema, options, {
    fn: 'createWorkerPool',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const size = parsed.workers ?? 2;
  const minEvents = parsed.minEvents ?? 1_000_000;
  const workers: Worker[] = [];
  const pending = new Map<Worker, Job>();
  let closed = false;
  const worker = (index: number): Worker => {
    let thread = workers[index];
    if (thread === undefined) {
      const created = new Worker(WORKER_SOURCE, { eval: true });
      created.unref();
      created.on('message', (message: string | boolean) => {
        const job = pending.get(created);
        pending.delete(created);
        created.unref();
        if (job === undefined) return;
        if (typeof message === 'boolean') job.resolve(message);
        else job.reject(new Error(`engagekit worker failed: ${message}`));
      });
      created.on('error', (error) => {
        const job = pending.get(created);
        pending.delete(created);
        job?.reject(error);
      });
      workers[index] = created;
      thread = created;
    }
    return thread;
  };
  return {
    size,
    async scoreColumns(model, columns, at, customerCount) {
      if (closed) {
        throw new EngagekitError(
          'INVALID_OPTION',
          'createWorkerPool: the pool is closed; create a new one',
          ['pool'],
        );
      }
      const compiled = compiledOf(model);
      if (!(columns?.customer?.length >= minEvents)) {
        return scoreColumns(compiled, columns, at, customerCount);
      }
      const time = readInstant(at, { fn: 'scoreColumns', path: ['at'] });
      const customers = checkCustomerCount('scoreColumns', customerCount);
      const length = checkColumnTypes('scoreColumns', columns);
      const pairs = 2 * customers * compiled.slotsPerCustomer;
      const customer = sharedPart(columns.customer);
      const behaviour = sharedPart(columns.behaviour);
      const eventTimes = sharedPart(columns.at);
      const weight = columns.weight === undefined ? undefined : sharedPart(columns.weight);
      const accumulators: Float64Array[] = [];
      const jobs: Promise<boolean>[] = [];
      for (let w = 0; w < size; w++) {
        const accumulator = new SharedArrayBuffer(8 * pairs);
        accumulators.push(new Float64Array(accumulator));
        const thread = worker(w);
        jobs.push(
          new Promise<boolean>((resolve, reject) => {
            pending.set(thread, { resolve, reject });
            thread.ref();
            thread.postMessage({
              kind: compiled.kind,
              boost: compiled.boost,
              end: compiled.end,
              span: compiled.span,
              halfLife: compiled.halfLife,
              slot: compiled.slot,
              slotsPerCustomer: compiled.slotsPerCustomer,
              customer,
              behaviour,
              behaviourWide: columns.behaviour instanceof Uint16Array,
              at: eventTimes,
              weight,
              from: Math.floor((length * w) / size),
              to: Math.floor((length * (w + 1)) / size),
              time,
              accumulator,
            });
          }),
        );
      }
      const valid = await Promise.all(jobs);
      if (valid.includes(false)) {
        // A worker stopped at a bad entry; checkColumns throws the error that names the first one.
        checkColumns('scoreColumns', compiled, columns, customers);
        throw new Error('scoreColumns: internal error, the column kernel rejected valid columns');
      }
      return finishScores(compiled, accumulators, customers);
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((thread) => thread.terminate()));
    },
  };
}
