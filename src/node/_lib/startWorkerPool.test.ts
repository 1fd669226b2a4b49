import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  poolModel as model,
  sameAsScoreColumns,
  seededColumns,
} from '../../../test/poolColumns.js';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { startWorkerPool, type WorkerPoolHooks } from './startWorkerPool.js';

/** Programs of threads that fail on their first task, each its own way. */
const FAULTY = {
  exits: "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
  throws:
    "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });",
  answersWithAnError:
    "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (task) => parentPort.postMessage({ id: task.id, error: 'Error: the kernel broke' }));",
} as const;

/**
 * Hooks that start the n-th thread with `faulty[n]` when given, the real program otherwise, and
 * record which they started.
 */
function threadsStarted(
  faulty: readonly (string | undefined)[] = [],
): WorkerPoolHooks & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    startThread(source) {
      const program = faulty[started.length] ?? source;
      started.push(program === source ? 'real' : 'faulty');
      return new Worker(program, { eval: true });
    },
  };
}

function rejection(result: PromiseSettledResult<Float64Array>): EngagekitError {
  expect(result.status).toBe('rejected');
  const error = (result as PromiseRejectedResult).reason;
  expect(error).toBeInstanceOf(EngagekitError);
  return error as EngagekitError;
}

function scores(result: PromiseSettledResult<Float64Array>): Float64Array {
  expect(result.status).toBe('fulfilled');
  return (result as PromiseFulfilledResult<Float64Array>).value;
}

const columns = seededColumns(50_000, 2000, 7);
const customers = 2000;

