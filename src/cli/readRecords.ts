import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { type Progress, startProgress } from './progress.js';

/** One input row with the line it started on (1-based, header included for CSV). */
export interface InputRecord {
  readonly line: number;
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

/** The format of a file from its extension: .csv, or .ndjson / .jsonl. */
export function formatOf(file: string): InputFormat | undefined {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

function open(file: string): { stream: Readable; progress: Progress } {
  const stream = file === '-' ? process.stdin : createReadStream(file);
  const total = file === '-' ? undefined : statSync(file).size;
  const progress = startProgress(file, total);
  stream.on('data', (chunk: Buffer | string) => progress.advance(chunk.length));
  return { stream, progress };
}

/**
 * Streams the non-blank lines of a plain text file, trimmed, with their 1-based line numbers.
 * `-` reads standard input.
 */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const { stream, progress } = open(file);
  try {
    let line = 0;
    for await (const text of createInterface({
      input: stream,
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      line++;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed !== '') yield { line, text: trimmed };
    }
  } finally {
    progress.done();
  }
}

/**
 * Streams the rows of a CSV (with a header line) or NDJSON file, one at a time, so that a file of
 * any size is never held in memory whole. `-` reads standard input.
 */
export async function* readRecords(file: string, format: InputFormat): AsyncGenerator<InputRecord> {
  const { stream, progress } = open(file);
  try {
    if (format === 'csv') {
      const parser = stream.pipe(
        parse({ columns: true, info: true, bom: true, skip_empty_lines: true, trim: true }),
      );
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: Record<string, string>;
          info: { lines: number };
        }>) {
          yield { line: info.lines, fields: record };
        }
      } catch (error) {
        const line = (error as { lines?: number }).lines ?? 0;
        throw new BadRowError(file, line, (error as Error).message);
      }
    } else {
      let line = 0;
      for await (const text of createInterface({
        input: stream,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        line++;
        if (text.trim() === '') continue;
        let fields: unknown;
        try {
          fields = JSON.parse(text);
        } catch (error) {
          throw new BadRowError(file, line, `not valid JSON (${(error as Error).message})`);
        }
        if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
          throw new BadRowError(file, line, 'each line must be a JSON object');
        }
        yield { line, fields: fields as Record<string, unknown> };
      }
    }
  } finally {
    progress.done();
  }
}
