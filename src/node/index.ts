export type { WorkerPool, WorkerPoolOptions } from './createWorkerPool.js';
export { createWorkerPool } from './createWorkerPool.js';
export { scoreColumnsParallel } from './scoreColumnsParallel.js';
