import { isUtf8 } from 'node:buffer';
import { type FileHandle, open } from 'node:fs/promises';
import { InputError } from './InputError.js';

/** The longest record (CSV) or line (NDJSON, text) read: a longer one is an error, memory stays bounded. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * 1 MiB: no slower to read than 4 MiB chunks (a read call a MiB is nothing beside scanning it),
 * and with two threads reading, each holds two chunks.
 */
const CHUNK_BYTES = 1024 * 1024;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One record's fields as byte ranges of `bytes`, valid until the next record. */
export interface ScannedRecord {
  /** The 1-based line the record starts on. */
  line: number;
  bytes: Buffer;
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** 1 when the field was quoted and holds `""`, so its text needs unescaping. */
  escaped: Uint8Array;
}

/** What a scan reports: each record, and each record it could not read (then skipped). */
export interface ScanHandlers {
  record(record: ScannedRecord): void;
  bad(line: number, message: string): void;
}

/** Opens an input file, turning a directory or an unreadable file into an {@link InputError}. */
async function openInput(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (error as Error).message;
    throw new InputError(`cannot read ${file}: ${reason}`);
  }
  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw new InputError(`cannot read ${file}: it is a directory, not a file`);
  }
  return handle;
}

/**
 * Where a scan of a file starts, and where it may stop: the second thread's part of a file is read
 * from `from` (a record's first byte); the first part up to `split.at`, where the scan asks
 * `split.take` whether the rest is read elsewhere (see {@link scanCsv}).
 */
export interface ScanRange {
  /** The byte the scan starts at (0: the file's start, where a byte order mark is skipped). */
  readonly from?: number | undefined;
  /** A byte where the records may be cut: see {@link scanCsv}. */
  readonly split?:
    | {
        readonly at: number;
        /**
         * Called once the scan reached `at` with every record before it read and none running past
         * it, with the 1-based line that starts at `at`: true when the rest of the file is taken care
         * of (the scan stops there), false to read on.
         */
        take(line: number): Promise<boolean>;
      }
    | undefined;
}

/**
 * The bytes of a file in chunks: each chunk is the bytes `left()` says the caller has not used of
 * the previous one (a partial record: copied, a few bytes) followed by up to 1 MiB read straight
 * into the same buffer, so the file's bytes are never copied as a whole; then one chunk with no
 * new bytes, `last`. A chunk's bytes are valid until the next one is asked for. `-` reads standard
 * input (a pipe, a socket or a file alike). From `from` on when given; with `pause`, reading stops
 * at that byte for one chunk that is not `last`, and goes on only when `resume()` says so.
 */
