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

/** One `scoreColumns` call: what its tasks share, and its state until it settles. */
interface Call {
  readonly compiled: CompiledModel;
  /** The columns the threads read (the caller's, or the copies made when the call was made). */
  readonly columns: EventColumnsInput;
  readonly customers: number;
  /** The part of every task's message that is the same for all of them. */
  readonly message: Readonly<Record<string, unknown>>;
  readonly resolve: (scores: Float64Array) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  /** Tasks not yet answered. */
  remaining: number;
  /** Whether every answered task found its entries valid. */
  valid: boolean;
  /** The call's shared accumulators, from its start until it settles. */
  accumulator: Float64Array | undefined;
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
 * The pool of {@link createWorkerPool}, once its options are read: `size` slots of threads and a
 * queue of calls.
 *
 * A call is checked and its columns shared when it is made; calls then run one at a time in the
 * order they were made, each split into one task per slot, a range of customers
 * ({@link customerRanges}) scored over all the events into the call's shared accumulators. A task
 * is keyed by an id: a reply that is not the one its slot waits for (from a call already settled)
 * is ignored. A call settles exactly once: with its scores when every task has answered; with the
 * `INVALID_COLUMNS` error of `checkColumns` when a task met an invalid entry; with `WORKER_FAILED`
 * when a thread throws, exits or sends an unreadable message while it runs one of its tasks (the
 * slot is emptied and gets a new thread when next needed); with `POOL_CLOSED` when the pool is
 * closed first. Threads are referenced only while they run a task, so an idle pool does not keep
 * the process alive.
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
  let active: Call | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let lastId = 0;
  let source: string | undefined;

  /** Marks a call settled and forgets its tasks; false when it already was. */
  const settle = (call: Call): boolean => {
    if (call.settled) return false;
    call.settled = true;
    call.accumulator = undefined;
    if (active === call) active = undefined;
    for (const slot of slots) if (slot.task?.call === call) slot.task = undefined;
    return true;
  };

  const fail = (call: Call, error: unknown): void => {
    if (settle(call)) call.reject(error);
  };

  const finish = (call: Call): void => {
    const accumulator = call.accumulator;
    if (accumulator === undefined || !settle(call)) return;
    pump();
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
    call.resolve(finishScores(call.compiled, [accumulator], call.customers));
  };

  const died = (index: number, thread: Worker, what: string): void => {
    const slot = slots[index]!;
    if (slot.thread !== thread) return;
    slot.thread = undefined;
    const task = slot.task;
    slot.task = undefined;
    if (task !== undefined) {
      fail(
        task.call,
        new EngagekitError(
          'WORKER_FAILED',
          `createWorkerPool: worker thread ${index} of the pool ${what} while it scored this call; the call is abandoned and the thread replaced: call again`,
          ['pool', 'workers', index],
        ),
      );
      pump();
    }
  };

  const replied = (index: number, thread: Worker, reply: Reply): void => {
    const slot = slots[index]!;
    if (slot.thread !== thread) return;
    const task = slot.task;
    if (task === undefined || task.id !== reply.id) {
      // The reply of a task whose call already settled: the thread is idle unless a newer task
      // waits behind it.
      if (task === undefined) thread.unref();
      return;
    }
    slot.task = undefined;
    thread.unref();
    const call = task.call;
    if ('error' in reply) {
      // The thread lives on, but what it holds is suspect: replace it.
      slot.thread = undefined;
      void thread.terminate();
      fail(
        call,
        new EngagekitError(
          'WORKER_FAILED',
          `createWorkerPool: worker thread ${index} of the pool threw while it scored this call (${reply.error}); the call is abandoned: call again`,
          ['pool', 'workers', index],
        ),
      );
      pump();
      return;
    }
    call.valid &&= reply.valid;
    call.remaining -= 1;
    if (call.remaining === 0) finish(call);
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
      died(index, thread, `sent a message that could not be read (${error.message})`);
      void thread.terminate();
    });
    return thread;
  };

  const start = (call: Call): void => {
    try {
      const pairs = 2 * call.compiled.slotsPerCustomer;
      const buffer = new SharedArrayBuffer(8 * pairs * call.customers);
      call.accumulator = new Float64Array(buffer);
      const ranges = customerRanges(call.customers, size);
      call.remaining = ranges.length;
      ranges.forEach(({ first, own }, index) => {
        const slot = slots[index]!;
        const thread = slot.thread ?? startThread(index);
        const task = { id: ++lastId, call };
        slot.task = task;
        thread.ref();
        thread.postMessage({ ...call.message, id: task.id, first, own, accumulator: buffer });
        hooks.onTask?.(thread, index);
      });
    } catch (error) {
      fail(call, error);
    }
  };

  function pump(): void {
    while (!closed && active === undefined && queue.length > 0) {
      const call = queue.shift()!;
      if (call.settled) continue;
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
      const compiled = compiledOf(model);
      if (!(columns?.customer?.length >= minEvents) || columns.customer.length === 0) {
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
          remaining: 0,
          valid: true,
          accumulator: undefined,
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
