/**
 * The worker pool's peak extra memory per call: `npx tsx scripts/pool-memory.ts` scores the
 * benchmark's workload (bench/workload.ts: 8 behaviours, no caps, columns on SharedArrayBuffers)
 * with `createWorkerPool` for 2 and 8 workers at 1M and 4M customers, each in a fresh process, and
 * prints a Markdown table. Linux only: it reads the process's peak resident set (`VmHWM` of
 * /proc/self/status) after resetting it (`echo 5 > /proc/self/clear_refs`) just before the call,
 * so a figure is the peak resident set during the call minus the resident set before it (worker
 * threads live in the same process, so their memory counts). The first call also starts the
 * threads; the 9 later calls reuse them, their WebAssembly memory and the pool's shared
 * accumulators (the largest of their figures is shown), and what the pool still holds after the
 * 10 calls is shown too (threads included). `scoreColumns` on the calling
 * thread is measured the same way for comparison, and every pool result is checked bit for bit
 * against it. A second table gives the CPU time of every thread of the process per call (median
 * of 5 `scoreColumns` calls, of the 9 later pool calls): the work a split costs, a reading that a
 * busy machine disturbs less than wall time (which `npm run bench` measures). `--events N` sets
 * the number of events (default 10,000,000).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchModel, generateWorkload, SCORED_AT } from '../bench/workload.js';
import { compileModel, scoreColumns } from '../src/index.js';
import { createWorkerPool } from '../src/node/index.js';

const MiB = 2 ** 20;
/** Calls per configuration: the first starts the threads, the others show what a call costs. */
const CALLS = 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The peak resident set since the last reset, in bytes. */
function peakResident(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1]) * 1024;
}

/** Resident set now, once collections 50 ms apart agree to 1 MiB (buffers are freed late). */
async function settledResident(): Promise<number> {
  let last = Number.NaN;
  for (let attempt = 0; attempt < 20; attempt++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = process.memoryUsage().rss;
    if (Math.abs(now - last) < MiB) return now;
    last = now;
  }
  return last;
}

/** Peak extra resident bytes while `run` runs, over the settled resident set before it. */
async function peakExtra<T>(run: () => Promise<T> | T): Promise<{ extra: number; value: T }> {
  const before = await settledResident();
  writeFileSync('/proc/self/clear_refs', '5');
  const value = await run();
  return { extra: peakResident() - before, value };
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const bitsA = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const bitsB = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (bitsA[i] !== bitsB[i]) return false;
  return true;
}

interface Row {
  workers: number;
  customers: number;
  events: number;
  scoreColumns: number;
  first: number;
  later: number;
  held: number;
  equal: boolean;
  /** Median CPU milliseconds of all threads: `scoreColumns`, and a later pool call. */
  cpuScoreColumns: number;
  cpuPool: number;
}

/** CPU time of the whole process (every thread) while `run` runs, in milliseconds. */
async function cpuTime(run: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** One configuration, in this process. */
async function measure(workers: number, customers: number, events: number): Promise<Row> {
  const { customer, behaviour, at } = generateWorkload(events, customers);
  const columns = { customer, behaviour, at };
  const compiled = compileModel(benchModel);
  const single = await peakExtra(() => scoreColumns(compiled, columns, SCORED_AT, customers));
  const reference = single.value;
  const cpuSingle: number[] = [];
  for (let run = 0; run < 5; run++) {
    cpuSingle.push(await cpuTime(() => scoreColumns(compiled, columns, SCORED_AT, customers)));
  }
  const start = await settledResident();
  const pool = createWorkerPool({ workers, minEvents: 0 });
  let equal = true;
  const extras: number[] = [];
  const cpu: number[] = [];
  for (let call = 0; call < CALLS; call++) {
    let used = 0;
    const { extra, value } = await peakExtra(async () => {
      let scores: Float64Array | undefined;
      used = await cpuTime(async () => {
        scores = await pool.scoreColumns(compiled, columns, SCORED_AT, customers);
      });
      return scores!;
    });
    equal &&= sameBits(value, reference);
    extras.push(extra);
    if (call > 0) cpu.push(used);
  }
  const held = (await settledResident()) - start;
  await pool.close();
  return {
    workers,
    customers,
    events,
    scoreColumns: single.extra,
    first: extras[0]!,
    later: Math.max(...extras.slice(1)),
    held,
    equal,
    cpuScoreColumns: median(cpuSingle),
    cpuPool: median(cpu),
  };
}

const mib = (bytes: number) => (bytes / MiB).toFixed(0);

if (process.argv[2] === '--run') {
  const [workers, customers, events] = process.argv.slice(3).map(Number);
  console.log(JSON.stringify(await measure(workers!, customers!, events!)));
} else {
  const eventsFlag = process.argv.indexOf('--events');
  const events = eventsFlag > 0 ? Number(process.argv[eventsFlag + 1]) : 10_000_000;
  const script = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  for (const customers of [1_000_000, 4_000_000]) {
    for (const workers of [2, 8]) {
      const output = execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--import',
          'tsx',
          script,
          '--run',
          String(workers),
          String(customers),
          String(events),
        ],
        { encoding: 'utf8', maxBuffer: 2 ** 24 },
      );
      rows.push(JSON.parse(output.trim().split('\n').at(-1)!) as Row);
    }
  }
  console.log(
    `${(events / 1e6).toFixed(0)}M events, benchmark model (8 behaviours, no caps): MiB.\n`,
  );
  console.log(
    '| customers | workers | scoreColumns (1 thread) | pool, first call | pool, later calls (max) | held by the pool after 10 calls | bit for bit |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | :-: |');
  for (const row of rows) {
    console.log(
      `| ${row.customers / 1e6}M | ${row.workers} | ${mib(row.scoreColumns)} | ${mib(row.first)} | ${mib(row.later)} | ${mib(row.held)} | ${row.equal ? 'yes' : 'no'} |`,
    );
  }
  console.log('\nCPU time of all threads per call, ms (median):\n');
  console.log('| customers | workers | scoreColumns (1 thread) | pool, later calls |');
  console.log('| --: | --: | --: | --: |');
  for (const row of rows) {
    console.log(
      `| ${row.customers / 1e6}M | ${row.workers} | ${row.cpuScoreColumns.toFixed(0)} | ${row.cpuPool.toFixed(0)} |`,
    );
  }
}
