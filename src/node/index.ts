// Node.js-only scoring on worker threads (the engagekit/node subpath).
export { createWorkerPool } from './createWorkerPool.js';
export { scoreColumnsParallel } from './scoreColumnsParallel.js';
export type { WorkerPool, WorkerPoolOptions } from './WorkerPool.js';
