import { statSync } from 'node:fs';
import { fieldText, type ScannedRecord, scanCsv, scanLines } from './_lib/scanFile.js';
import { type Progress, startProgress } from './progress.js';

/** One input row with the line it started on (1-based, header included for CSV). */
export interface InputRecord {
  readonly line: number;
  /** The row's fields by column name, in an object without a prototype (`constructor` is no field). */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A row that could not be read at all (broken JSON, ragged CSV). */
export class BadRowError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

export type InputFormat = 'csv' | 'ndjson';

/** Reports a row that cannot be read: its line and what is wrong with it. */
export type BadRowSink = (line: number, message: string) => void;

/** The format of a file from its extension: .csv, or .ndjson / .jsonl. */
export function formatOf(file: string): InputFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

function progressOf(file: string): Progress {
  let total: number | undefined;
  try {
    total = file === '-' ? undefined : statSync(file).size;
  } catch {
    total = undefined;
  }
  return startProgress(file, total);
}

/**
 * Streams the non-blank lines of a plain text file, trimmed, with their 1-based line numbers
 * (LF or CRLF; a UTF-8 byte order mark is skipped). `-` reads standard input. A line that is not
 * valid UTF-8 goes to `bad` (or throws a {@link BadRowError} without it).
 */
export async function* readLines(
  file: string,
  bad?: BadRowSink,
): AsyncGenerator<{ line: number; text: string }> {
  const progress = progressOf(file);
  const batch: { line: number; text: string }[] = [];
  const onBad = bad ?? throwBad(file);
  try {
    for await (const _ of scanLines(
      file,
      (line, text) => batch.push({ line, text: text.trim() }),
      onBad,
    )) {
      yield* batch;
      batch.length = 0;
    }
    yield* batch;
  } finally {
    progress.done();
  }
}

function throwBad(file: string): BadRowSink {
  return (line, message) => {
    throw new BadRowError(file, line, message);
  };
}

/**
 * Streams the rows of a CSV (with a header line; RFC 4180 quoting, LF or CRLF, a byte order mark
 * skipped, `delimiter` one character, default `,`) or NDJSON file, a chunk at a time, so that a file
 * of any size is never held in memory whole. `-` reads standard input. A row that cannot be read
 * (broken JSON, ragged or malformed CSV, invalid UTF-8) goes to `bad` with its line and the rows
 * after it are still read; without `bad` the first one throws a {@link BadRowError}.
 */
export async function* readRecords(
  file: string,
  format: InputFormat,
  bad?: BadRowSink,
  delimiter = ',',
): AsyncGenerator<InputRecord> {
  const progress = progressOf(file);
  const onBad = bad ?? throwBad(file);
  const batch: InputRecord[] = [];
  try {
    if (format === 'csv') {
      let header: string[] | undefined;
      const take = (record: ScannedRecord) => {
        if (header === undefined) {
          header = [];
          for (let i = 0; i < record.count; i++) header.push(fieldText(record, i));
          return;
        }
        if (record.count !== header.length) {
          onBad(
            record.line,
            `has ${record.count} field${record.count === 1 ? '' : 's'}, the header has ${header.length}`,
          );
          return;
        }
        const fields: Record<string, unknown> = Object.create(null);
        for (let i = 0; i < record.count; i++) fields[header[i]!] = fieldText(record, i);
        batch.push({ line: record.line, fields });
      };
      for await (const _ of scanCsv(file, delimiter.charCodeAt(0), { record: take, bad: onBad })) {
        yield* batch;
        batch.length = 0;
      }
      yield* batch;
    } else {
      const take = (line: number, text: string) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          onBad(line, `not valid JSON (${(error as Error).message})`);
          return;
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          onBad(line, 'each line must be a JSON object');
          return;
        }
        const fields: Record<string, unknown> = Object.assign(Object.create(null), parsed);
        batch.push({ line, fields });
      };
      for await (const _ of scanLines(file, take, onBad)) {
        yield* batch;
        batch.length = 0;
      }
      yield* batch;
    }
  } finally {
    progress.done();
  }
}