async function* chunksOf(
  file: string,
  left: () => Buffer,
  from = 0,
  pause?: { readonly at: number; resume(): Promise<boolean> },
): AsyncGenerator<{ bytes: Buffer; last: boolean }> {
  if (file === '-') {
    for await (const chunk of process.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      const carry = left();
      yield { bytes: carry.length === 0 ? bytes : Buffer.concat([carry, bytes]), last: false };
    }
    yield { bytes: left(), last: true };
    return;
  }
  const handle = await openInput(file);
  // Two buffers taken in turn: the leftover bytes are in one while the other is filled, and the
  // caller is done with a chunk before it asks for the next, so memory stays at two chunks.
  const room = CHUNK_BYTES + 65_536;
  const buffers = [Buffer.allocUnsafe(room), Buffer.allocUnsafe(room)];
  let turn = 0;
  let position = from;
  let stop = pause?.at ?? Number.POSITIVE_INFINITY;
  try {
    for (;;) {
      if (position === stop) {
        stop = Number.POSITIVE_INFINITY;
        if (!(await pause!.resume())) return;
      }
      const carry = left();
      let buffer = buffers[turn]!;
      if (buffer.length < carry.length + CHUNK_BYTES) {
        buffer = Buffer.allocUnsafe(carry.length + CHUNK_BYTES);
        buffers[turn] = buffer;
      }
      turn = 1 - turn;
      carry.copy(buffer, 0);
      const wanted = Math.min(CHUNK_BYTES, stop - position);
      const { bytesRead } = await handle.read(buffer, carry.length, wanted, position);
      position += bytesRead;
      const last = bytesRead === 0 && position !== stop;
      yield { bytes: buffer.subarray(0, carry.length + bytesRead), last };
      if (last) return;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads a file in 1 MiB chunks and hands each complete CSV record (RFC 4180: quoted fields may hold
 * the delimiter, `""` and line breaks; LF or CRLF line ends; a UTF-8 byte order mark is skipped) to
 * `handlers.record` as byte ranges, without a string or an object per field. Blank lines are
 * skipped. A malformed record (text after a closing quote, a quote inside an unquoted field) is
 * reported to `handlers.bad` with its line and skipped, so it does not hide the records after it;
 * invalid UTF-8 is reported the same way. A record longer than {@link MAX_RECORD_BYTES} (a 1 GB line,
 * an unclosed quote) stops the scan with an {@link InputError}, so memory stays bounded.
 * `delimiter` is one byte. `file` `-` reads standard input. Yields after each chunk, so that the
 * caller can act on what the handlers collected.
 *
 * `range.from` starts the scan at that byte (a record's first; lines are counted from 1 there).
 * With `range.split`, the scan reads up to `split.at` as if the file might go on, and there, if
 * the last record read ended exactly at that byte, calls `split.take` with the line starting at
 * it; the scan stops when it answers true. When a record runs past `split.at` (a line break
 * inside quotes there) or `take` answers false, the scan reads on to the end as without a split.
 */
export async function* scanCsv(
  file: string,
  delimiter: number,
  handlers: ScanHandlers,
  range: ScanRange = {},
): AsyncGenerator<void> {
  const record: ScannedRecord = {
    line: 1,
    bytes: Buffer.alloc(0),
    count: 0,
    start: new Int32Array(64),
    end: new Int32Array(64),
    escaped: new Uint8Array(64),
  };
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let first = (range.from ?? 0) === 0;
  const { split } = range;
  // At the split, the rest is read elsewhere only if no record runs past it.
  const pause =
    split === undefined
      ? undefined
      : { at: split.at, resume: async () => carry.length > 0 || !(await split.take(line)) };
  for await (const chunk of chunksOf(file, () => carry, range.from, pause)) {
    const last = chunk.last;
    const bytes = withoutBom(chunk.bytes, first);
    if (first && (bytes.length >= 3 || last)) first = false;
    const validUtf8 = isUtf8(bytes);
    record.bytes = bytes;
    let position = 0;
    for (;;) {
      const next = scanRecord(bytes, position, last, delimiter, record);
      if (next < 0) break; // an incomplete record: wait for more bytes
      const startLine = line;
      for (let i = position; i < next; i++) if (bytes[i] === LF) line++;
      if (record.count < 0) {
        handlers.bad(startLine, csvProblem(record.count));
      } else if (record.count > 0) {
        record.line = startLine;
        if (!validUtf8 && !isUtf8(bytes.subarray(position, next))) {
          handlers.bad(startLine, 'not valid UTF-8; save the file as UTF-8');
        } else {
          handlers.record(record);
        }
      }
      position = next;
      if (position >= bytes.length) break;
    }
    carry = bytes.subarray(position);
    if (carry.length > MAX_RECORD_BYTES) {
      throw new InputError(
        `${file}:${line}: a record longer than ${MAX_RECORD_BYTES / 1048576} MiB (a missing closing quote, or not a CSV file); nothing was written`,
      );
    }
    if (last) break;
    yield;
  }
}

function csvProblem(code: number): string {
  return code === -1
    ? 'text after a closing quote; quote the whole field and double the quotes inside ("")'
    : code === -2
      ? 'a quote inside an unquoted field; quote the whole field and double the quotes inside ("")'
      : 'a quoted field is not closed before the end of the file';
}

function isBlank(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return false;
  }
  return true;
}

function skipLine(bytes: Buffer, from: number, last: boolean): number {
  const newline = bytes.indexOf(LF, from);
  return newline < 0 ? (last ? bytes.length : -1) : newline + 1;
}

/**
 * Scans one record from `from`: fills `record` (count 0 for a blank line, a negative count for a
 * malformed record) and returns where the next record starts, or -1 when the record runs past the
 * bytes held and more may come.
 */
function scanRecord(
  bytes: Buffer,
  from: number,
  last: boolean,
  delimiter: number,
  record: ScannedRecord,
): number {
  const length = bytes.length;
  if (from >= length) return -1;
  let i = from;
  let count = 0;
  for (;;) {
    if (count === record.start.length) grow(record);
    if (i < length && bytes[i] === QUOTE) {
      const open = i;
      let escaped = 0;
      i++;
      for (;;) {
        const quote = bytes.indexOf(QUOTE, i);
        if (quote < 0) {
          if (!last) return -1;
          record.count = -3;
          return length;
        }
        if (quote + 1 < length && bytes[quote + 1] === QUOTE) {
          escaped = 1;
          i = quote + 2;
          continue;
        }
        if (quote + 1 >= length && !last) return -1;
        i = quote + 1;
        break;
      }
      record.start[count] = open + 1;
      record.end[count] = i - 1;
      record.escaped[count] = escaped;
      count++;
      while (i < length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
      if (i >= length) {
        if (!last) return -1;
        record.count = count;
        return length;
      }
      const byte = bytes[i]!;
      if (byte === delimiter) {
        i++;
        continue;
      }
      if (byte === LF || (byte === CR && bytes[i + 1] === LF)) {
        record.count = count;
        return byte === LF ? i + 1 : i + 2;
      }
      if (byte === CR && i + 1 >= length && !last) return -1;
      const next = skipLine(bytes, i, last);
      if (next < 0) return -1;
      record.count = -1;
      return next;
    }
    // An unquoted field: up to the delimiter or the line end.
    let j = i;
    let quoteInside = false;
    while (j < length) {
      const byte = bytes[j]!;
      if (byte === delimiter || byte === LF) break;
      if (byte === QUOTE) quoteInside = true;
      j++;
    }
    if (j >= length && !last) return -1;
    let end = j;
    if (end > i && bytes[end - 1] === CR && (j >= length || bytes[j] === LF)) end--;
    let start = i;
    while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
    while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
    if (quoteInside) {
      const next = j >= length ? length : bytes[j] === LF ? j + 1 : skipLine(bytes, j, last);
      if (next < 0) return -1;
      record.count = -2;
      return next;
    }
    record.start[count] = start;
    record.end[count] = end;
    record.escaped[count] = 0;
    count++;
    if (j < length && bytes[j] === delimiter) {
      i = j + 1;
      continue;
    }
    const next = j >= length ? length : j + 1;
    record.count = count === 1 && isBlank(bytes, from, j) ? 0 : count;
    return next;
  }
}

function grow(record: ScannedRecord): void {
  const size = record.start.length * 2;
  const start = new Int32Array(size);
  start.set(record.start);
  const end = new Int32Array(size);
  end.set(record.end);
  const escaped = new Uint8Array(size);
  escaped.set(record.escaped);
  record.start = start;
  record.end = end;
  record.escaped = escaped;
}

/** The text of field `index` of a scanned record (quotes unescaped). */
export function fieldText(record: ScannedRecord, index: number): string {
  const text = record.bytes.toString('utf8', record.start[index]!, record.end[index]!);
  return record.escaped[index] === 1 ? text.replaceAll('""', '"') : text;
}

/** `bytes` without the UTF-8 byte order mark while the file's first bytes are read (`first`). */
function withoutBom(bytes: Buffer, first: boolean): Buffer {
  const bom =
    first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom ? bytes.subarray(3) : bytes;
}

/**
 * Reads a file line by line as bytes (LF or CRLF; a UTF-8 byte order mark skipped), handing each
 * non-blank line's text to `take` with its 1-based number, or its problem (invalid UTF-8) to `bad`.
 * A line longer than {@link MAX_RECORD_BYTES} stops with an {@link InputError}: memory stays bounded.
 */
export async function* scanLines(
  file: string,
  take: (line: number, text: string) => void,
  bad: (line: number, message: string) => void,
): AsyncGenerator<void> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  let first = true;
  for await (const chunk of chunksOf(file, () => carry)) {
    const last = chunk.last;
    const bytes = withoutBom(chunk.bytes, first);
    if (first && (bytes.length >= 3 || last)) first = false;
    let position = 0;
    for (;;) {
      const newline = bytes.indexOf(LF, position);
      if (newline < 0 && !last) break;
      const end = newline < 0 ? bytes.length : newline;
      if (newline < 0 && end === position) break;
      line++;
      const stop = end > position && bytes[end - 1] === CR ? end - 1 : end;
      if (!isBlank(bytes, position, stop)) {
        const slice = bytes.subarray(position, stop);
        if (isUtf8(slice)) take(line, slice.toString('utf8'));
        else bad(line, 'not valid UTF-8; save the file as UTF-8');
      }
      position = end + 1;
      if (newline < 0) break;
    }
    carry = position >= bytes.length ? Buffer.alloc(0) : bytes.subarray(position);
    if (carry.length > MAX_RECORD_BYTES) {
      throw new InputError(
        `${file}:${line + 1}: a line longer than ${MAX_RECORD_BYTES / 1048576} MiB; nothing was written`,
      );
    }
    if (last) break;
    yield;
  }
}
