import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from './InputError.js';
import { type IndexedColumn, millisParsers, readIndexedColumn } from './parquetColumn.js';
import { canDecompress, parquetCompressors } from './parquetCompressors.js';
import { type PageBuffers, pageBuffers, readPagedColumn } from './parquetPages.js';

/**
 * The four events columns of one batch of rows, as the file holds them (nulls included), each as
 * values and a row index (a dictionary column's values are its dictionary).
 */
export interface ColumnarBatch {
  /** The 1-based number of the batch's first row in the file (the position errors name). */
  readonly firstRow: number;
  readonly length: number;
  /** The rows of the whole file (to size the columns once). */
  readonly totalRows: number;
  readonly customer: IndexedColumn;
  readonly behaviour: IndexedColumn;
  /** Epoch milliseconds (timestamps of any unit, dates) or text as the file holds it. */
  readonly at: IndexedColumn;
  /** Absent when the file has no weight column (every weight 1). */
  readonly weight: IndexedColumn | undefined;
}

/** A column of values, one a row. */
function rowByRow(values: ArrayLike<unknown>): IndexedColumn {
  const index = new Int32Array(values.length);
  for (let i = 0; i < index.length; i++) index[i] = i;
  return { values, index };
}

/** The accepted names of each column, the flag's name first when given. */
export interface ColumnarNames {
  readonly customer: readonly string[];
  readonly behaviour: readonly string[];
  readonly at: readonly string[];
  readonly weight: readonly string[];
}

/** The column each role reads, or a message naming what is missing and what the file has. */
function pick(
  file: string,
  available: readonly string[],
  names: ColumnarNames,
): { customer: string; behaviour: string; at: string; weight: string | undefined } {
  const find = (accepted: readonly string[]) => accepted.find((name) => available.includes(name));
  const customer = find(names.customer);
  const behaviour = find(names.behaviour);
  const at = find(names.at);
  const missing = [
    customer === undefined ? names.customer.join(' or ') : undefined,
    behaviour === undefined ? names.behaviour.join(' or ') : undefined,
    at === undefined ? names.at.join(' or ') : undefined,
  ].filter((name) => name !== undefined);
  if (customer === undefined || behaviour === undefined || at === undefined) {
    throw new InputError(
      `${file}: has no ${missing.join(', no ')} column (it has ${available.map((name) => JSON.stringify(name)).join(', ')}); name the columns with --customer-column, --behaviour-column, --at-column`,
    );
  }
  return { customer, behaviour, at, weight: find(names.weight) };
}

/** The error for a file that cannot be opened, or does not hold the format it is read as. */
function unreadable(file: string, error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR')
    return new InputError(`cannot read ${file}: it is a directory, not a file`);
  if (code === 'EACCES') return new InputError(`cannot read ${file}: permission denied`);
  if (code !== undefined) return new InputError(`cannot read ${file}: ${(error as Error).message}`);
  return new InputError(`${file}: is not ${what} (${(error as Error).message})`);
}

/** A Parquet file as hyparquet reads it: slices of bytes, each read whole, synchronously. */
type FileSlices = {
  readonly byteLength: number;
  slice(start: number, end?: number): ArrayBuffer;
  /** Reads `bytes.length` bytes from `start` into `bytes` (fewer past the end): how many. */
  readInto(bytes: Uint8Array, start: number): number;
};

/**
 * The slices of an open file, each read in place with one positioned read (hyparquet's own
 * `asyncBufferFromFile` opens a stream, and the file, for every slice).
 */
function fileSlices(fd: number): FileSlices {
  const byteLength = fstatSync(fd).size;
  const readInto = (bytes: Uint8Array, start: number): number => {
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, start + done);
      if (read === 0) break;
      done += read;
    }
    return done;
  };
  return {
    byteLength,
    slice(start, end = byteLength) {
      const bytes = new Uint8Array(Math.max(0, Math.min(end, byteLength) - start));
      readInto(bytes, start);
      return bytes.buffer;
    },
    readInto,
  };
}

