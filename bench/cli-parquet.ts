/**
 * The Parquet readers `engagekit score` could read with, on bench/cli.ts's Parquet file (written by
 * DuckDB from the 2M-row CSV; run bench/cli.ts once first): the CLI's own read (its page reader
 * over hyparquet's metadata and Snappy, ids interned into the columns: the whole read phase, one
 * thread), hyparquet's `parquetRead` decoding the three events columns, and parquet-wasm (Rust
 * compiled to WebAssembly) reading them into Arrow IPC, read back with apache-arrow. Each in a fresh process, so that
 * module loading and WebAssembly compilation count as they do for a run of the CLI; wall and CPU
 * milliseconds. `npx tsx bench/cli-parquet.ts [file] [runs]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const COLUMNS = ['customer_id', 'behaviour', 'occurred_at'];

/** One reader's run, in the child process: prints `rows wall cpu`. */
async function readWith(reader: string, file: string): Promise<void> {
  let start = performance.now();
  let cpu = process.cpuUsage();
  let rows = 0;
  if (reader === 'engagekit') {
    // the CLI's whole read on one thread: the page reader, ids interned, columns filled (timed
    // from after loading its modules, which tsx transpiles here and the CLI has bundled)
    const { eventRows } = await import('../src/cli/_lib/eventRows.js');
    const { readParquet } = await import('../src/cli/_lib/readColumnar.js');
    const { collectBadRows } = await import('../src/cli/badRows.js');
    const { compileModel } = await import('../src/model/compileModel.js');
    const { benchModel } = await import('./workload.js');
    start = performance.now();
    cpu = process.cpuUsage();
    const names = {
      customer: [COLUMNS[0]!],
      behaviour: [COLUMNS[1]!],
      at: [COLUMNS[2]!],
      weight: ['weight'],
    };
    const bad = collectBadRows();
    const events = eventRows({
      file,
      model: compileModel(benchModel, 'score'),
      names,
      ignoreUnknown: false,
      bad,
      expected: 16,
      csv: false,
      typedIds: true,
    });
    for await (const batch of readParquet(file, names)) events.takeBatch(batch);
    if (bad.count > 0) throw new Error(bad.report());
    rows = events.sink.size;
  } else if (reader === 'hyparquet') {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await import('hyparquet');
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    await parquetRead({
      file: buffer,
      metadata,
      columns: COLUMNS,
      onChunk: (chunk) => {
        if (chunk.columnName === COLUMNS[0]) rows += chunk.rowEnd - chunk.rowStart;
      },
    });
  } else {
    const { readFileSync } = await import('node:fs');
    const parquet = await import('parquet-wasm/node');
    const arrow = await import('apache-arrow');
    const table = arrow.tableFromIPC(
      parquet.readParquet(readFileSync(file), { columns: COLUMNS }).intoIPCStream(),
    );
    rows = table.numRows;
  }
  const used = process.cpuUsage(cpu);
  console.log(`${rows} ${performance.now() - start} ${(used.user + used.system) / 1000}`);
}

export function benchCliParquet(file: string, runs = 3): void {
  if (!existsSync(file)) {
    console.log(`cli-parquet: no ${file}; run bench/cli.ts first, it writes it`);
    return;
  }
  console.log(`\nParquet readers on ${file} (three columns), fresh processes, medians of ${runs}:`);
  console.log('| reader | rows | wall ms | CPU ms |');
  console.log('|---|---:|---:|---:|');
  for (const reader of ['engagekit', 'hyparquet', 'parquet-wasm']) {
    const results: number[][] = [];
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--reader', reader, file],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${reader}: ${child.stderr}`);
      results.push(child.stdout.trim().split(' ').map(Number));
    }
    const wall = median(results.map((r) => r[1]!));
    const cpu = median(results.map((r) => r[2]!));
    console.log(`| ${reader} | ${results[0]![0]} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} |`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--reader') await readWith(process.argv[3]!, process.argv[4]!);
  else {
    benchCliParquet(
      process.argv[2] ?? join(root, '.tmp/cli-bench-2000000.parquet'),
      Number(process.argv[3] ?? 3),
    );
  }
}
