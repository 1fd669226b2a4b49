import { Worker } from 'node:worker_threads';
import { EngagekitError } from '../../errors/EngagekitError.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumnsInput } from '../../score/EventColumnsInput.js';
import {
  checkColumns,
  checkColumnTypes,
  checkCustomerCount,
  compiledOf,
  finishScores,
} from '../../score/kernel/checkColumns.js';
import { scoreColumns } from '../../score/scoreColumns.js';
import { readInstant } from '../../time/instant.js';
import type { WorkerPool } from '../WorkerPool.js';
import { customerRanges } from './customerRanges.js';
import { type SharedPart, sharedPart } from './sharedPart.js';
import { workerSource } from './workerSource.js';

/** Ways into a pool for the tests that inject faults; `createWorkerPool` passes none. */
export interface WorkerPoolHooks {
  /** Starts a thread from the pool's program (a test may start one that fails instead). */
  readonly startThread?: (source: string) => Worker;
  /** Called once a task has been posted to the thread of `slot` (a test may kill it there). */
  readonly onTask?: (thread: Worker, slot: number) => void;
}

/** One `scoreColumns` call: what its tasks share, and its state until it is done. */
interface Call {
  readonly compiled: CompiledModel;
  /** The columns the threads read (the caller's, or the copies made when the call was made). */
  readonly columns: EventColumnsInput;
  readonly customers: number;
  /** The part of every task's message that is the same for all of them. */
  readonly message: Readonly<Record<string, unknown>>;
  readonly resolve: (scores: Float64Array) => void;
  readonly reject: (error: unknown) => void;
  /** Whether its promise is settled (it may still have tasks running, whose replies are moot). */
  settled: boolean;
  /** Tasks handed to a thread and neither answered nor lost with their thread. */
  outstanding: number;
  /** Whether every answered task found its entries valid. */
  valid: boolean;
}

interface Task {
  readonly id: number;
  readonly call: Call;
}

/** A place for one thread: the thread (started when first needed) and the task it runs. */
interface Slot {
  thread: Worker | undefined;
  task: Task | undefined;
}

type Reply = { readonly id: number } & ({ readonly valid: boolean } | { readonly error: string });

/** A column of a call, as a typed array on its shared part. */
function viewOf<T>(
  Type: new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => T,
  part: SharedPart,
): T {
  return new Type(part.buffer, part.byteOffset, part.length);
}

/**
 * The pool of {@link createWorkerPool}, once its options are read: `size` slots of threads, a
 * queue of calls and one set of shared accumulators.
 *
 * A call is checked and its columns shared when it is made; calls then run one at a time in the
 * order they were made, each split into one task per slot, a range of customers
 * ({@link customerRanges}) scored over all the events into the pool's shared accumulators (one
 * `SharedArrayBuffer`, reused by every call and replaced only when a call needs more than it has
 * or less than a quarter of it: a buffer per call would stay alive in idle threads until they
 * collect garbage, which they seldom do). A thread runs one task at a time; a task is keyed by an
 * id, so a reply that is not the one its slot waits for is ignored. A call settles exactly once:
 * with its scores when every task has answered; with the `INVALID_COLUMNS` error of
 * `checkColumns` when a task met an invalid entry; with `WORKER_FAILED` as soon as a thread
 * throws, exits or sends an unreadable message while it runs one of its tasks (the slot is
 * emptied and gets a new thread when next needed); with `POOL_CLOSED` when the pool is closed
 * first. The next call starts only once every task of the previous one has answered or been lost
 * with its thread, so that no thread still writes into the accumulators it hands out. Threads are
 * referenced only while they run a task, so an idle pool does not keep the process alive.
 */