/** Which row groups of a Parquet file are read here (two threads read a file's groups in two parts). */
export interface ParquetRange {
  /** The first row group read (the second thread's part). */
  readonly from?: number | undefined;
  /** Where the first part may end: see {@link readParquet}. */
  readonly split?:
    | {
        /** Given every group's rows once the metadata is read: the group to stop before, if any. */
        at(groupRows: readonly number[]): number | undefined;
        /** Called before that group: true when the rest is read elsewhere (the read stops). */
        take(): Promise<boolean>;
      }
    | undefined;
}

/**
 * The events columns of a Parquet file, one row group at a time (hyparquet, pure JS: only the four
 * columns are read and decoded; a row group's values are held, never the whole file's). A flat
 * column of what real writers produce is decoded from its pages' bytes into buffers kept from one
 * row group to the next (`readPagedColumn`: text left as bytes where the page holds them, no
 * object per value); another flat column is read page by page with hyparquet's decoders into
 * values and a row index, so that a dictionary-encoded id or behaviour is decoded once per row
 * group, not once per row; any other column goes through `parquetRead`. A batch's columns are
 * valid until the next batch is asked for (their buffers are reused). A codec that cannot be
 * decompressed here is named in an `InputError` before any row is read. With `range`, from group
 * `range.from` on, or up to the group `range.split.at` names, where `range.split.take` says
 * whether the rest is read elsewhere (row numbers stay the file's).
 */
export async function* readParquet(
  file: string,
  names: ColumnarNames,
  range: ParquetRange = {},
): AsyncGenerator<ColumnarBatch> {
  const { parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const { getSchemaPath } = await import('hyparquet/src/schema.js');
  let fd: number | undefined;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  let buffer: FileSlices;
  try {
    fd = openSync(file, 'r');
    buffer = fileSlices(fd);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw unreadable(file, error, 'a Parquet file');
  }
  try {
    const available = metadata.schema.slice(1).map((element) => element.name);
    const columns = pick(file, available, names);
    const wanted = [columns.customer, columns.behaviour, columns.at, columns.weight].filter(
      (name): name is string => name !== undefined,
    );
    const groups = metadata.row_groups;
    const compressors = parquetCompressors();
    for (const group of groups) {
      for (const chunk of group.columns) {
        const meta = chunk.meta_data;
        const name = meta?.path_in_schema.join('.');
        if (meta === undefined || name === undefined || !wanted.includes(name)) continue;
        if (!canDecompress(meta.codec, compressors)) {
          const readable = ['SNAPPY', ...Object.keys(compressors)].join(', ');
          throw new InputError(
            `${file}: column ${name} is compressed with ${meta.codec}, which engagekit cannot decompress; write it with ${readable} or no compression`,
          );
        }
      }
    }
    const from = range.from ?? 0;
    let rowStart = 0;
    for (let g = 0; g < from && g < groups.length; g++) rowStart += Number(groups[g]!.num_rows);
    /** Each column's page buffers and the chunks' bytes, kept from one row group to the next. */
    const pages = new Map<string, PageBuffers>();
    let compressed = new Uint8Array(0);
    const stop =
      range.split?.at(groups.map((group) => Number(group.num_rows))) ?? Number.POSITIVE_INFINITY;
    for (let g = from; g < groups.length; g++) {
      if (g === stop && (await range.split!.take())) return;
      const group = groups[g]!;
      const rowEnd = rowStart + Number(group.num_rows);
      const indexed = new Map<string, IndexedColumn>();
      for (const chunk of group.columns) {
        const meta = chunk.meta_data;
        const name = meta?.path_in_schema.join('.');
        if (meta === undefined || name === undefined || !wanted.includes(name)) continue;
        const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
        const size = Number(meta.total_compressed_size);
        if (compressed.length < size) compressed = new Uint8Array(Math.ceil(size * 1.25));
        const bytes = compressed.subarray(0, buffer.readInto(compressed.subarray(0, size), start));
        const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema);
        const buffers = pages.get(name) ?? pageBuffers();
        pages.set(name, buffers);
        const column =
          readPagedColumn(bytes, meta, schemaPath, rowEnd - rowStart, buffers, compressors) ??
          readIndexedColumn(bytes.slice().buffer, meta, schemaPath, rowEnd - rowStart, compressors);
        if (column !== undefined) indexed.set(name, column);
      }
      if (wanted.every((name) => indexed.has(name))) {
        const column = (name: string) => indexed.get(name)!;
        yield {
          firstRow: rowStart + 1,
          length: rowEnd - rowStart,
          totalRows: Number(metadata.num_rows),
          customer: column(columns.customer),
          behaviour: column(columns.behaviour),
          at: column(columns.at),
          weight: columns.weight === undefined ? undefined : column(columns.weight),
        };
        rowStart = rowEnd;
        continue;
      }
      const chunks = new Map<string, { data: ArrayLike<unknown>; start: number; end: number }[]>();
      await parquetRead({
        file: buffer,
        metadata,
        columns: wanted,
        rowStart,
        rowEnd,
        compressors,
        parsers: millisParsers,
        onChunk: (chunk) => {
          const list = chunks.get(chunk.columnName) ?? [];
          list.push({ data: chunk.columnData, start: chunk.rowStart, end: chunk.rowEnd });
          chunks.set(chunk.columnName, list);
        },
      });
      // A column arrives as one chunk per row group, or in pieces: join the rows of this group.
      const column = (name: string): ArrayLike<unknown> => {
        const list = chunks.get(name) ?? [];
        const whole = list.find((chunk) => chunk.start <= rowStart && chunk.end >= rowEnd);
        if (whole !== undefined) {
          return whole.start === rowStart && whole.end === rowEnd
            ? whole.data
            : Array.prototype.slice.call(whole.data, rowStart - whole.start, rowEnd - whole.start);
        }
        const joined = new Array<unknown>(rowEnd - rowStart);
        for (const chunk of list) {
          for (
            let row = Math.max(chunk.start, rowStart);
            row < Math.min(chunk.end, rowEnd);
            row++
          ) {
            joined[row - rowStart] = chunk.data[row - chunk.start];
          }
        }
        return joined;
      };
      yield {
        firstRow: rowStart + 1,
        length: rowEnd - rowStart,
        totalRows: Number(metadata.num_rows),
        customer: rowByRow(column(columns.customer)),
        behaviour: rowByRow(column(columns.behaviour)),
        at: rowByRow(column(columns.at)),
        weight: columns.weight === undefined ? undefined : rowByRow(column(columns.weight)),
      };
      rowStart = rowEnd;
    }
  } finally {
    closeSync(fd);
  }
}

