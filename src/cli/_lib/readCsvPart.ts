import type { CompiledModel } from '../../model/compileModel.js';
import type { BadRows } from '../badRows.js';
import type { ColumnsRegion } from './eventColumnsSink.js';
import { type ColumnNames, type EventRowsPart, eventRows } from './eventRows.js';
import { type CsvPart, readCsvEvents } from './readCsvEvents.js';

/** What the helper thread is asked to read: the part of an events CSV from `part.from` on. */
export interface CsvPartJob {
  readonly file: string;
  readonly delimiter: number;
  readonly names: ColumnNames;
  readonly ignoreUnknown: boolean;
  readonly part: CsvPart;
  /** The rows expected in the part, to size its columns once (when `into` is short). */
  readonly expected: number;
  /** The main thread's columns' rows lent for the part (shared memory), filled first. */
  readonly into?: ColumnsRegion | undefined;
}

/** A part as read: its customers and columns, and its bad rows (lines counted from its start). */
export interface CsvPartRead extends EventRowsPart {
  /** The first bad rows (as many as a report shows), lines counted from 1 at the part's start. */
  readonly bad: readonly { readonly line: number; readonly message: string }[];
  /** How many bad rows the part has in all. */
  readonly badCount: number;
}

/** How many bad rows a report shows (`collectBadRows`' default). */
const SHOWN = 20;

/**
 * Reads the part of an events CSV that `job` names as `engagekit score` reads a whole file (the
 * same checks, the same messages), into columns of its own: the helper thread's half of the
 * reading. Its customers are indexed in the order they are first seen in the part; the main
 * thread re-indexes them when it appends the part (`EventRows.takePart`).
 */
export async function readCsvPart(model: CompiledModel, job: CsvPartJob): Promise<CsvPartRead> {
  const bad: { line: number; message: string }[] = [];
  let badCount = 0;
  const collect: BadRows = {
    add(_file, line, message) {
      badCount++;
      if (bad.length < SHOWN) bad.push({ line, message });
    },
    addUnshown(rows) {
      badCount += rows;
    },
    get count() {
      return badCount;
    },
    report: () => '',
  };
  const rows = eventRows({
    file: job.file,
    model,
    names: job.names,
    ignoreUnknown: job.ignoreUnknown,
    bad: collect,
    expected: job.expected,
    csv: true,
    into: job.into,
  });
  const onBad = (line: number, message: string) => collect.add(job.file, line, message);
  await readCsvEvents(rows, job.file, job.delimiter, job.names, onBad, { part: job.part });
  const columns = rows.sink.columns();
  const inPlace = job.into !== undefined && columns.customer.buffer === job.into.customer.buffer;
  return { customerIds: rows.customerIds, columns, inPlace, bad, badCount };
}