export function startWorkerPool(
  size: number,
  minEvents: number,
  hooks: WorkerPoolHooks = {},
): WorkerPool {
  const slots: Slot[] = Array.from({ length: size }, () => ({
    thread: undefined,
    task: undefined,
  }));
  const queue: Call[] = [];
  /** The call whose tasks the threads run, until every one is answered or lost. */
  let active: Call | undefined;
  let accumulator: SharedArrayBuffer | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let lastId = 0;
  let source: string | undefined;

  const fail = (call: Call, error: unknown): void => {
    if (call.settled) return;
    call.settled = true;
    call.reject(error);
  };

  /** Settles a call whose tasks have all answered. */
  const finish = (call: Call): void => {
    if (call.settled) return;
    call.settled = true;
    if (!call.valid) {
      try {
        // A thread stopped at a bad entry; checkColumns throws the error that names the first.
        checkColumns('scoreColumns', call.compiled, call.columns, call.customers);
        call.reject(
          new Error('scoreColumns: internal error, the column kernel rejected valid columns'),
        );
      } catch (error) {
        call.reject(error);
      }
      return;
    }
    const pairs = 2 * call.compiled.slotsPerCustomer * call.customers;
    const shared = new Float64Array(accumulator!, 0, pairs);
    call.resolve(finishScores(call.compiled, [shared], call.customers));
  };

  /** One task of the active call answered or lost: once none is left, the next call starts. */
  const accounted = (call: Call): void => {
    call.outstanding -= 1;
    if (call.outstanding > 0 || active !== call) return;
    active = undefined;
    finish(call);
    pump();
  };

  const workerFailed = (index: number, what: string): EngagekitError =>
    new EngagekitError(
      'WORKER_FAILED',
      `createWorkerPool: worker thread ${index} of the pool ${what} while it scored this call; the call is abandoned and the thread replaced: call again`,
      ['pool', 'workers', index],
    );

  const died = (index: number, thread: Worker, what: string): void => {
    const slot = slots[index]!;
    if (slot.thread !== thread) return;
    slot.thread = undefined;
    const task = slot.task;
    slot.task = undefined;
    if (task === undefined) return;
    fail(task.call, workerFailed(index, what));
    accounted(task.call);
  };

  const replied = (index: number, thread: Worker, reply: Reply): void => {
    const slot = slots[index]!;
    const task = slot.task;
    if (slot.thread !== thread || task === undefined || task.id !== reply.id) return;
    if ('error' in reply) {
      // The thread lives on, but what it holds is suspect: it is replaced.
      void thread.terminate();
      died(index, thread, `threw (${reply.error})`);
      return;
    }
    slot.task = undefined;
    thread.unref();
    task.call.valid &&= reply.valid;
    accounted(task.call);
  };

  const startThread = (index: number): Worker => {
    source ??= workerSource();
    const thread = hooks.startThread?.(source) ?? new Worker(source, { eval: true });
    thread.unref();
    slots[index]!.thread = thread;
    thread.on('message', (reply: Reply) => replied(index, thread, reply));
    thread.on('error', (error) => died(index, thread, `failed (${error.message})`));
    thread.on('exit', (code) => died(index, thread, `exited with code ${code}`));
    thread.on('messageerror', (error) => {
      void thread.terminate();
      died(index, thread, `sent a message that could not be read (${error.message})`);
    });
    return thread;
  };

  const start = (call: Call): void => {
    const bytes = 16 * call.compiled.slotsPerCustomer * call.customers;
    try {
      if (
        accumulator === undefined ||
        accumulator.byteLength < bytes ||
        accumulator.byteLength > 4 * bytes
      ) {
        accumulator = undefined;
        accumulator = sharedAccumulator(bytes, call.customers);
      }
      for (const [index, { first, own }] of customerRanges(call.customers, size).entries()) {
        const slot = slots[index]!;
        const thread = slot.thread ?? startThread(index);
        const task = { id: ++lastId, call };
        thread.postMessage({ ...call.message, id: task.id, first, own, accumulator });
        slot.task = task;
        call.outstanding += 1;
        thread.ref();
        hooks.onTask?.(thread, index);
      }
    } catch (error) {
      fail(call, error);
    }
    if (call.outstanding === 0) {
      active = undefined;
      fail(call, new Error('createWorkerPool: internal error, a call was handed to no thread'));
    }
  };

  function pump(): void {
    while (!closed && active === undefined && queue.length > 0) {
      const call = queue.shift()!;
      active = call;
      start(call);
    }
  }

  const closedError = (when: string): EngagekitError =>
    new EngagekitError(
      'POOL_CLOSED',
      `createWorkerPool: the pool was closed ${when}; create a new pool to score`,
      ['pool'],
    );

  return {
    size,
    async scoreColumns(model, columns, at, customerCount) {
      if (closed) throw closedError('before this call');
      const compiled = compiledOf(model, 'scoreColumns');
      // A model with rules is scored on the rules' path in this thread (see createWorkerPool).
      if (
        compiled.rules !== undefined ||
        !(columns?.customer?.length >= minEvents) ||
        columns.customer.length === 0
      ) {
        return scoreColumns(compiled, columns, at, customerCount);
      }
      const time = readInstant(at, { fn: 'scoreColumns', path: ['at'] });
      const customers = checkCustomerCount('scoreColumns', customerCount);
      const length = checkColumnTypes('scoreColumns', columns);
      const customer = sharedPart(columns.customer);
      const behaviour = sharedPart(columns.behaviour);
      const eventTimes = sharedPart(columns.at);
      const weight = columns.weight === undefined ? undefined : sharedPart(columns.weight);
      const wide = columns.behaviour instanceof Uint16Array;
      const shared: EventColumnsInput = {
        customer: viewOf(Uint32Array, customer),
        behaviour: wide ? viewOf(Uint16Array, behaviour) : viewOf(Uint8Array, behaviour),
        at: viewOf(Float64Array, eventTimes),
        ...(weight === undefined ? {} : { weight: viewOf(Float64Array, weight) }),
      };
      return new Promise<Float64Array>((resolve, reject) => {
        queue.push({
          compiled,
          columns: shared,
          customers,
          message: {
            kind: compiled.kind,
            boost: compiled.boost,
            end: compiled.end,
            span: compiled.span,
            halfLife: compiled.halfLife,
            slot: compiled.slot,
            slotsPerCustomer: compiled.slotsPerCustomer,
            customer,
            behaviour,
            behaviourWide: wide,
            at: eventTimes,
            weight,
            length,
            time,
            customers,
          },
          resolve,
          reject,
          settled: false,
          outstanding: 0,
          valid: true,
        });
        pump();
      });
    },
    close() {
      if (closing === undefined) {
        closed = true;
        const pending = active === undefined ? [...queue] : [active, ...queue];
        queue.length = 0;
        for (const call of pending) fail(call, closedError('before this call finished'));
        active = undefined;
        accumulator = undefined;
        const threads: Worker[] = [];
        for (const slot of slots) {
          if (slot.thread !== undefined) threads.push(slot.thread);
          slot.thread = undefined;
          slot.task = undefined;
        }
        closing = Promise.all(threads.map((thread) => thread.terminate())).then(() => undefined);
      }
      return closing;
    },
  };
}

/**
 * The shared accumulators of one call, or `INVALID_OPTION` naming `customerCount` when the
 * runtime cannot allocate them (a `RangeError` otherwise), as `scoreColumns` says it.
 */
function sharedAccumulator(bytes: number, customers: number): SharedArrayBuffer {
  try {
    return new SharedArrayBuffer(bytes);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new EngagekitError(
      'INVALID_OPTION',
      `scoreColumns: customerCount ${customers} needs ${bytes / 2 ** 30} GiB of shared sums, more than this runtime can allocate; pass the largest customer index + 1, or score the customers in batches`,
      ['customerCount'],
    );
  }
}
