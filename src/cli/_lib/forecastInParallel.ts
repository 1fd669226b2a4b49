import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { type CompiledModel, compileModel } from '../../model/compileModel.js';
import { parseModel } from '../../model/parseModel.js';
import { checkColumns } from '../../score/kernel/checkColumns.js';
import type { ColumnForecast } from '../../segment/forecastColumns.js';
import { forecastColumns } from '../../segment/forecastColumns.js';

/** The columns `forecastColumns` reads, as the CLI's reader fills them. */
export interface ForecastInput {
  readonly customer: Uint32Array;
  readonly behaviour: Uint8Array | Uint16Array;
  readonly at: Float64Array;
  readonly weight?: Float64Array;
}

/** What the main thread sends the helper thread: its customers' events, indexes from 0. */
interface Job {
  readonly columns: ForecastInput;
  readonly at: number;
  readonly count: number;
}

const ROLE = 'engagekit-forecast';

/** A thread that forecasts part of the customers: started early, given its part when read. */
export interface ForecastHelper {
  /** Forecasts `columns` (customers 0 to `count - 1`) in the helper thread. */
  run(job: Job): Promise<ColumnForecast>;
  /** Stops the thread (when the run ends early: bad rows, an error, a small input). */
  stop(): void;
  /** Whether the thread failed to start (then the forecast runs on one thread). */
  readonly failed: boolean;
}

/**
 * Starts a helper thread running this same script (the CLI bundle) for the forecast, so that its
 * start-up and the model's compilation overlap the reading of the input. `model` is the model's
 * JSON as the file holds it (parsed again in the thread).
 */
export function startForecastHelper(script: URL, model: unknown): ForecastHelper {
  const worker = new Worker(script, { workerData: { role: ROLE, model } });
  let failed: Error | undefined;
  const failure = new Promise<never>((_, reject) => {
    worker.once('error', (error) => {
      failed = error;
      reject(error);
    });
  });
  failure.catch(() => undefined);
  return {
    run(job) {
      if (failed !== undefined) return Promise.reject(failed);
      const transfer = [
        job.columns.customer,
        job.columns.behaviour,
        job.columns.at,
        job.columns.weight,
      ]
        .filter((array) => array !== undefined)
        .map((array) => array.buffer as ArrayBuffer);
      worker.postMessage(job, transfer);
      const answer = new Promise<ColumnForecast>((resolve, reject) => {
        worker.once('message', (message: { result?: ColumnForecast; error?: SerializedError }) => {
          if (message.result !== undefined) resolve(message.result);
          else reject(revive(message.error!));
        });
      });
      return Promise.race([answer, failure]).finally(() => void worker.terminate());
    },
    stop() {
      void worker.terminate();
    },
    get failed() {
      return failed !== undefined;
    },
  };
}

interface SerializedError {
  readonly engagekit: boolean;
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly issues: readonly unknown[];
}

function revive(error: SerializedError): Error {
  if (!error.engagekit) return new Error(error.message);
  return new EngagekitError(
    error.code as EngagekitError['code'],
    error.message,
    error.path as EngagekitError['path'],
    error.issues as EngagekitError['issues'],
  );
}

/**
 * Runs the helper thread's side when this script was started as one (see
 * {@link startForecastHelper}); returns false in the main thread.
 */