/** A column of an Arrow record batch read row by row (`get` gives ms for timestamps of any unit). */
function arrowColumn(vector: { length: number; get(index: number): unknown }): ArrayLike<unknown> {
  const values = new Array<unknown>(vector.length);
  for (let i = 0; i < vector.length; i++) values[i] = vector.get(i);
  return values;
}

/**
 * The events columns of an Arrow IPC file or stream (apache-arrow, an optional dependency loaded
 * only for this input), one record batch at a time. Dictionary strings are read as their values,
 * timestamps of every unit as epoch milliseconds.
 */
export async function* readArrow(
  file: string,
  names: ColumnarNames,
): AsyncGenerator<ColumnarBatch> {
  let arrow: typeof import('apache-arrow');
  try {
    arrow = await import('apache-arrow');
  } catch {
    throw new InputError(
      `${file}: is Arrow IPC, which needs the apache-arrow package: npm install apache-arrow`,
    );
  }
  let table: import('apache-arrow').Table;
  try {
    table = arrow.tableFromIPC(await readFile(file));
  } catch (error) {
    throw unreadable(file, error, 'an Arrow IPC file or stream');
  }
  const columns = pick(
    file,
    table.schema.fields.map((field) => field.name),
    names,
  );
  let firstRow = 1;
  for (const batch of table.batches) {
    const child = (name: string) => rowByRow(arrowColumn(batch.getChild(name)!));
    yield {
      firstRow,
      length: batch.numRows,
      totalRows: table.numRows,
      customer: child(columns.customer),
      behaviour: child(columns.behaviour),
      at: child(columns.at),
      weight: columns.weight === undefined ? undefined : child(columns.weight),
    };
    firstRow += batch.numRows;
  }
}
