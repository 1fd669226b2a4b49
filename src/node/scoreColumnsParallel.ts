import { EngagekitError } from '../errors/EngagekitError.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EventColumnsInput } from '../score/EventColumnsInput.js';
import type { Instant } from '../time/instant.js';
import { createWorkerPool } from './createWorkerPool.js';
import type { WorkerPoolOptions } from './WorkerPool.js';

/**
 * `scoreColumns` on worker threads, once: starts a {@link createWorkerPool} pool, scores,
 * and stops it (Node.js only: `engagekit/node`).
 *
 * @remarks
 * Starting threads costs tens of milliseconds, so this pays off only for large inputs (by
 * default 1 000 000 events or more, below which it scores on the calling thread); to score
 * repeatedly, keep a pool from {@link createWorkerPool}. Allocate the columns on a
 * `SharedArrayBuffer` to share them with the threads without a copy.
 *
 * @param model - The model, or its compiled form.
 * @param columns - The events as columns.
 * @param at - The instant to score at.
 * @param customerCount - How many customers.
 * @param options - Number of workers and the size below which scoring stays on this thread.
 * @returns The score of each customer, bit for bit as `scoreColumns` gives it.
 * @throws `EngagekitError` as `scoreColumns` (each message starting with `scoreColumnsParallel:`);
 * `INVALID_OPTION` for bad options; `WORKER_FAILED`
 * when a worker thread dies while it scores.
 *
 * @example
 * ```ts
 * import { defineModel, step } from 'engagekit';
 * import { scoreColumnsParallel } from 'engagekit/node';
 *
 * const model = defineModel({ behaviours: { survey: { boost: 15, decay: step(30) } } });
 * const columns = { customer: Uint32Array.of(0, 0), behaviour: Uint8Array.of(0, 0), at: Float64Array.of(0, 10) };
 * Array.from(await scoreColumnsParallel(model, columns, 20, 1, { minEvents: 0 })); // => [30]
 * ```
 * @category Node
 */
export async function scoreColumnsParallel(
  model: Model | CompiledModel,
  columns: EventColumnsInput,
  at: Instant,
  customerCount: number,
  options: WorkerPoolOptions = {},
): Promise<Float64Array> {
  try {
    const pool = createWorkerPool(options);
    try {
      return await pool.scoreColumns(model, columns, at, customerCount);
    } finally {
      await pool.close();
    }
  } catch (error) {
    throw error instanceof EngagekitError ? named(error) : error;
  }
}

/** The pool's error as this function's: every message starts with `scoreColumnsParallel: `. */
function named(error: EngagekitError): EngagekitError {
  const rename = (message: string): string =>
    message.replace(/^(scoreColumns|createWorkerPool): /, 'scoreColumnsParallel: ');
  const renamed = new EngagekitError(
    error.code,
    rename(error.message),
    error.path,
    error.issues.map((issue) => ({ path: issue.path, message: rename(issue.message) })),
  );
  if (error.cause !== undefined) renamed.cause = error.cause;
  return renamed;
}
