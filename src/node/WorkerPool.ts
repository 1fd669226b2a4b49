import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EventColumnsInput } from '../score/EventColumnsInput.js';
import type { Instant } from '../time/instant.js';

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
  /**
   * `scoreColumns` on the pool's threads: the very same numbers, resolved asynchronously. Calls
   * may overlap: they run one after another, in the order they were made.
   */
  scoreColumns(
    model: Model | CompiledModel,
    columns: EventColumnsInput,
    at: Instant,
    customerCount: number,
  ): Promise<Float64Array>;
  /**
   * Stops the threads; calls not yet settled reject with `POOL_CLOSED`, and so does every later
   * call. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}
