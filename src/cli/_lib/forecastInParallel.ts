import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { type CompiledModel, compileModel } from '../../model/compileModel.js';
import { parseModel } from '../../model/parseModel.js';
import { checkColumns } from '../../score/kernel/checkColumns.js';
import { forecastIndexed } from '../../segment/_lib/forecastGrouped.js';
import { ladderOf } from '../../segment/_lib/ladder.js';
import type { ColumnForecast } from '../../segment/forecastColumns.js';
import { forecastColumns } from '../../segment/forecastColumns.js';
import { MAX_INSTANT, readInstant } from '../../time/instant.js';
import { type FilePartJob, type FilePartRead, readFilePart } from './readFilePart.js';

/** The columns `forecastColumns` reads, as the CLI's reader fills them. */
export interface ForecastInput {
  readonly customer: Uint32Array;
  readonly behaviour: Uint8Array | Uint16Array;
  readonly at: Float64Array;
  readonly weight?: Float64Array;
}

/**
 * What the main thread sends the helper thread: the columns (on SharedArrayBuffers, so shared, not
 * copied) and the helper's part of the customers, `from` to `count - 1`.
 */
interface Job {
  readonly columns: ForecastInput;
  readonly at: number;
  readonly from: number;
  readonly count: number;
}

const ROLE = 'engagekit-forecast';

/** The helper thread's young generation, MiB (see `startForecastHelper`). */
const YOUNG_MB = 4;

/** The function whose errors the forecast reports, on one thread or two. */
const FN = 'forecastColumns';

/**
 * A thread that reads the second part of an events file (CSV or Parquet) and forecasts part of the
 * customers: started early, given its part of the file once the reading knows where to cut (a
 * CSV's header read, a Parquet file's metadata) and its customers once all is read.
 */
export interface ForecastHelper {
  /** Reads the part of an events file that `job` names in the helper thread (`readFilePart`). */
  read(job: FilePartJob): Promise<FilePartRead>;
  /** Forecasts customers `from` to `count - 1` of `columns` in the helper thread. */
  run(job: Job): Promise<ColumnForecast>;
  /** Stops the thread (when the run ends early: bad rows, an error, a small input). */
  stop(): void;
  /** Whether the thread failed to start or stopped (then the forecast runs on one thread). */
  readonly failed: boolean;
}

/** A helper that never started: every job fails, so that its work stays on the main thread. */
function failedHelper(error: Error): ForecastHelper {
  return {
    read: () => Promise.reject(error),
    run: () => Promise.reject(error),
    stop() {},
    failed: true,
  };
}

/** The two kinds of work the helper thread does; each answer names its kind. */
type Kind = 'read' | 'forecast';

interface Answer {
  readonly kind: Kind;
  readonly result?: unknown;
  readonly error?: SerializedError;
}

/**
 * Starts a helper thread running this same script (the CLI bundle) for the reading of a file's
 * second part and the forecast, so that its start-up and the model's compilation overlap the
 * reading of the input. `model` is the model's JSON as the file holds it (parsed again in the
 * thread).
 */
