import { unlinkSync } from 'node:fs';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type OutputFormat = 'csv' | 'json' | 'ndjson';

/** Writing the output failed: the message names the path and the reason (exit code 1). */
export class OutputError extends Error {}

/** How rows are written. */
export interface WriteOptions {
  /**
   * Prefix CSV text cells that start with `=`, `+`, `-`, `@`, tab or carriage return with `'`, so
   * that a spreadsheet shows them instead of running them as formulas (OWASP's advice). Numbers
   * are never changed. Default true; `--no-formula-guard` turns it off.
   */
  readonly formulaGuard?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV cell: formula-leading text neutralised (unless turned off), quoted when needed (RFC 4180). */
export function csvCell(value: string | number | null, formulaGuard: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaGuard && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function reasonOf(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  return message ?? String(error);
}

/** The write error for `file` (`-` for standard output), naming the path and the reason. */
export function outputError(file: string, error: unknown): OutputError {
  const where = file === '-' ? 'standard output' : file;
  return new OutputError(`cannot write ${where}: ${reasonOf(error)}`);
}

/**
 * Checks before any input is read that `file` can be written: its folder exists and the target is
 * not a directory. Throws an {@link OutputError} naming the path and the reason.
 */
export async function checkOutput(file: string | undefined): Promise<void> {
  if (file === undefined || file === '-') return;
  const folder = await stat(dirname(file)).catch((error: unknown) => {
    throw outputError(file, error);
  });
  if (!folder.isDirectory()) throw outputError(file, { message: 'its folder is not a directory' });
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory() === true) throw outputError(file, { code: 'EISDIR' });
}

/** Where text goes: appended in order, then committed (all of it) or aborted (none of it). */
interface Sink {
  write(text: string): Promise<void>;
  /** Appends UTF-8 bytes, which the caller may reuse once the promise settles. */
  writeBytes(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const CHUNK = 1 << 20;

/**
 * A file written atomically: into a temporary file beside the target, renamed over it only when
 * everything is written. A SIGTERM or SIGINT meanwhile removes the temporary file, so no partial
 * output is ever left under the target's name.
 */
async function fileSink(file: string): Promise<Sink> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  // The handler is in place before the file exists, so no signal can leave it behind.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created yet, or gone already.
    }
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const release = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'wx');
  } catch (error) {
    release();
    throw outputError(file, error);
  }
  let pending = '';
  const flush = async () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    try {
      await handle.writeFile(text);
    } catch (error) {
      throw outputError(file, error);
    }
  };
  const abort = async () => {
    release();
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
  };
  return {
    async write(text) {
      pending += text;
      if (pending.length >= CHUNK) await flush();
    },
    async writeBytes(bytes) {
      await flush();
      try {
        await handle.writeFile(bytes);
      } catch (error) {
        throw outputError(file, error);
      }
    },
    async commit() {
      try {
        await flush();
        await handle.sync();
        await handle.close();
        await rename(temporary, file);
      } catch (error) {
        await abort();
        throw error instanceof OutputError ? error : outputError(file, error);
      }
      release();
    },
    abort,
  };
}

function writeStdout(text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => {
      // A reader that went away (`| head -2`) is not an error: main stops quietly.
      if ((error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE') process.exit(0);
      if (error) reject(outputError('-', error));
      else resolve();
    });
  });
}

/**
 * Standard output, held back until the run is known good: the text is kept in memory (the output,
 * not the input: a few dozen bytes a row) and written only on commit, so a failure half-way
 * writes nothing.
 */
function stdoutSink(): Sink {
  const chunks: (string | Uint8Array)[] = [];
  let pending = '';
  return {
    async write(text) {
      pending += text;
      if (pending.length >= CHUNK) {
        chunks.push(pending);
        pending = '';
      }
    },
    async writeBytes(bytes) {
      // A copy (a Buffer's slice would be a view of the caller's reused buffer).
      chunks.push(pending, new Uint8Array(bytes));
      pending = '';
    },
    async commit() {
      chunks.push(pending);
      for (const chunk of chunks) await writeStdout(chunk);
      chunks.length = 0;
    },
    async abort() {
      chunks.length = 0;
    },
  };
}

async function sinkFor(file: string | undefined): Promise<Sink> {
  return file === undefined || file === '-' ? stdoutSink() : fileSink(file);
}

/**
 * Writes rows as CSV with a header, a JSON array or NDJSON (one object a line), to a file or
 * standard output, all or nothing: when `rows` throws half-way, nothing is written.
 */
export async function writeRows(
  rows: Iterable<Readonly<Record<string, string | number | null>>>,
  columns: readonly string[],
  format: OutputFormat,
  file: string | undefined,
  options: WriteOptions = {},
): Promise<void> {
  const guard = options.formulaGuard ?? true;
  const sink = await sinkFor(file);
  // The rows are joined here and handed to the sink a chunk at a time: one await a chunk, not a row.
  let text = '';
  const flush = () => {
    const chunk = text;
    text = '';
    return sink.write(chunk);
  };
  /** Appends a line; true when a chunk is full and must be flushed. */
  const add = (line: string): boolean => {
    text += line;
    return text.length >= CHUNK;
  };
  try {
    if (format === 'csv') {
      if (add(`${columns.map((column) => csvCell(column, guard)).join(',')}\n`)) await flush();
      for (const row of rows) {
        let line = '';
        for (let i = 0; i < columns.length; i++) {
          if (i > 0) line += ',';
          line += csvCell(row[columns[i]!] ?? null, guard);
        }
        if (add(`${line}\n`)) await flush();
      }
    } else if (format === 'ndjson') {
      for (const row of rows) if (add(`${JSON.stringify(row)}\n`)) await flush();
    } else {
      if (add('[')) await flush();
      let first = true;
      for (const row of rows) {
        if (add(`${first ? '\n' : ',\n'}  ${JSON.stringify(row)}`)) await flush();
        first = false;
      }
      if (add(first ? ']\n' : '\n]\n')) await flush();
    }
    await flush();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.commit();
}

/**
 * Writes CSV made by the caller as UTF-8 bytes, a chunk at a time (each chunk whole lines, cells
 * made as {@link csvCell} makes them), after the header: `chunks` may reuse one buffer, since each
 * chunk is written before the next is asked for.
 */
export async function writeCsvChunks(
  chunks: Iterable<Uint8Array>,
  columns: readonly string[],
  file: string | undefined,
  options: WriteOptions = {},
): Promise<void> {
  const guard = options.formulaGuard ?? true;
  const sink = await sinkFor(file);
  try {
    await sink.write(`${columns.map((column) => csvCell(column, guard)).join(',')}\n`);
    for (const chunk of chunks) await sink.writeBytes(chunk);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.commit();
}

/** Writes a command's whole result to a file (atomically), or to standard output when `file` is `-` or not given. */
export async function writeText(text: string, file: string | undefined): Promise<void> {
  const sink = await sinkFor(file);
  await sink.write(text);
  await sink.commit();
}
