/**
 * Where `engagekit score`'s time goes, phase by phase, in one process: reading an events CSV into
 * typed columns (the CLI's own reader), the forecast on one thread and on two (the CLI's helper
 * thread, which runs dist/cli/main.js: `npm run build` first), ordering the customers and writing
 * the output. Wall and CPU milliseconds of each phase (the CPU of the whole process: both threads
 * in the two-thread forecast), and the memory the columns take. `npx tsx bench/cli-phases.ts [events]` (the CSV is
 * bench/cli.ts's, generated once into .tmp/).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { estimateRows } from '../src/cli/_lib/estimateRows.js';
import { eventRows } from '../src/cli/_lib/eventRows.js';
import { forecastInParallel, startForecastHelper } from '../src/cli/_lib/forecastInParallel.js';
import { readCsvEvents } from '../src/cli/_lib/readCsvEvents.js';
import { writeForecast } from '../src/cli/_lib/writeForecast.js';
import { collectBadRows } from '../src/cli/badRows.js';
import { AT_FIELDS, BEHAVIOUR_FIELDS, CUSTOMER_FIELDS } from '../src/cli/fields.js';
import { compileModel } from '../src/model/compileModel.js';
import { idOrder } from '../src/segment/_lib/idOrder.js';
import { forecastColumns } from '../src/segment/forecastColumns.js';
import { eventsCsv } from './cli.js';
import { benchModel, SCORED_AT } from './workload.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `phase`, printing its wall and CPU milliseconds. */
async function timed<T>(name: string, phase: () => Promise<T> | T): Promise<T> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await phase();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(
    `| ${name} | ${wall.toFixed(0)} | ${((used.user + used.system) / 1000).toFixed(0)} |`,
  );
  return result;
}

const names = {
  customer: CUSTOMER_FIELDS,
  behaviour: BEHAVIOUR_FIELDS,
  at: AT_FIELDS,
  weight: ['weight'],
};

/** Reads the CSV into columns as `engagekit score` does. */
async function read(file: string, compiled: ReturnType<typeof compileModel>) {
  const bad = collectBadRows();
  const rows = eventRows({
    file,
    model: compiled,
    names,
    ignoreUnknown: false,
    bad,
    expected: estimateRows(file),
    csv: true,
  });
  await readCsvEvents(rows, file, 44, names, (line, message) => bad.add(file, line, message));
  if (bad.count > 0) throw new Error(bad.report());
  return rows;
}

export async function benchCliPhases(events: number): Promise<void> {
  const cli = join(root, 'dist/cli/main.js');
  if (!existsSync(cli)) {
    console.log('cli-phases: run `npm run build` first (the helper thread runs dist/cli/main.js)');
    return;
  }
  const file = await eventsCsv(events, Math.max(1, Math.round(events / 20)));
  const compiled = compileModel(benchModel, 'score');
  console.log(`\nengagekit score's phases on ${events / 1e6}M rows (${file}), one run each:`);
  console.log('| phase | wall ms | CPU ms (the process, both threads) |');
  console.log('|---|---:|---:|');
  const rows = await timed('read the CSV into columns', () => read(file, compiled));
  const columns = rows.sink.columns();
  const count = rows.customerCount;
  const one = await timed('forecastColumns, one thread', () =>
    forecastColumns(compiled, columns, SCORED_AT, count),
  );
  // The helper is started before the reading in the CLI; here its start-up is timed with it.
  // The reader's columns are on SharedArrayBuffers, which the helper reads in place.
  const copy = columns;
  const { forecast: two, threads } = await timed(
    'forecast on two threads (helper start-up included)',
    () =>
      forecastInParallel(
        startForecastHelper(pathToFileURL(cli), benchModel),
        compiled,
        copy,
        SCORED_AT,
        count,
      ),
  );
  if (threads !== 2) throw new Error('cli-phases: the helper thread did not run');
  for (let c = 0; c < count; c++) {
    if (one.score[c] !== two.score[c] || one.nextAt[c] !== two.nextAt[c]) {
      throw new Error(`cli-phases: the two-thread forecast differs at customer ${c}`);
    }
  }
  const out = join(root, '.tmp/cli-phases-out.csv');
  await timed('order the customers and write the CSV', () =>
    writeForecast(rows.customerIds, idOrder(rows.customerIds), one, 'csv', out),
  );
  rmSync(out, { force: true });
  const bytes = columns.customer.byteLength + columns.behaviour.byteLength + columns.at.byteLength;
  console.log(
    `columns: ${(bytes / columns.customer.length).toFixed(1)} bytes an event (${rows.sink.capacity} rows reserved for ${columns.customer.length} read)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchCliPhases(Number(process.argv[2] ?? 2_000_000));
}