export function startForecastHelper(script: URL, model: unknown): ForecastHelper {
  // A small young generation: the thread's garbage (the ids it reads, the forecast's per-customer
  // arrays) is collected often instead of growing the process's peak memory by tens of MiB.
  // Node's flags are inherited, but not `--input-type` (a run through `node --input-type=module
  // -e`, as the benchmark's, would stop the thread from loading this script).
  const flags = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  let worker: Worker;
  try {
    worker = new Worker(script, {
      workerData: { role: ROLE, model },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
      ...(flags.length === process.execArgv.length ? {} : { execArgv: flags }),
    });
  } catch (error) {
    // A thread that cannot be started (flags a thread refuses): the work stays on this thread.
    return failedHelper(error as Error);
  }
  let failed: Error | undefined;
  const failure = new Promise<never>((_, reject) => {
    worker.once('error', (error) => {
      failed = error;
      reject(error);
    });
    // A thread that ends without an answer (stopped, or gone) must not leave a caller waiting.
    worker.once('exit', (code) => {
      failed ??= new Error(`the helper thread stopped (exit code ${code})`);
      reject(failed);
    });
  });
  failure.catch(() => undefined);
  const waiting = new Map<Kind, (answer: Answer) => void>();
  worker.on('message', (answer: Answer) => {
    const take = waiting.get(answer.kind);
    waiting.delete(answer.kind);
    take?.(answer);
  });
  const ask = <T>(kind: Kind, job: unknown): Promise<T> => {
    if (failed !== undefined) return Promise.reject(failed);
    const answer = new Promise<T>((resolve, reject) => {
      waiting.set(kind, (message) => {
        if (message.error === undefined) resolve(message.result as T);
        else reject(revive(message.error));
      });
    });
    // Columns on SharedArrayBuffers are shared with the thread; others would be copied.
    worker.postMessage({ kind, job });
    return Promise.race([answer, failure]);
  };
  return {
    read: (job) => ask<FilePartRead>('read', job),
    run(job) {
      return ask<ColumnForecast>('forecast', job).finally(() => void worker.terminate());
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
  const answer = (kind: Kind, error: unknown) => {
    const e = error as EngagekitError;
    parentPort!.postMessage({
      kind,
      error: {
        engagekit: error instanceof EngagekitError,
        code: e.code,
        message: e.message,
        path: e.path,
        issues: e.issues,
      },
    });
  };
  parentPort!.on('message', (message: { kind: Kind; job: unknown }) => {
    if (message.kind === 'read') {
      readFilePart(compiled, message.job as FilePartJob).then(
        (result) =>
          parentPort!.postMessage({ kind: 'read', result }, [
            result.customerBytes.bytes.buffer as ArrayBuffer,
            result.customerBytes.offsets.buffer as ArrayBuffer,
          ]),
        (error: unknown) => answer('read', error),
      );
      return;
    }
    const job = message.job as Job;
    try {
      const result = forecastPart(compiled, job.columns, job.at, job.from, job.count);
      parentPort!.postMessage({ kind: 'forecast', result }, [
        result.score.buffer as ArrayBuffer,
        result.segment.buffer as ArrayBuffer,
        result.nextAt.buffer as ArrayBuffer,
        result.nextSegment.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      answer('forecast', error);
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
 * The forecast of customers `from` to `count - 1` of checked columns (element `c - from` of the
 * result), read in place: what `forecastColumns` gives them.
 */
function forecastPart(
  model: CompiledModel,
  columns: ForecastInput,
  at: number,
  from: number,
  count: number,
): ColumnForecast {
  const ladder = ladderOf(model.model);
  return forecastIndexed(model, ladder, columns, count, at, MAX_INSTANT, FN, from);
}

/**
 * `forecastColumns` of the columns on two threads: the customers from the split on are forecast by
 * the helper, the others here, both reading the same columns in place (the reader puts them on
 * SharedArrayBuffers: no copy, no memory beyond each thread's grouping of its own customers'
 * positions). Each customer's events keep their order, so every number is the one a single thread
 * computes. Errors are the single thread's: the first customer's problem, here before there.
 * Also says how many threads did the work (1 when the helper could not start or stopped).
 * `meanwhile` is work of the caller's that this thread does once its own part is forecast, while
 * the helper may still be at its part (the output's order of ids): it runs once in any case.
 */
export async function forecastInParallel(
  helper: ForecastHelper,
  model: CompiledModel,
  columns: ForecastInput,
  at: number,
  count: number,
  meanwhile: () => void = () => {},
): Promise<{ forecast: ColumnForecast; threads: 1 | 2 }> {
  if (helper.failed) {
    helper.stop();
    const forecast = forecastColumns(model, columns, at, count);
    meanwhile();
    return { forecast, threads: 1 };
  }
  // The checks on the whole columns first, in forecastColumns' order, so that a problem names
  // the event's index in them, as one thread does; the parts then pass them.
  readInstant(at, { fn: FN, path: ['at'] });
  checkColumns(FN, model, columns, count);
  const split = splitCustomer(columns.customer, count);
  const pending = helper.run({ columns, at, from: split, count });
  pending.catch(() => undefined);
  let own: ColumnForecast;
  try {
    own = forecastPart(model, columns, at, 0, split);
  } catch (error) {
    helper.stop();
    throw error;
  }
  meanwhile();
  // The library's own errors are the forecast's; any other failure is the thread's (it could not
  // start, or stopped): then this thread forecasts that part too, with the same results.
  let threads: 1 | 2 = 2;
  const theirsResult = await pending.catch((error: unknown) => {
    if (error instanceof EngagekitError) throw error;
    threads = 1;
    return forecastPart(model, columns, at, split, count);
  });
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
  return { forecast: { segments: own.segments, score, segment, nextAt, nextSegment }, threads };
}
