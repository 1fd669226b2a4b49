import type { ColumnIndexes, ColumnNames, EventRows } from './eventRows.js';
import { fieldText, type ScannedRecord, type ScanRange, scanCsv } from './scanFile.js';

/** Where each column is in a CSV header, or a message naming what is missing and what it has. */
function columnIndexes(
  header: readonly string[],
  names: ColumnNames,
): ColumnIndexes | { missing: string } {
  const find = (accepted: readonly string[]) => {
    for (const name of accepted) {
      const index = header.indexOf(name);
      if (index >= 0) return index;
    }
    return -1;
  };
  const indexes = {
    customer: find(names.customer),
    behaviour: find(names.behaviour),
    at: find(names.at),
    weight: find(names.weight),
  };
  const missing = (['customer', 'behaviour', 'at'] as const)
    .filter((key) => indexes[key] < 0)
    .map((key) => `${names[key].join(' or ')}`);
  return missing.length === 0
    ? indexes
    : {
        missing: `the header has no ${missing.join(', no ')} column (it has ${header.map((name) => JSON.stringify(name)).join(', ')}); name the columns with --customer-column, --behaviour-column, --at-column`,
      };
}

/** A part of an events CSV read apart from its header (the second thread's part). */
export interface CsvPart {
  /** The byte the part starts at: a record's first. */
  readonly from: number;
  /** The columns the header names, and its number of fields. */
  readonly columns: ColumnIndexes;
  readonly width: number;
}

/** How {@link readCsvEvents} reads a part of a file, or up to a split. */
export interface CsvReadOptions {
  /** Read from `part.from` to the end with the header given (lines counted from 1 there). */
  readonly part?: CsvPart;
  /** Called with the header's columns once it is read (and found to name every column). */
  readonly onHeader?: (columns: ColumnIndexes, width: number) => void;
  /** Where the rest of the file may be read elsewhere: see `scanCsv`. */
  readonly split?: ScanRange['split'];
}

/**
 * Reads an events CSV (a header, then records; `delimiter` one byte; `-` standard input) into
 * `rows`: the header names the columns (a missing one is reported once, for the header), a record
 * with another number of fields than the header is a bad row, every other record goes to
 * `rows.takeRecord`. With `options.part`, reads only that part (no header); with
 * `options.split`, may stop there (see `scanCsv`).
 */
export async function readCsvEvents(
  rows: EventRows,
  file: string,
  delimiter: number,
  names: ColumnNames,
  onBad: (line: number, message: string) => void,
  options: CsvReadOptions = {},
): Promise<void> {
  let header: ColumnIndexes | undefined = options.part?.columns;
  let width = options.part?.width ?? 0;
  let missing = false;
  const record = (row: ScannedRecord) => {
    if (missing) return;
    if (header === undefined) {
      const cells: string[] = [];
      for (let i = 0; i < row.count; i++) cells.push(fieldText(row, i));
      const found = columnIndexes(cells, names);
      if ('missing' in found) {
        // Reported once, for the header, not for every row.
        missing = true;
        onBad(row.line, found.missing);
        return;
      }
      header = found;
      width = row.count;
      options.onHeader?.(found, width);
      return;
    }
    if (row.count !== width) {
      onBad(
        row.line,
        `has ${row.count} field${row.count === 1 ? '' : 's'}, the header has ${width}`,
      );
      return;
    }
    rows.takeRecord(row, header);
  };
  const range = { from: options.part?.from, split: options.split };
  for await (const _ of scanCsv(file, delimiter, { record, bad: onBad }, range)) {
    // The handlers have read the chunk.
  }
}
