/**
 * The CSV parsers `engagekit score` could read with, on the same events CSV (bench/cli.ts's,
 * generated once into .tmp/): each one reads the file and hands over every row's customer,
 * behaviour and instant fields, and the row count is checked. The well-kept parsers (udsv,
 * papaparse, d3-dsv, csv-parse) take a string, so their time includes decoding the file; the
 * CLI's own scanner reads the bytes (scan alone: fields as byte ranges; then the whole reader:
 * ids interned, instants parsed, typed columns filled). One process, the median of `runs` runs,
 * rows per second. `npx tsx bench/cli-parsers.ts [events] [runs]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as csvParseStream } from 'csv-parse';
import { parse as csvParseSync } from 'csv-parse/sync';
import { csvParseRows } from 'd3-dsv';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { estimateRows } from '../src/cli/_lib/estimateRows.js';
import { eventRows } from '../src/cli/_lib/eventRows.js';
import { readCsvEvents } from '../src/cli/_lib/readCsvEvents.js';
import { scanCsv } from '../src/cli/_lib/scanFile.js';
import { collectBadRows } from '../src/cli/badRows.js';
import { compileModel } from '../src/model/compileModel.js';
import { eventsCsv } from './cli.js';
import { median } from './timing.js';
import { benchModel } from './workload.js';

/** Sums the fields' lengths, so that no parser's work can be skipped. */
function touch(rows: readonly (readonly string[])[]): number {
  let total = 0;
  for (const row of rows) total += row[0]!.length + row[1]!.length + row[2]!.length;
  return total;
}

type Candidate = (file: string) => Promise<number>;

const candidates: Record<string, Candidate> = {
  'udsv 0.7 (stringArrs)': async (file) => {
    const text = readFileSync(file, 'utf8');
    const parser = initParser(inferSchema(text));
    const rows = parser.stringArrs(text);
    touch(rows);
    return rows.length;
  },
  'papaparse 5 (whole string)': async (file) => {
    const rows = Papa.parse<string[]>(readFileSync(file, 'utf8'), { header: false }).data;
    // Papa keeps a last empty row for the final line break.
    const count = rows.length - (rows.at(-1)?.length === 1 ? 1 : 0);
    touch(rows.slice(1, count));
    return count - 1;
  },
  'd3-dsv 3 (csvParseRows)': async (file) => {
    const rows = csvParseRows(readFileSync(file, 'utf8'));
    touch(rows.slice(1));
    return rows.length - 1;
  },
  'csv-parse 6 (sync, arrays)': async (file) => {
    const rows = csvParseSync(readFileSync(file, 'utf8'), { from_line: 2 }) as string[][];
    touch(rows);
    return rows.length;
  },
  'csv-parse 6 (stream, as the CLI used it)': async (file) => {
    let count = 0;
    let total = 0;
    const { createReadStream } = await import('node:fs');
    const parser = createReadStream(file).pipe(csvParseStream({ from_line: 2 }));
    for await (const row of parser as AsyncIterable<string[]>) {
      total += row[0]!.length + row[1]!.length + row[2]!.length;
      count++;
    }
    return total >= 0 ? count : 0;
  },
  "engagekit's scanner (fields as byte ranges)": async (file) => {
    let count = 0;
    let total = 0;
    for await (const _ of scanCsv(file, 44, {
      record: (record) => {
        total += record.end[0]! - record.start[0]! + record.end[2]! - record.start[2]!;
        count++;
      },
      bad: () => undefined,
    })) {
      // Each chunk read.
    }
    return total >= 0 ? count - 1 : 0;
  },
  "engagekit's reader (scanner + ids, instants, typed columns)": async (file) => {
    const bad = collectBadRows();
    const names = {
      customer: ['customer_id'],
      behaviour: ['behaviour'],
      at: ['occurred_at'],
      weight: ['weight'],
    };
    const rows = eventRows({
      file,
      model: compileModel(benchModel, 'score'),
      names,
      ignoreUnknown: false,
      bad,
      expected: estimateRows(file),
      csv: true,
    });
    await readCsvEvents(rows, file, 44, names, (line, message) => bad.add(file, line, message));
    if (bad.count > 0) throw new Error(bad.report());
    return rows.sink.size;
  },
};

export async function benchCliParsers(events = 500_000, runs = 3): Promise<void> {
  const file = await eventsCsv(events, Math.max(1, Math.round(events / 20)));
  console.log(
    `\nCSV parsers on the same ${events / 1e6}M-row events CSV (${file}), medians of ${runs} runs after one warm-up:`,
  );
  console.log('| parser | ms | rows/s |');
  console.log('|---|---:|---:|');
  for (const [name, candidate] of Object.entries(candidates)) {
    const count = await candidate(file);
    if (count !== events) throw new Error(`${name}: read ${count} rows, not ${events}`);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await candidate(file);
      times.push(performance.now() - start);
    }
    const ms = median(times);
    console.log(`| ${name} | ${ms.toFixed(0)} | ${(((events / ms) * 1000) / 1e6).toFixed(2)}M |`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchCliParsers(Number(process.argv[2] ?? 500_000), Number(process.argv[3] ?? 3));
}
