import type { BadRows } from '../badRows.js';
import { field } from '../fields.js';
import { readRecords } from '../readRecords.js';
import { csvSplitPoint } from './csvSplitPoint.js';
import type { ColumnNames, EventRows } from './eventRows.js';
import type { ForecastHelper } from './forecastInParallel.js';
import { readArrow, readParquet } from './readColumnar.js';
import { type CsvReadOptions, readCsvEvents } from './readCsvEvents.js';
import type { FilePartRead } from './readFilePart.js';
import { sizeOf } from './sizeOf.js';

/**
 * The share of a Parquet file's rows the main thread reads when a helper thread reads the rest
 * (the helper starts about 0.3 s later).
 */
const PARQUET_SHARE = 0.6;

/** What {@link readEventsFile} reads, and how. */
export interface EventsFileOptions {
  readonly file: string;
  readonly format: 'csv' | 'ndjson' | 'parquet' | 'arrow';
  readonly names: ColumnNames;
  /** The CSV delimiter, one byte. */
  readonly delimiter: number;
  readonly ignoreUnknown: boolean;
  /** The rows expected (CSV, NDJSON: from the file's size), to size the columns once. */
  readonly expected: number;
  readonly bad: BadRows;
  /** A helper thread, when the run has one: it reads the second part of a CSV or Parquet file. */
  readonly helper: ForecastHelper | undefined;
}

/**
 * Reads an events file of any format into `rows`, reporting its bad rows to `options.bad`; with a
 * helper thread, a CSV file's part after a cut past its middle, or a Parquet file's last row
 * groups, is read there into rows the columns lend it, and appended in order (a cut inside a
 * quoted field, or a helper that fails, leaves this thread reading on). Resolves to the threads
 * that read.
 */
export async function readEventsFile(rows: EventRows, options: EventsFileOptions): Promise<1 | 2> {
  const { file, format, names, delimiter, ignoreUnknown, expected, bad, helper } = options;
  let threads: 1 | 2 = 1;
  const onBad = (line: number, message: string) => bad.add(file, line, message);
  /** The helper's part of the file, appended in order (`line`: where its lines start). */
  const takePart = async (part: Promise<FilePartRead> | undefined, line: number) => {
    // If the helper failed, this thread reads its part itself.
    const read = await part?.catch(() => undefined);
    if (read === undefined) return false;
    rows.takePart(read);
    bad.addPart(file, read.bad, read.badCount, line);
    threads = 2;
    return true;
  };
  const common = { file, names, ignoreUnknown };
  if (format === 'csv') {
    const split = helper === undefined ? undefined : csvSplitPoint(file);
    let csvOptions: CsvReadOptions = {};
    if (helper !== undefined && split !== undefined) {
      const share = 1 - split / Math.max(1, sizeOf(file));
      let part: Promise<FilePartRead> | undefined;
      csvOptions = {
        onHeader: (columns, width) => {
          part = helper.read({
            ...common,
            format: 'csv',
            delimiter,
            part: { from: split, columns, width },
            expected: Math.ceil(expected * share) + 16,
            // its rows go where they will stay, after this thread's (moved up when read)
            into: rows.sink.lend(Math.ceil(expected * share)),
          });
          part.catch(() => undefined);
        },
        split: { at: split, take: (line) => takePart(part, line) },
      };
    }
    await readCsvEvents(rows, file, delimiter, names, onBad, csvOptions);
  } else if (format === 'parquet') {
    // Row numbers are the file's (1-based) in either part.
    let part: Promise<FilePartRead> | undefined;
    const split =
      helper === undefined
        ? undefined
        : {
            at: (groupRows: readonly number[]) => {
              const total = groupRows.reduce((sum, count) => sum + count, 0);
              let before = 0;
              let group = 0;
              while (group < groupRows.length && before < total * PARQUET_SHARE) {
                before += groupRows[group++]!;
              }
              if (group < 1 || group >= groupRows.length) return undefined;
              rows.sink.reserve(total);
              part = helper.read({
                ...common,
                format: 'parquet',
                group,
                expected: total - before,
                into: rows.sink.lend(total - before),
              });
              part.catch(() => undefined);
              return group;
            },
            take: () => takePart(part, 1),
          };
    for await (const batch of readParquet(file, names, { split })) rows.takeBatch(batch);
  } else if (format === 'arrow') {
    for await (const batch of readArrow(file, names)) rows.takeBatch(batch);
  } else {
    for await (const { line, fields } of readRecords(file, format, onBad)) {
      rows.take(
        line,
        field(fields, names.customer),
        field(fields, names.behaviour),
        field(fields, names.at),
        field(fields, names.weight),
      );
    }
  }
  return threads;
}
