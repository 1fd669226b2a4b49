/**
 * `engagekit score` end to end against DuckDB end to end, each a fresh process reading the same
 * events CSV (seeded, generated into .tmp/): the CLI writes every customer's score, segment and next
 * change (forecasts included); DuckDB runs `read_csv` + the library's own `toSql` query + `COPY` to a
 * file. The same events as Parquet (written once by DuckDB) against DuckDB's read_parquet. Also the
 * CLI's peak resident set against the file's size. Needs `npm run build` first (the
 * CLI is run as users run it, from dist/cli/main.js). `npx tsx bench/cli.ts [events]` runs it alone.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toSql } from '../src/sql/toSql.js';
import { median } from './timing.js';
import { benchModel, generateWorkload, SCORED_AT } from './workload.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = join(root, '.tmp');

/** Writes the seeded events as CSV (customer_id, behaviour, occurred_at ISO 8601) once. */
export async function eventsCsv(events: number, customers: number): Promise<string> {
  const file = join(tmp, `cli-bench-${events}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(tmp, { recursive: true });
  const workload = generateWorkload(events, customers);
  const ids = benchModel.behaviourIds;
  const out = createWriteStream(`${file}.part`);
  let text = 'customer_id,behaviour,occurred_at\n';
  for (let i = 0; i < events; i++) {
    text += `c${workload.customer[i]},${ids[workload.behaviour[i]!]},${new Date(workload.at[i]!).toISOString()}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      text = '';
    }
  }
  await new Promise<void>((resolve) => out.end(text, () => resolve()));
  spawnSync('mv', [`${file}.part`, file]);
  return file;
}

/** Runs `node <args>` as a fresh process; its wall time (ms) and peak resident set (bytes). */
function timed(script: string, args: readonly string[]): { ms: number; rss: number } {
  // The child reports its own peak resident set on exit: VmHWM of /proc/self/status, the peak of
  // its own memory. Not resourceUsage().maxRSS: on Linux a child's maxRSS starts from its parent's
  // resident set at the fork (the kernel keeps the old memory's peak across exec), so inside
  // `npm run bench`, whose process holds hundreds of MiB, it read 2.4x the file for a CLI whose
  // own peak was 1.7x. maxRSS only where there is no /proc.
  const wrapper = `const { readFileSync } = await import('node:fs'); process.on('exit', () => { let kb = process.resourceUsage().maxRSS; try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {} process.stderr.write('\\nmaxrss=' + kb + '\\n'); }); process.argv = [process.argv[0], ${JSON.stringify(script)}, ...${JSON.stringify(args)}]; await import(${JSON.stringify(script)});`;
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  const rss = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? 0) * 1024;
  return { ms, rss };
}