describe('startWorkerPool under faults', () => {
  it('rejects the call of a thread killed mid-call with WORKER_FAILED, replaces the thread, and scores the calls behind it', async () => {
    let kills = 1;
    const hooks = threadsStarted();
    const pool = startWorkerPool(3, 0, {
      ...hooks,
      onTask(thread, slot) {
        // Kill the second thread as soon as it has its first task.
        if (slot === 1 && kills-- > 0) void thread.terminate();
      },
    });
    // The calls behind have other customer counts, so other ranges: the other thread's task of
    // the failed call must be over before they start.
    const counts = [customers, 3000, 2500];
    const results = await Promise.allSettled(
      counts.map((count, call) => pool.scoreColumns(model, columns, 700 * call, count)),
    );
    const error = rejection(results[0]!);
    expect(error.code).toBe('WORKER_FAILED');
    expect(error.path).toEqual(['pool', 'workers', 1]);
    // terminate() makes the thread exit with code 1, or 0 when it had not started yet.
    expect(error.message).toMatch(
      /^createWorkerPool: worker thread 1 of the pool exited with code [01] while it scored this call; the call is abandoned and the thread replaced: call again$/,
    );
    expect(sameAsScoreColumns(scores(results[1]!), model, columns, 700, 3000)).toBe(true);
    expect(sameAsScoreColumns(scores(results[2]!), model, columns, 1400, 2500)).toBe(true);
    // Three threads, and one started in place of the killed one.
    expect(hooks.started).toEqual(['real', 'real', 'real', 'real']);
    await pool.close();
  });

  it('hands out no task of the next call while a thread still runs one of a failed call', async () => {
    // Thread 2 runs the real program, each task 200 ms late; thread 1 is killed on its first
    // task, so the first call fails while thread 2 still works on it.
    const delayed = (source: string) =>
      `{ const { parentPort } = require('node:worker_threads'); const on = parentPort.on.bind(parentPort);
        parentPort.on = (event, listener) => on(event, (task) => setTimeout(() => listener(task), 200)); }\n${source}`;
    const running = new Map<Worker, number>();
    const overlaps: string[] = [];
    let started = 0;
    let kills = 1;
    const pool = startWorkerPool(3, 0, {
      startThread(source) {
        const thread = new Worker(started++ === 2 ? delayed(source) : source, { eval: true });
        running.set(thread, 0);
        thread.on('message', () => running.set(thread, running.get(thread)! - 1));
        thread.on('exit', () => running.delete(thread));
        return thread;
      },
      onTask(thread, slot) {
        // A call's first task goes to slot 0: then no thread may still run a task.
        if (slot === 0 && [...running.values()].some((tasks) => tasks > 0)) {
          overlaps.push(`a call started while a thread still ran a task (${overlaps.length + 1})`);
        }
        running.set(thread, running.get(thread)! + 1);
        if (slot === 1 && kills-- > 0) void thread.terminate();
      },
    });
    const counts = [customers, 3000, 2500];
    const results = await Promise.allSettled(
      counts.map((count, call) => pool.scoreColumns(model, columns, 500 * call, count)),
    );
    expect(rejection(results[0]!).code).toBe('WORKER_FAILED');
    expect(sameAsScoreColumns(scores(results[1]!), model, columns, 500, 3000)).toBe(true);
    expect(sameAsScoreColumns(scores(results[2]!), model, columns, 1000, 2500)).toBe(true);
    expect(overlaps).toEqual([]);
    await pool.close();
  });

  it('rejects the call of a thread that exits on its own with WORKER_FAILED and the exit code', async () => {
    const hooks = threadsStarted([FAULTY.exits]);
    const pool = startWorkerPool(2, 0, hooks);
    const [first, second] = await Promise.allSettled([
      pool.scoreColumns(model, columns, 1000, customers),
      pool.scoreColumns(model, columns, 1100, customers),
    ]);
    const error = rejection(first!);
    expect(error.code).toBe('WORKER_FAILED');
    expect(error.message).toContain('worker thread 0 of the pool exited with code 3');
    expect(sameAsScoreColumns(scores(second!), model, columns, 1100, customers)).toBe(true);
    expect(hooks.started).toEqual(['faulty', 'real', 'real']);
    await pool.close();
  });

  it('rejects the call of a thread that throws with WORKER_FAILED and the error', async () => {
    const hooks = threadsStarted([FAULTY.throws]);
    const pool = startWorkerPool(2, 0, hooks);
    const first = await Promise.allSettled([pool.scoreColumns(model, columns, 1000, customers)]);
    const error = rejection(first[0]!);
    expect(error.code).toBe('WORKER_FAILED');
    expect(error.message).toContain('worker thread 0 of the pool failed (boom)');
    const second = await pool.scoreColumns(model, columns, 1000, customers);
    expect(sameAsScoreColumns(second, model, columns, 1000, customers)).toBe(true);
    await pool.close();
  });

  it('rejects the call of a thread that answers with an error, and replaces that thread', async () => {
    const hooks = threadsStarted([undefined, FAULTY.answersWithAnError]);
    const pool = startWorkerPool(2, 0, hooks);
    const first = await Promise.allSettled([pool.scoreColumns(model, columns, 1000, customers)]);
    const error = rejection(first[0]!);
    expect(error.code).toBe('WORKER_FAILED');
    expect(error.path).toEqual(['pool', 'workers', 1]);
    expect(error.message).toContain('threw (Error: the kernel broke) while it scored this call');
    const second = await pool.scoreColumns(model, columns, 500, customers);
    expect(sameAsScoreColumns(second, model, columns, 500, customers)).toBe(true);
    expect(hooks.started).toEqual(['real', 'faulty', 'real']);
    await pool.close();
  });

  it('rejects nothing when an idle thread dies, and starts another on the next call', async () => {
    const threads: Worker[] = [];
    const hooks = threadsStarted();
    const pool = startWorkerPool(2, 0, {
      ...hooks,
      onTask: (thread) => {
        if (!threads.includes(thread)) threads.push(thread);
      },
    });
    const first = await pool.scoreColumns(model, columns, 800, customers);
    expect(sameAsScoreColumns(first, model, columns, 800, customers)).toBe(true);
    await threads[0]!.terminate();
    const second = await pool.scoreColumns(model, columns, 900, customers);
    expect(sameAsScoreColumns(second, model, columns, 900, customers)).toBe(true);
    expect(hooks.started).toEqual(['real', 'real', 'real']);
    await pool.close();
  });

  it('settles every one of 50 overlapping calls while threads are killed now and then', async () => {
    let task = 0;
    const pool = startWorkerPool(3, 0, {
      onTask(thread) {
        // Every 17th task handed out: its thread is killed at once.
        if (++task % 17 === 0) void thread.terminate();
      },
    });
    const instants = Array.from({ length: 50 }, (_, call) => 40 * call);
    const results = await Promise.allSettled(
      instants.map((at) => pool.scoreColumns(model, columns, at, customers)),
    );
    let failed = 0;
    results.forEach((result, call) => {
      if (result.status === 'rejected') {
        failed++;
        expect(rejection(result).code).toBe('WORKER_FAILED');
      } else {
        expect(sameAsScoreColumns(result.value, model, columns, instants[call]!, customers)).toBe(
          true,
        );
      }
    });
    // 3 tasks a call; a killed task fails its call, and the next call is handed out at once.
    expect(failed).toBeGreaterThanOrEqual(5);
    expect(failed).toBeLessThan(50);
    await pool.close();
  });

  it('falls back to the JavaScript kernel in threads without WebAssembly, with the same scores call after call', async () => {
    const pool = startWorkerPool(3, 0, {
      startThread: (source) =>
        new Worker(`delete globalThis.WebAssembly;\n${source}`, { eval: true }),
    });
    // Two calls: the second must not add onto what the first left in the shared accumulators.
    for (const at of [600, 1300]) {
      const result = await pool.scoreColumns(model, columns, at, customers);
      expect(sameAsScoreColumns(result, model, columns, at, customers)).toBe(true);
    }
    await pool.close();
  });

  it('rejects with POOL_CLOSED, not WORKER_FAILED, when closing stops the threads mid-call', async () => {
    const pool = startWorkerPool(2, 0);
    const results = await Promise.allSettled([
      pool.scoreColumns(model, columns, 0, customers),
      pool.close().then(() => new Float64Array(0)),
    ]);
    expect(rejection(results[0]!).code).toBe('POOL_CLOSED');
  });
});
