/**
 * `npm run bench`: scores the seeded workload of issue 6 with every implementation in ONE
 * process, checks that each agrees to 1e-6 before timing it (the columnar ones first, then the
 * object-based ones), then prints M events/s (median of 5 timed runs after 1 warm-up) and ratios
 * as a Markdown table. `npm run bench -- --quick` runs a small size
 * to try the script; `npm run bench -- --only-1m` the 1M-event size alone. Then the doors
 * (bench/doors.ts), the CLI (bench/cli.ts) and the incremental state (bench/state.ts).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import {
  applyColumns,
  applyEvent,
  compileModel,
  createScoreState,
  type EngagementEvent,
  prepareColumns,
  scoreAt,
  scoreColumns,
  scorePrepared,
  scoreState,
} from '../src/index.js';
import { createWorkerPool } from '../src/node/index.js';
import { appEvents, duckDbQuery, loadDuckDb, plainScores, readDuckDbScores } from './baselines.js';
import { benchCli } from './cli.js';
import { printDoors } from './doors.js';
import { printRules } from './rules.js';
import { benchState } from './state.js';
import { benchModel, generateWorkload, SCORED_AT, type Workload } from './workload.js';

const quick = process.argv.includes('--quick');
/** `--only-1m` runs the 1M-event size alone (the size of most targets), when time is short. */
const only1m = process.argv.includes('--only-1m');
const sizes = quick
  ? [{ events: 100_000, customers: 10_000 }]
  : [
      { events: 1_000_000, customers: 100_000 },
      ...(only1m ? [] : [{ events: 10_000_000, customers: 1_000_000 }]),
    ];
const RUNS = 5;
/** The WebAssembly kernel's memory besides its accumulators: tables, lists, a 16,384-event chunk. */
const WASM_FIXED_BYTES = 9728 + 64 * 8 + 4 * 8 + 8192 + 14 * 16384;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Heap and array-buffer bytes in use, once collections 100 ms apart agree to 1 MB: the backing
 * stores of released typed arrays are freed in the background, some time after a collection.
 */
async function bytesInUse(): Promise<number> {
  let last = Number.NaN;
  for (let attempt = 0; attempt < 20; attempt++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const usage = process.memoryUsage();
    const now = usage.heapUsed + usage.arrayBuffers;
    if (Math.abs(now - last) < 2 ** 20) return now;
    last = now;
  }
  return last;
}

