/// <reference types="node" />
import * as z from 'zod/mini';
import { toEngagekitError } from '../errors/zodIssues.js';
import { startWorkerPool } from './_lib/startWorkerPool.js';
import type { WorkerPool, WorkerPoolOptions } from './WorkerPool.js';

function buildOptionsSchema() {
  return z.strictObject({
    workers: z.optional(
      z
        .int({ error: 'must be a whole number of threads' })
        .check(
          z.minimum(1, { error: 'must be at least 1' }),
          z.maximum(256, { error: 'must be at most 256' }),
        ),
    ),
    minEvents: z.optional(z.number().check(z.minimum(0, { error: 'must not be negative' }))),
  });
}

/** The schema of {@link WorkerPoolOptions}, built on first use (zod/mini). */
let optionsSchema: ReturnType<typeof buildOptionsSchema> | undefined;

/**
 * Starts worker threads that score event columns in parallel, sharing the columns and the
 * accumulators through `SharedArrayBuffer` (Node.js only: `engagekit/node`).
 *
 * @remarks
 * `pool.scoreColumns` checks the column types on the calling thread and queues the call: calls
 * may overlap, and run one after another in the order they were made, each settling exactly
 * once. A call splits the customers into one contiguous range per worker (from multiples of 8
 * customers); each worker runs the kernel of `scoreColumns` over all the events (on
 * WebAssembly, keeping one instance and its memory between calls), checks every entry, skips the
 * events of other customers and adds those of its own into its range of the call's shared
 * accumulators. Each customer's accumulators thus receive the very additions of `scoreColumns`
 * in the same order: the scores are bit for bit those of `scoreColumns`. A bad entry rejects the
 * call with the `INVALID_COLUMNS` error `scoreColumns` throws. Memory: one set of shared
 * accumulators per running call (16 bytes per customer and accumulator slot, whatever the
 * number of workers) plus the 8-byte result per customer; each worker's WebAssembly memory holds
 * its range's accumulators (so all of them together, one set) and stays between calls. Columns
 * already on a `SharedArrayBuffer` are shared without a copy; others are copied once, when the
 * call is made (13 bytes per event, 21 with weights). The work is split by customers, not
 * events: every worker reads every event, and a customer range with many more events than the
 * others takes longer. Inputs below `minEvents` events are scored on the calling thread.
 *
 * A model with scoring rules (frequency caps, resets, groups, bounds; see `hasRules`) is scored by
 * `scoreColumns` on the calling thread, with the same numbers: which events a frequency cap lets
 * count and what a reset discards depend on each customer's whole history in canonical order,
 * which the workers' split by customer ranges over unsorted columns does not give them, so the
 * pool does not send those models to the workers.
 *
 * Faults: a worker thread that throws, exits or is killed while it scores a call rejects that
 * call with `WORKER_FAILED` and is replaced by a new thread on the next call; `close()` rejects
 * every call not yet settled with `POOL_CLOSED`, as it does later calls. Threads are referenced
 * only while they work, so an idle pool does not keep the process alive.
 *
 * @param options - Number of workers and the size below which scoring stays on the calling thread.
 * @returns The pool.
 * @throws `EngagekitError` `INVALID_OPTION` for a bad `workers` or `minEvents`; the pool's
 * `scoreColumns` rejects as `scoreColumns` throws, with `WORKER_FAILED` when a thread dies
 * during the call, and with `POOL_CLOSED` once the pool is closed.
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
 * const [first, second] = await Promise.all([
 *   pool.scoreColumns(model, columns, 50, 2),
 *   pool.scoreColumns(model, columns, 100, 2),
 * ]);
 * Array.from(first); // => [5, 10]
 * Array.from(second); // => [0, 15]
 * await pool.close();
 * ```
 * @category Node
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  optionsSchema ??= buildOptionsSchema();
  const parsed = optionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) {
    throw toEngagekitError(parsed.error, {
      fn: 'createWorkerPool',
      code: 'INVALID_OPTION',
      path: ['options'],
    });
  }
  return startWorkerPool(parsed.data.workers ?? 2, parsed.data.minEvents ?? 1_000_000);
}
