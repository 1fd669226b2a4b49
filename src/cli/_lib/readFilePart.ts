import type { CompiledModel } from '../../model/compileModel.js';
import { type BadRow, collectBadRows } from '../badRows.js';
import type { ColumnsRegion } from './eventColumnsSink.js';
import { type ColumnNames, type EventRowsPart, eventRows } from './eventRows.js';
import { readParquet } from './readColumnar.js';
import { type CsvPart, readCsvEvents } from './readCsvEvents.js';

/** What the helper thread is asked to read: the second part of an events file. */
export type FilePartJob = {
  readonly file: string;
  readonly names: ColumnNames;
  readonly ignoreUnknown: boolean;
  /** The rows expected in the part, to size its columns once (when `into` is short). */
  readonly expected: number;
  /** The main thread's columns' rows lent for the part (shared memory), filled first. */
  readonly into?: ColumnsRegion | undefined;
} & (
  | {
      /** A CSV from `part.from` (a record's first byte) to the end. */
      readonly format: 'csv';
      readonly delimiter: number;
      readonly part: CsvPart;
    }
  | {
      /** A Parquet file's row groups from `group` on. */
      readonly format: 'parquet';
      readonly group: number;
    }
);

/**
 * A part as read: its customers and columns, and its bad rows (CSV: lines counted from 1 at the
 * part's start; Parquet: the file's row numbers).
 */
export interface FilePartRead extends EventRowsPart {
  /** The first bad rows (as many as a report shows). */
  readonly bad: readonly BadRow[];
  /** How many bad rows the part has in all. */
  readonly badCount: number;
}

/**
 * Reads the part of an events file that `job` names as `engagekit score` reads a whole file (the
 * same checks, the same messages), into the rows lent to it or columns of its own: the helper
 * thread's part of the reading. Its customers are indexed in the order they are first seen in the
 * part; the main thread re-indexes them when it appends the part (`EventRows.takePart`).
 */
export async function readFilePart(model: CompiledModel, job: FilePartJob): Promise<FilePartRead> {
  const collect = collectBadRows();
  const csv = job.format === 'csv';
  const rows = eventRows({
    file: job.file,
    model,
    names: job.names,
    ignoreUnknown: job.ignoreUnknown,
    bad: collect,
    expected: job.expected,
    csv,
    typedIds: !csv,
    into: job.into,
  });
  if (job.format === 'csv') {
    const onBad = (line: number, message: string) => collect.add(job.file, line, message);
    await readCsvEvents(rows, job.file, job.delimiter, job.names, onBad, { part: job.part });
  } else {
    for await (const batch of readParquet(job.file, job.names, { from: job.group })) {
      rows.takeBatch(batch);
    }
  }
  const columns = rows.sink.columns();
  const inPlace = job.into !== undefined && columns.customer.buffer === job.into.customer.buffer;
  // copies of exactly the ids' bytes, which the thread hands over without a copy (transferred)
  const ids = rows.customerBytes();
  const customerBytes = { bytes: new Uint8Array(ids.bytes), offsets: ids.offsets.slice() };
  return { customerBytes, columns, inPlace, bad: collect.shown, badCount: collect.count };
}