async function median(name: string, run: () => unknown): Promise<number> {
  const started = performance.now();
  gc();
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.error(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s for 6 runs`);
  return times[Math.floor(RUNS / 2)]!;
}

function check(name: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= Math.max(1e-6, 1e-9 * Math.abs(expected[i]!)))) {
      throw new Error(`${name}: customer ${i} scores ${actual[i]}, expected ${expected[i]}`);
    }
    worst = Math.max(worst, error);
  }
  console.error(`  ${name}: agrees (largest difference ${worst.toExponential(2)})`);
}

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly bytesPerEvent?: number;
}

async function runSize(workload: Workload): Promise<{ rows: Row[]; notes: string[] }> {
  const { events, customers } = workload;
  const columns = { customer: workload.customer, behaviour: workload.behaviour, at: workload.at };
  const compiled = compileModel(benchModel);
  const ids = Array.from({ length: customers }, (_, c) => `c${c}`);
  const notes: string[] = [];
  console.error(`\n${events} events / ${customers} customers: checking agreement`);

  const reference = scoreColumns(compiled, columns, SCORED_AT, customers);
  // scoreAt itself, on 200 customers
  const sample = new Map<number, EngagementEvent[]>();
  for (let c = 0; c < customers; c += Math.ceil(customers / 200)) sample.set(c, []);
  for (let i = 0; i < events; i++) {
    sample.get(workload.customer[i]!)?.push({
      behaviour: benchModel.behaviourIds[workload.behaviour[i]!]!,
      at: workload.at[i]!,
    });
  }
  const sampled = [...sample.keys()];
  check(
    'scoreColumns vs scoreAt (200 customers)',
    sampled.map((c) => reference[c]!),
    sampled.map((c) => scoreAt(benchModel, sample.get(c)!, SCORED_AT)),
  );

  let start = performance.now();
  const prepared = prepareColumns(compiled, columns, customers);
  notes.push(`prepareColumns (once): ${(performance.now() - start).toFixed(0)} ms`);
  check('prepared re-score', scorePrepared(prepared, SCORED_AT), reference);

  // Objects for the incremental and plain paths are built only while they are checked or timed,
  // so that the other measurements run on a small heap.
  const makeStreamEvents = () =>
    Array.from({ length: events }, (_, i) => ({
      customerId: ids[workload.customer[i]!]!,
      behaviour: benchModel.behaviourIds[workload.behaviour[i]!]!,
      at: workload.at[i]!,
    }));
  const applyAll = (stream: readonly EngagementEvent[]) => {
    const state = createScoreState(compiled);
    for (let i = 0; i < events; i++) applyEvent(state, stream[i]!);
    return state;
  };
  const applyBatch = () => applyColumns(createScoreState(compiled), columns, ids);
  let batchBytes = 0;
  {
    const before = await bytesInUse();
    const state = applyBatch();
    batchBytes = (await bytesInUse()) - before;
    const incremental = scoreState(state, SCORED_AT);
    check(
      'incremental state (applyColumns)',
      ids.map((id) => incremental[id] ?? 0),
      reference,
    );
  }
  const pool = createWorkerPool({ workers: 2, minEvents: 0 });
  check('2 workers', await pool.scoreColumns(compiled, columns, SCORED_AT, customers), reference);

  start = performance.now();
  const duck = await loadDuckDb(workload);
  notes.push(
    `DuckDB load (appender, not timed below): ${(performance.now() - start).toFixed(0)} ms`,
  );
  const sql = duckDbQuery(benchModel, SCORED_AT);
  await duck.run(sql);
  check('DuckDB', await readDuckDbScores(duck, customers), reference);

  // The columnar implementations are timed before the object-based ones build their 10M objects:
  // once a heap of that size has been used, every later measurement here (DuckDB's included)
  // slows down by up to half, with collections of up to a second in between.
  console.error('timing (median of 5 after 1 warm-up)');
  const preparedBytes =
    prepared.segmentStart.byteLength +
    prepared.time.byteLength +
    prepared.customer.byteLength +
    prepared.value.byteLength +
    prepared.summarised.byteLength +
    prepared.summary.byteLength;
  const rows: Row[] = [
    {
      name: 'scoreColumns (1 thread)',
      ms: await median('scoreColumns', () => scoreColumns(compiled, columns, SCORED_AT, customers)),
      // The WebAssembly kernel's memory (the compiled model keeps it between calls): its
      // accumulators, tables and one chunk of 16,384 events; and the result.
      bytesPerEvent:
        (16 * customers * compiled.slotsPerCustomer + 8 * customers + WASM_FIXED_BYTES) / events,
    },
    {
      name: 'prepared re-score (scorePrepared)',
      ms: await median('scorePrepared', () => scorePrepared(prepared, SCORED_AT)),
      // The index, plus the 16-byte sums it keeps for scorePrepared, and the result.
      bytesPerEvent: (preparedBytes + 24 * customers) / events,
    },
    {
      name: 'incremental apply (applyColumns, one batch)',
      ms: await median('applyColumns', applyBatch),
      bytesPerEvent: batchBytes / events,
    },
  ];
  const workers: Row = {
    name: '2 workers (engagekit/node)',
    ms: await median('2 workers', () => pool.scoreColumns(compiled, columns, SCORED_AT, customers)),
    // The pool's shared accumulators, the workers' WebAssembly memories (each its range of
    // customers' accumulators, so one set in all, plus its fixed part) and the result.
    bytesPerEvent:
      (2 * 16 * customers * compiled.slotsPerCustomer + 2 * WASM_FIXED_BYTES + 8 * customers) /
      events,
  };
  const duckRow: Row = {
    name: 'DuckDB 1.x, 2 threads (query only)',
    ms: await median('DuckDB', () => duck.run(sql)),
  };
  await pool.close();
  duck.closeSync();

  console.error('object-based implementations: checking, then timing');
  {
    const stream = makeStreamEvents();
    const before = await bytesInUse();
    const state = applyAll(stream);
    const stateBytes = (await bytesInUse()) - before;
    const incremental = scoreState(state, SCORED_AT);
    check(
      'incremental state (applyEvent)',
      ids.map((id) => incremental[id] ?? 0),
      reference,
    );
    rows.push({
      name: 'incremental apply (applyEvent)',
      ms: await median('applyEvent', () => applyAll(stream)),
      bytesPerEvent: stateBytes / events,
    });
  }
  rows.push(workers);
  const now = new Date(SCORED_AT);
  {
    const app = appEvents(workload, benchModel, ids);
    const plain = plainScores(benchModel, app, now);
    check(
      'plain app code',
      ids.map((id) => plain.get(id) ?? 0),
      reference,
    );
    rows.push({
      name: 'plain app code (objects, Map, Date)',
      ms: await median('plain', () => plainScores(benchModel, app, now)),
    });
  }
  rows.push(duckRow);

  return { rows, notes };
}

const loadAtStart = loadavg()[0]!;
const results: { workload: Workload; rows: Row[]; notes: string[] }[] = [];
for (const size of sizes) {
  const workload = generateWorkload(size.events, size.customers);
  results.push({ workload, ...(await runSize(workload)) });
  gc();
}

const label = (w: Workload) => `${w.events / 1e6}M events / ${w.customers / 1e3}k customers`;
const cpu = cpus();
console.log(
  `Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}.`,
);
console.log(
  `Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}${Math.max(loadAtStart, loadavg()[0]!) > cpu.length + 0.5 ? ': other processes shared the cores, so absolute figures are low' : ''}.`,
);
console.log('Scoring every customer at one instant; 8 behaviours (4 linear, 4 exponential).\n');
console.log(
  `| implementation | ${results.map((r) => `${label(r.workload)}: M events/s | x DuckDB | x plain | library bytes/event`).join(' | ')} |`,
);
console.log(`|---|${results.map(() => '---:|---:|---:|---:').join('|')}|`);
const names = results[0]!.rows.map((row) => row.name);
for (const name of names) {
  const cells = results.map(({ workload, rows }) => {
    const row = rows.find((r) => r.name === name)!;
    const duck = rows.find((r) => r.name.startsWith('DuckDB'))!;
    const plain = rows.find((r) => r.name.startsWith('plain'))!;
    const rate = workload.events / row.ms / 1e3;
    return `${rate.toFixed(1)} | ${(duck.ms / row.ms).toFixed(2)} | ${(plain.ms / row.ms).toFixed(1)} | ${row.bytesPerEvent === undefined ? '' : row.bytesPerEvent.toFixed(1)}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
console.log('');
for (const { workload, notes } of results) console.log(`${label(workload)}: ${notes.join('; ')}.`);
console.log(
  `\nPeak resident set of the whole benchmark process (inputs, baselines and DuckDB included): ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(1)} GiB.`,
);
printDoors(quick ? 100_000 : 1_000_000, quick ? 10_000 : 100_000);

// The command line against DuckDB, end to end on the same CSV (bench/cli.ts).
await benchCli(quick ? 200_000 : 2_000_000, quick ? 10_000 : 100_000, quick ? 1 : 3);

// The incremental state against issue 16's targets (bench/state.ts): 10M events / 1M customers;
// 1M / 100k with --quick or --only-1m.
const small = quick || only1m;
await benchState(small ? 1_000_000 : 10_000_000, small ? 100_000 : 1_000_000);
// What each scoring rule costs (issue 18, bench/rules.ts).
printRules(quick ? 100_000 : 1_000_000, quick ? 10_000 : 100_000);