export function runForecastHelper(): boolean {
  if (isMainThread || (workerData as { role?: unknown } | null)?.role !== ROLE) return false;
  const { model } = workerData as { model: unknown };
  const compiled = compileModel(parseModel(model), 'score');
  parentPort!.once('message', (job: Job) => {
    try {
      const result = forecastColumns(compiled, job.columns, job.at, job.count);
      parentPort!.postMessage({ result }, [
        result.score.buffer as ArrayBuffer,
        result.segment.buffer as ArrayBuffer,
        result.nextAt.buffer as ArrayBuffer,
        result.nextSegment.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      const e = error as EngagekitError;
      parentPort!.postMessage({
        error: {
          engagekit: error instanceof EngagekitError,
          code: e.code,
          message: e.message,
          path: e.path,
          issues: e.issues,
        },
      });
    }
  });
  return true;
}

/**
 * The first customer of the helper's part: the one that splits the events most evenly (the sweep
 * costs about the same per event), and 0 events or customers for either side is allowed.
 */
function splitCustomer(customer: Uint32Array, count: number): number {
  const perCustomer = new Uint32Array(count);
  for (let i = 0; i < customer.length; i++) perCustomer[customer[i]!]!++;
  const half = customer.length / 2;
  let seen = 0;
  for (let c = 0; c < count; c++) {
    if (seen >= half) return c;
    seen += perCustomer[c]!;
  }
  return count;
}

/**
 * `forecastColumns` of the columns on two threads: the customers from the split on are forecast by
 * the helper (their events copied out, in order, with indexes from 0), the others here, in the
 * same arrays compacted in place (so the columns cost no more memory). Each customer's events keep
 * their order, so every number is the one a single thread computes. The input columns are
 * consumed. Errors are the single thread's: the first customer's problem, here before there.
 */
export async function forecastInParallel(
  helper: ForecastHelper,
  model: CompiledModel,
  columns: ForecastInput,
  at: number,
  count: number,
): Promise<ColumnForecast> {
  if (helper.failed) {
    helper.stop();
    return forecastColumns(model, columns, at, count);
  }
  // The columns' checks on the whole columns first, so that a problem names the event's index
  // in them, as one thread does; the parts then pass them.
  checkColumns('forecastColumns', model, columns, count);
  const split = splitCustomer(columns.customer, count);
  const { customer, behaviour, at: times, weight } = columns;
  let theirs = 0;
  for (let i = 0; i < customer.length; i++) if (customer[i]! >= split) theirs++;
  const part = {
    customer: new Uint32Array(theirs),
    behaviour: behaviour instanceof Uint8Array ? new Uint8Array(theirs) : new Uint16Array(theirs),
    at: new Float64Array(theirs),
    weight: weight === undefined ? undefined : new Float64Array(theirs),
  };
  let mine = 0;
  let other = 0;
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i]!;
    if (c >= split) {
      part.customer[other] = c - split;
      part.behaviour[other] = behaviour[i]!;
      part.at[other] = times[i]!;
      if (weight !== undefined) part.weight![other] = weight[i]!;
      other++;
    } else {
      customer[mine] = c;
      behaviour[mine] = behaviour[i]!;
      times[mine] = times[i]!;
      if (weight !== undefined) weight[mine] = weight[i]!;
      mine++;
    }
  }
  const helperColumns: ForecastInput =
    part.weight === undefined
      ? { customer: part.customer, behaviour: part.behaviour, at: part.at }
      : { customer: part.customer, behaviour: part.behaviour, at: part.at, weight: part.weight };
  const pending = helper.run({ columns: helperColumns, at, count: count - split });
  pending.catch(() => undefined);
  const here = {
    customer: customer.subarray(0, mine),
    behaviour: behaviour.subarray(0, mine),
    at: times.subarray(0, mine),
  };
  let own: ColumnForecast;
  try {
    own = forecastColumns(
      model,
      weight === undefined ? here : { ...here, weight: weight.subarray(0, mine) },
      at,
      split,
    );
  } catch (error) {
    helper.stop();
    throw error;
  }
  const theirsResult = await pending;
  const score = new Float64Array(count);
  const segment = new Uint8Array(count);
  const nextAt = new Float64Array(count);
  const nextSegment = new Int16Array(count);
  score.set(own.score);
  score.set(theirsResult.score, split);
  segment.set(own.segment);
  segment.set(theirsResult.segment, split);
  nextAt.set(own.nextAt);
  nextAt.set(theirsResult.nextAt, split);
  nextSegment.set(own.nextSegment);
  nextSegment.set(theirsResult.nextSegment, split);
  return { segments: own.segments, score, segment, nextAt, nextSegment };
}