/** Prints the CLI against DuckDB on one events CSV, medians of `runs` fresh processes each. */
export async function benchCli(events = 2_000_000, customers = 100_000, runs = 3): Promise<void> {
  const cli = join(root, 'dist/cli/main.js');
  if (!existsSync(cli)) {
    console.log('\nThe command line: skipped, run `npm run build` first (dist/cli/main.js).');
    return;
  }
  const csv = await eventsCsv(events, customers);
  const model = join(tmp, 'cli-bench-model.json');
  writeFileSync(model, JSON.stringify(benchModel));
  const at = new Date(SCORED_AT).toISOString();
  const cliOut = join(tmp, 'cli-bench-out.csv');
  const duckOut = join(tmp, 'cli-bench-duck.csv');
  const query = toSql(benchModel, {
    dialect: 'duckdb',
    at: SCORED_AT,
    table: 'events',
    segment: true,
  });
  const duckScript = join(tmp, 'cli-bench-duckdb.mjs');
  writeFileSync(
    duckScript,
    `import { DuckDBInstance } from ${JSON.stringify(join(root, 'node_modules/@duckdb/node-api/lib/index.js'))};
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
await connection.run(${JSON.stringify(`CREATE VIEW events AS SELECT customer_id, behaviour, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at, NULL::DOUBLE AS weight FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'behaviour': 'VARCHAR', 'occurred_at': 'VARCHAR'})`)});
await connection.run(${JSON.stringify(`COPY (${query.replace(/;\s*$/, '')}) TO '${duckOut}' (HEADER, DELIMITER ',')`)});
`,
  );
  // The same events as Parquet, written once by DuckDB (instants as TIMESTAMPTZ), for both sides.
  const parquet = csv.replace(/\.csv$/, '.parquet');
  const duckParquetScript = join(tmp, 'cli-bench-duckdb-parquet.mjs');
  const duckImport = `import { DuckDBInstance } from ${JSON.stringify(join(root, 'node_modules/@duckdb/node-api/lib/index.js'))};
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
`;
  if (!existsSync(parquet)) {
    const writeParquet = join(tmp, 'cli-bench-write-parquet.mjs');
    writeFileSync(
      writeParquet,
      `${duckImport}await connection.run(${JSON.stringify(`COPY (SELECT customer_id, behaviour, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'behaviour': 'VARCHAR', 'occurred_at': 'VARCHAR'})) TO '${parquet}.part' (FORMAT parquet)`)});
`,
    );
    timed(writeParquet, []);
    spawnSync('mv', [`${parquet}.part`, parquet]);
  }
  writeFileSync(
    duckParquetScript,
    `${duckImport}await connection.run(${JSON.stringify(`CREATE VIEW events AS SELECT customer_id, behaviour, occurred_at, NULL::DOUBLE AS weight FROM read_parquet('${parquet}')`)});
await connection.run(${JSON.stringify(`COPY (${query.replace(/;\s*$/, '')}) TO '${duckOut}' (HEADER, DELIMITER ',')`)});
`,
  );
  const cliParquetRuns: { ms: number; rss: number }[] = [];
  const duckParquetRuns: { ms: number; rss: number }[] = [];
  const cliRuns: { ms: number; rss: number }[] = [];
  const duckRuns: { ms: number; rss: number }[] = [];
  for (let run = 0; run < runs; run++) {
    cliRuns.push(
      timed(cli, ['score', '--model', model, '--events', csv, '--at', at, '--output', cliOut]),
    );
    duckRuns.push(timed(duckScript, []));
    cliParquetRuns.push(
      timed(cli, ['score', '--model', model, '--events', parquet, '--at', at, '--output', cliOut]),
    );
    duckParquetRuns.push(timed(duckParquetScript, []));
  }
  const cliMs = median(cliRuns.map((r) => r.ms));
  const duckMs = median(duckRuns.map((r) => r.ms));
  const size = statSync(csv).size;
  const rss = Math.max(...cliRuns.map((r) => r.rss));
  console.log(
    `\nThe command line: ${events / 1e6}M-row events CSV (${(size / 2 ** 20).toFixed(0)} MiB, ${customers / 1e3}k customers), fresh processes, medians of ${runs}:`,
  );
  console.log('| path | seconds | x DuckDB time | peak RSS | RSS / input |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(
    `| engagekit score (forecasts included) | ${(cliMs / 1e3).toFixed(2)} | ${(cliMs / duckMs).toFixed(2)} | ${(rss / 2 ** 20).toFixed(0)} MiB | ${(rss / size).toFixed(2)} |`,
  );
  console.log(
    `| DuckDB read_csv + toSql + COPY | ${(duckMs / 1e3).toFixed(2)} | 1.00 | ${(Math.max(...duckRuns.map((r) => r.rss)) / 2 ** 20).toFixed(0)} MiB | |`,
  );
  const parquetSize = statSync(parquet).size;
  const cliParquetMs = median(cliParquetRuns.map((r) => r.ms));
  const duckParquetMs = median(duckParquetRuns.map((r) => r.ms));
  const parquetRss = Math.max(...cliParquetRuns.map((r) => r.rss));
  console.log(
    `| engagekit score on the same events as Parquet (${(parquetSize / 2 ** 20).toFixed(0)} MiB) | ${(cliParquetMs / 1e3).toFixed(2)} | ${(cliParquetMs / duckParquetMs).toFixed(2)} (x DuckDB on Parquet) | ${(parquetRss / 2 ** 20).toFixed(0)} MiB | ${(parquetRss / parquetSize).toFixed(2)} |`,
  );
  console.log(
    `| DuckDB read_parquet + toSql + COPY | ${(duckParquetMs / 1e3).toFixed(2)} | 1.00 | ${(Math.max(...duckParquetRuns.map((r) => r.rss)) / 2 ** 20).toFixed(0)} MiB | |`,
  );
  rmSync(cliOut, { force: true });
  rmSync(duckOut, { force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const events = Number(process.argv[2] ?? 2_000_000);
  await benchCli(events, Math.max(1, Math.round(events / 20)), 3);
}
