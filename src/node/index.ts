// Node.js-only scoring on worker threads (the engagekit/node subpath).
export type { WorkerPool, WorkerPoolOptions } from './createWorkerPool.js';
export { createWorkerPool } from './createWorkerPool.js';
export { scoreColumnsParallel } from './scoreColumnsParallel.js';
