/**
 * The incremental state against issue 16's targets, on the seeded workload of bench/workload.ts
 * (events in time order, as a feed delivers them): applying the feed in batches with positions
 * (events/s), one customer's score (`scoreCustomer`, per call, over many random customers),
 * parsing a checkpoint (binary, copied and in place, and JSON) against re-applying its events, and
 * the state's memory per event.
 * `node --expose-gc --import tsx bench/state.ts [--quick] [--once]` on its own (`--quick`: 1M
 * events / 100k customers instead of 10M / 1M; `--once`: one timed run after the warm-up instead of
 * the median of 3), or `benchState()` from bench/run.ts.
 */
import {
  advanceState,
  applyColumns,
  compileModel,
  createScoreState,
  parseState,
  parseStateBinary,
  type ScoreState,
  scoreColumns,
  scoreCustomer,
  serializeState,
  serializeStateBinary,
} from '../src/index.js';
import { time } from './timing.js';
import { benchModel, generateWorkload, random, SCORED_AT } from './workload.js';

/** Events per batch of the feed: what one read of a stream or one poll of a queue might bring. */
const BATCH = 65_536;
const gc = (globalThis as { gc?: () => void }).gc;

/** The time of one run, in ms. */
function once(run: () => unknown): number {
  gc?.();
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Heap and array-buffer bytes in use, once collections 100 ms apart agree to 1 MB: the backing
 * stores of released typed arrays are freed in the background, some time after a collection.
 */
async function bytesInUse(): Promise<number> {
  let last = Number.NaN;
  for (let attempt = 0; attempt < 20; attempt++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const usage = process.memoryUsage();
    const now = usage.heapUsed + usage.arrayBuffers;
    if (Math.abs(now - last) < 2 ** 20) return now;
    last = now;
  }
  return last;
}

interface Batch {
  readonly customer: Uint32Array;
  readonly behaviour: Uint8Array;
  readonly at: Float64Array;
  readonly ids: string[];
  /** The same customers' ids as integers (their indexes in the workload), as a database keys them. */
  readonly numbers: number[];
  readonly position: number;
}

/**
 * The feed cut into batches of BATCH events, each with its own customer indexes and ids (as a
 * consumer builds them with `eventColumns` from the entries it read), built before any timing.
 */
function batchesOf(
  customer: Uint32Array,
  behaviour: Uint8Array,
  at: Float64Array,
  ids: readonly string[],
  firstPosition = 0,
): Batch[] {
  const local = new Int32Array(ids.length).fill(-1);
  const batches: Batch[] = [];
  for (let start = 0; start < at.length; start += BATCH) {
    const end = Math.min(at.length, start + BATCH);
    const batchIds: string[] = [];
    const batchNumbers: number[] = [];
    const batchCustomer = new Uint32Array(end - start);
    for (let i = start; i < end; i++) {
      const c = customer[i]!;
      if (local[c] === -1) {
        local[c] = batchIds.length;
        batchIds.push(ids[c]!);
        batchNumbers.push(c);
      }
      batchCustomer[i - start] = local[c]!;
    }
    for (let i = start; i < end; i++) local[customer[i]!] = -1;
    batches.push({
      customer: batchCustomer,
      behaviour: behaviour.slice(start, end),
      at: at.slice(start, end),
      ids: batchIds,
      numbers: batchNumbers,
      position: firstPosition + end,
    });
  }
  return batches;
}

/**
 * Applies the batches in order into `into` (or a fresh state). With `live`, the state is first
 * advanced to each batch's newest time, as a service advances its state to the present before
 * applying what arrived (events after the instant last scored or advanced to would be held).
 */
function applyFeed(
  batches: readonly Batch[],
  into?: ScoreState,
  keys: 'ids' | 'numbers' = 'ids',
  live = false,
): ScoreState {
  const state = into ?? createScoreState(benchModel);
  for (const batch of batches) {
    if (live) advanceState(state, batch.at[batch.at.length - 1]!);
    applyColumns(state, batch, batch[keys], { partition: 'events', position: batch.position });
  }
  return state;
}

const pass = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * Times the state on `events` events over `customers` customers and prints a Markdown table with
 * each figure beside its target.
 */
export async function benchState(
  events = 10_000_000,
  customers = 1_000_000,
  runs = 3,
): Promise<void> {
  if (gc === undefined)
    console.error('bench/state.ts: run node with --expose-gc for the memory figure');
  const workload = generateWorkload(events, customers);
  const ids = Array.from({ length: customers }, (_, c) => `c${c}`);
  const batches = batchesOf(workload.customer, workload.behaviour, workload.at, ids);
  const columns = { customer: workload.customer, behaviour: workload.behaviour, at: workload.at };
  const compiled = compileModel(benchModel);
  console.error(`\nthe incremental state: ${events} events / ${customers} customers`);

  const rate = (ms: number) => events / ms / 1e3;
  // Each row is printed as soon as it is measured (the most telling first), so that a run cut
  // short on a loaded machine still reports what it measured.
  console.log(
    `\nThe incremental state: ${events / 1e6}M events / ${customers / 1e3}k customers, batches of ${BATCH} events, median of ${runs} run(s) after a warm-up (the JSON checkpoint: one run).\n`,
  );
  console.log('| measure | figure | target | |');
  console.log('|---|---:|---:|---|');
  const row = (measure: string, figure: string, target = '', verdict = '') =>
    console.log(`| ${measure} | ${figure} | ${target} | ${verdict} |`);

  // Memory: the heap (and array buffers) after a full collection, before and after building the
  // state from the batches. The ids are the host's strings, allocated before; the batches are
  // allocated before and kept alive, so only the state's own memory is counted.
  const before = await bytesInUse();
  let state: ScoreState | undefined = applyFeed(batches);
  // Node's `arrayBuffers` leaves out resizable buffers, where the records and the windows' pool
  // of a large state live: they are counted by their length.
  const resizable = [state.data.buffer, state.windows.pool.buffer] as (ArrayBufferLike & {
    resizable?: boolean;
  })[];
  let outside = 0;
  for (const buffer of resizable) if (buffer.resizable === true) outside += buffer.byteLength;
  const stateBytes = (await bytesInUse()) - before + outside;

  // Agreement before timing: the state scores as scoreColumns does.
  const reference = scoreColumns(compiled, columns, SCORED_AT, customers);
  for (let c = 0; c < customers; c += 97) {
    const got = scoreCustomer(state, ids[c]!, SCORED_AT);
    const want = reference[c]!;
    if (!(Math.abs(got - want) <= Math.max(1e-6, 1e-9 * Math.abs(want)))) {
      throw new Error(`bench/state.ts: customer ${ids[c]} scores ${got}, scoreColumns ${want}`);
    }
  }
  console.error('  the state agrees with scoreColumns (every 97th customer)');
  row(
    'state memory (heap + array buffers after gc)',
    `${(stateBytes / events).toFixed(1)} B/event (${(stateBytes / 2 ** 20).toFixed(0)} MB)`,
    '<= 24 B/event',
    pass(stateBytes / events <= 24),
  );

  const applyMs = time(() => applyFeed(batches), runs, gc);
  row(
    'apply the feed in batches with positions (applyColumns)',
    `${rate(applyMs).toFixed(1)} M events/s (${applyMs.toFixed(0)} ms)`,
    '>= 5 M events/s',
    pass(rate(applyMs) >= 5),
  );

  // One customer's score: each call timed alone over 200,000 random customers (the median and the
  // 99th percentile), and a loop of the same calls (the mean, without the timer's cost).
  const next = random(7);
  const picks = Array.from({ length: 200_000 }, () => ids[Math.floor(next() * customers)]!);
  const at = SCORED_AT + 3_600_000;
  let sink = 0;
  for (const id of picks.slice(0, 20_000)) sink += scoreCustomer(state, id, at);
  const perCall = new Float64Array(picks.length);
  for (let i = 0; i < picks.length; i++) {
    const start = process.hrtime.bigint();
    sink += scoreCustomer(state, picks[i]!, at);
    perCall[i] = Number(process.hrtime.bigint() - start);
  }
  perCall.sort();
  const readMedianUs = perCall[Math.floor(perCall.length / 2)]! / 1e3;
  const readP99Us = perCall[Math.floor(perCall.length * 0.99)]! / 1e3;
  const loopStart = performance.now();
  for (const id of picks) sink += scoreCustomer(state, id, at);
  const readMeanUs = ((performance.now() - loopStart) * 1e3) / picks.length;
  if (!Number.isFinite(sink)) throw new Error('bench/state.ts: a score was not finite');
  row(
    "one customer's score (scoreCustomer), median per call",
    `${readMedianUs.toFixed(2)} us (p99 ${readP99Us.toFixed(2)} us, mean in a loop ${readMeanUs.toFixed(2)} us)`,
    '<= 5 us',
    pass(readMedianUs <= 5),
  );

  // Checkpoints: the binary form against re-applying every event from scratch in one batch (the
  // fastest replay there is).
  const oneBatchMs = time(() => applyColumns(createScoreState(compiled), columns, ids), runs, gc);
  row(
    'apply the feed as one batch (applyColumns)',
    `${rate(oneBatchMs).toFixed(1)} M events/s (${oneBatchMs.toFixed(0)} ms)`,
  );
  let bytes: Uint8Array | undefined = serializeStateBinary(state);
  const binaryBytes = bytes.byteLength;
  const serializeBinaryMs = time(() => serializeStateBinary(state!), runs, gc);
  const parseBinaryMs = time(() => parseStateBinary(compiled, bytes!), runs, gc);
  // With { copy: false } the state keeps its records in the bytes: each run gets its own copy,
  // made before timing (as a file just read), since the state may write into them.
  const copies = Array.from({ length: runs + 1 }, () => bytes!.slice());
  const inPlaceMs = time(
    () => parseStateBinary(compiled, copies.pop()!, { copy: false }),
    runs,
    gc,
  );
  copies.length = 0;
  const fromBinary = parseStateBinary(compiled, bytes);
  for (let c = 0; c < customers; c += 997) {
    if (
      scoreCustomer(fromBinary, ids[c]!, SCORED_AT) !== scoreCustomer(state, ids[c]!, SCORED_AT)
    ) {
      throw new Error('bench/state.ts: the parsed binary checkpoint scores differently');
    }
  }
  bytes = undefined;
  row(
    'binary checkpoint: parseStateBinary',
    `${parseBinaryMs.toFixed(0)} ms (${(binaryBytes / 2 ** 20).toFixed(0)} MB; serializeStateBinary ${serializeBinaryMs.toFixed(0)} ms)`,
  );
  row(
    'binary parse vs re-applying the events (one batch)',
    `${(oneBatchMs / parseBinaryMs).toFixed(2)}x faster`,
    '>= 5x',
    pass(oneBatchMs / parseBinaryMs >= 5),
  );
  row(
    'binary parse in place ({ copy: false }) vs re-applying',
    `${(oneBatchMs / inPlaceMs).toFixed(2)}x faster (${inPlaceMs.toFixed(0)} ms)`,
    '>= 5x',
    pass(oneBatchMs / inPlaceMs >= 5),
  );

  // The JSON form is timed once, without a warm-up: at 1M customers one parse takes seconds.
  let text: string | undefined = serializeState(state);
  const jsonBytes = text.length;
  const serializeMs = once(() => serializeState(state!));
  const parseMs = once(() => parseState(compiled, text!));
  text = undefined;
  row(
    'JSON checkpoint: parseState (one run)',
    `${parseMs.toFixed(0)} ms (${(jsonBytes / 2 ** 20).toFixed(0)} MB; serializeState ${serializeMs.toFixed(0)} ms); ${(oneBatchMs / parseMs).toFixed(2)}x the speed of re-applying`,
  );

  // A service's steady state: the next year's events (another feed of as many events over the
  // same customers, a year later) into a state that holds this year's, each run into its own
  // copy (parsed untimed from the binary checkpoint), advanced to each batch's newest time before
  // it is applied (the state was scored above: without advancing, every event would be held).
  // Every customer is known and has its record, and every event is newer than the state's.
  const later = generateWorkload(events, customers, 7);
  const year = 365 * 86_400_000;
  const laterAt = later.at.map((t) => t + year);
  const laterBatches = batchesOf(later.customer, later.behaviour, laterAt, ids, events);
  const base = serializeStateBinary(state);
  let into = parseStateBinary(compiled, base);
  const steadyMs = time(
    () => applyFeed(laterBatches, into, 'ids', true),
    runs,
    () => {
      into = parseStateBinary(compiled, base);
      gc?.();
    },
  );
  row(
    "the next year's feed (as many events) into a state that knows every customer, advanced batch by batch",
    `${rate(steadyMs).toFixed(1)} M events/s (${steadyMs.toFixed(0)} ms)`,
  );

  state = undefined;
  // A feed keyed by a database's integer ids (0 to 999,999): numbers, keyed from their digits.
  const numbersMs = time(() => applyFeed(batches, undefined, 'numbers'), runs, gc);
  row(
    'the feed in batches with integer customer ids',
    `${rate(numbersMs).toFixed(1)} M events/s (${numbersMs.toFixed(0)} ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const runs = process.argv.includes('--once') ? 1 : 3;
  await benchState(quick ? 1_000_000 : 10_000_000, quick ? 100_000 : 1_000_000, runs);
}
