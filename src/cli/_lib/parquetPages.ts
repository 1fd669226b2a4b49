import type { ColumnMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';
import { snappyUncompress } from 'hyparquet/src/snappy.js';
import { floorCount, floorMillis } from './floorMillis.js';
import type { IndexedColumn } from './parquetColumn.js';
import type { Decompress } from './parquetCompressors.js';
import { readDeltaBinaryPacked } from './readDeltaBinaryPacked.js';
import { readHybrid } from './readHybrid.js';

/**
 * The buffers one column's pages are decoded into, kept from one row group to the next (so that a
 * row group makes no garbage but the page headers): grown when a row group needs more, never
 * shrunk. One per column read, made by {@link pageBuffers}.
 */
export interface PageBuffers {
  /** The row group's decompressed pages, one after another (text values are read where they are). */
  arena: Uint8Array;
  /** Where each text value starts and ends in `arena`: the dictionary's values, then the pages'. */
  starts: Int32Array;
  ends: Int32Array;
  /** The numbers (epoch milliseconds of timestamps): the dictionary's values, then the pages'. */
  numbers: Float64Array;
  /** Per row: its value's position in `starts`/`numbers`, or -1 for null. */
  index: Int32Array;
  /** A page's definition levels. */
  levels: Uint8Array;
  /** A page's dictionary indexes. */
  keys: Int32Array;
  /** A DELTA_BINARY_PACKED page's values, as their high and low 32-bit halves. */
  high: Int32Array;
  low: Int32Array;
}

/** New, empty {@link PageBuffers} (they grow to a row group's size at its first use). */
export function pageBuffers(): PageBuffers {
  return {
    arena: new Uint8Array(0),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    numbers: new Float64Array(0),
    index: new Int32Array(0),
    levels: new Uint8Array(0),
    keys: new Int32Array(0),
    high: new Int32Array(0),
    low: new Int32Array(0),
  };
}

/** How a column's values are read off a page: the kinds of column the fast path decodes. */
type Kind =
  | { readonly type: 'text' }
  | { readonly type: 'ticks'; readonly per: number }
  | { readonly type: 'double' | 'float' | 'int32' | 'int64' };

/** The kind of a flat column's values, or undefined for one the fast path leaves to hyparquet. */
function kindOf(element: SchemaElement): Kind | undefined {
  const { type, converted_type: converted, logical_type: logical } = element;
  const plain = converted === undefined && logical === undefined;
  if (type === 'BYTE_ARRAY') {
    return converted === 'UTF8' || logical?.type === 'STRING' || plain
      ? { type: 'text' }
      : undefined;
  }
  if (type === 'INT64') {
    if (converted === 'TIMESTAMP_MILLIS') return { type: 'ticks', per: 1 };
    if (converted === 'TIMESTAMP_MICROS') return { type: 'ticks', per: 1000 };
    // signed integers (ids as BIGINT): numbers while they are safe integers (else hyparquet's
    // bigints, as a whole chunk)
    if (
      plain ||
      (converted === 'INT_64' && logical === undefined) ||
      (logical?.type === 'INTEGER' && logical.isSigned && (converted ?? 'INT_64') === 'INT_64')
    ) {
      return { type: 'int64' };
    }
    if (logical?.type !== 'TIMESTAMP' || converted !== undefined) return undefined;
    return {
      type: 'ticks',
      per: logical.unit === 'MILLIS' ? 1 : logical.unit === 'MICROS' ? 1000 : 1_000_000,
    };
  }
  if (type === 'INT32') {
    // signed integers as they are (hyparquet converts unsigned ones, dates, decimals, times)
    const signed =
      (converted === undefined ||
        converted === 'INT_8' ||
        converted === 'INT_16' ||
        converted === 'INT_32') &&
      (logical === undefined || (logical.type === 'INTEGER' && logical.isSigned));
    return signed ? { type: 'int32' } : undefined;
  }
  if (!plain) return undefined;
  if (type === 'DOUBLE') return { type: 'double' };
  if (type === 'FLOAT') return { type: 'float' };
  return undefined;
}

/** `array` when it holds `size` items, else a larger one of the same type with its items copied. */
function grown<T extends Uint8Array | Int32Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (length: number) => T)(
    Math.max(size, Math.ceil(array.length * 1.5)),
  );
  next.set(array);
  return next;
}

/**
 * Reads column chunk `chunk` (its dictionary page, if any, and its data pages, v1 or v2) of a flat
 * column straight from its bytes into `buffers`: text values are left where they are in the
 * decompressed page (no `Uint8Array` and no string per value), INT64 timestamps of every unit read
 * as epoch milliseconds from their two 32-bit halves, dictionary indexes and definition levels
 * decoded into typed arrays. Covers what real writers produce: PLAIN, PLAIN_DICTIONARY and
 * RLE_DICTIONARY pages of text, timestamps, doubles, floats, signed INT32 and signed INT64 (as
 * numbers: a chunk with an INT64 beyond 2^53 is left to hyparquet's bigints), and the
 * DELTA_BINARY_PACKED (timestamps, INT32) and DELTA_LENGTH_BYTE_ARRAY (text) pages that DuckDB
 * writes with `PARQUET_VERSION V2`, the DELTA_BYTE_ARRAY text of parquet-rs's and Spark's v2
 * writers, and BYTE_STREAM_SPLIT doubles and floats, uncompressed, in
 * SNAPPY (hyparquet's decoder, into the buffers) or a codec of `compressors`. Returns undefined
 * for anything else (another encoding, codec or type, a nested column, a chunk that does not add
 * up), which the caller reads with hyparquet.
 *
 * The column returned lives in `buffers`: it is valid until they are used for the next chunk.
 *
 * @param chunk - the column chunk's bytes, from its first page to its end
 * @param meta - the chunk's metadata
 * @param schemaPath - the column's path in the schema (hyparquet's `getSchemaPath`)
 * @param rows - the row group's rows
 * @param buffers - where the pages are decoded (see {@link pageBuffers})
 * @param compressors - decompressors of the codecs other than SNAPPY (see `parquetCompressors`)
 * @returns values and a row index, or undefined when the fast path does not cover the chunk
 */
export function readPagedColumn(
  chunk: Uint8Array,
  meta: ColumnMetaData,
  schemaPath: SchemaTree[],
  rows: number,
  buffers: PageBuffers,
  compressors: Readonly<Record<string, Decompress>>,
): IndexedColumn | undefined {
  if (schemaPath.length !== 2 || getMaxRepetitionLevel(schemaPath) > 0) return undefined;
  const maxDefinition = getMaxDefinitionLevel(schemaPath);
  const kind = kindOf(schemaPath[1]!.element);
  const codec = meta.codec;
  const decompress = compressors[codec];
  if (
    kind === undefined ||
    maxDefinition > 1 ||
    (codec !== 'UNCOMPRESSED' && codec !== 'SNAPPY' && decompress === undefined)
  ) {
    return undefined;
  }
  const text = kind.type === 'text';
  buffers.index = grown(buffers.index, rows);
  buffers.arena = grown(buffers.arena, Number(meta.total_uncompressed_size));
  const { index } = buffers;
  const reader = {
    view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    offset: 0,
  };
  /** Bytes of `arena` in use (the pages decompressed so far). */
  let used = 0;
  /** Values stored (the dictionary's, then the plain pages'). */
  let count = 0;
  let dictionary = -1;
  let row = 0;

  /** Decompresses `size` bytes at the end of the arena: where they start, or -1. */
  const inflate = (from: number, to: number, size: number, compressed: boolean): number => {
    buffers.arena = grown(buffers.arena, used + size);
    const at = used;
    const source = chunk.subarray(from, to);
    if (!compressed || codec === 'UNCOMPRESSED') {
      if (source.length !== size) return -1;
      buffers.arena.set(source, at);
    } else if (codec === 'SNAPPY') {
      snappyUncompress(source, buffers.arena.subarray(at, at + size));
    } else {
      buffers.arena.set(decompress!(source, size), at);
    }
    used += size;
    return at;
  };

  /** Stores `n` PLAIN values found at `from` (up to `end`) after those stored; false when short. */
  const plain = (from: number, end: number, n: number): boolean => {
    const { arena } = buffers;
    if (text) {
      buffers.starts = grown(buffers.starts, count + n);
      buffers.ends = grown(buffers.ends, count + n);
      const { starts, ends } = buffers;
      let at = from;
      for (let k = 0; k < n; k++) {
        if (at + 4 > end) return false;
        const length =
          (arena[at]! | (arena[at + 1]! << 8) | (arena[at + 2]! << 16) | (arena[at + 3]! << 24)) >>>
          0;
        at += 4;
        if (at + length > end) return false;
        starts[count] = at;
        ends[count++] = at + length;
        at += length;
      }
      return true;
    }
    const width = kind.type === 'ticks' || kind.type === 'double' || kind.type === 'int64' ? 8 : 4;
    if (from + width * n > end) return false;
    buffers.numbers = grown(buffers.numbers, count + n);
    const { numbers } = buffers;
    const view = new DataView(arena.buffer, arena.byteOffset + from, width * n);
    if (kind.type === 'ticks') {
      const per = kind.per;
      for (let k = 0; k < n; k++) {
        const low = view.getUint32(8 * k, true);
        const high = view.getInt32(8 * k + 4, true);
        const ticks = high * 4294967296 + low;
        numbers[count++] =
          ticks < -(2 ** 52) || ticks > 2 ** 52
            ? floorMillis(view.getBigInt64(8 * k, true), per)
            : per === 1
              ? ticks
              : floorCount(ticks, per);
      }
    } else if (kind.type === 'int64') {
      for (let k = 0; k < n; k++) {
        const value = view.getInt32(8 * k + 4, true) * 4294967296 + view.getUint32(8 * k, true);
        if (!Number.isSafeInteger(value)) return false;
        numbers[count++] = value;
      }
    } else if (kind.type === 'double') {
      for (let k = 0; k < n; k++) numbers[count++] = view.getFloat64(8 * k, true);
    } else if (kind.type === 'float') {
      for (let k = 0; k < n; k++) numbers[count++] = view.getFloat32(4 * k, true);
    } else {
      for (let k = 0; k < n; k++) numbers[count++] = view.getInt32(4 * k, true);
    }
    return true;
  };

  /**
   * Stores `n` DELTA_BINARY_PACKED values (INT32, INT64 timestamps) or DELTA_LENGTH_BYTE_ARRAY
   * values (text) found at `from` (up to `end`) after those stored; false when they do not add up.
   */
  const delta = (from: number, end: number, n: number): boolean => {
    if (kind.type === 'double' || kind.type === 'float') return false;
    buffers.high = grown(buffers.high, n);
    buffers.low = grown(buffers.low, n);
    const { arena, high, low } = buffers;
    let at = readDeltaBinaryPacked(arena, from, end, n, high, low);
    if (at < 0) return false;
    if (kind.type === 'text') {
      buffers.starts = grown(buffers.starts, count + n);
      buffers.ends = grown(buffers.ends, count + n);
      const { starts, ends } = buffers;
      for (let k = 0; k < n; k++) {
        const length = low[k]!;
        if (high[k] !== 0 || length < 0 || at + length > end) return false;
        starts[count] = at;
        ends[count++] = at + length;
        at += length;
      }
      return true;
    }
    buffers.numbers = grown(buffers.numbers, count + n);
    const { numbers } = buffers;
    if (kind.type === 'int32') {
      for (let k = 0; k < n; k++) numbers[count++] = low[k]!;
      return true;
    }
    if (kind.type === 'int64') {
      for (let k = 0; k < n; k++) {
        const value = high[k]! * 4294967296 + (low[k]! >>> 0);
        if (!Number.isSafeInteger(value)) return false;
        numbers[count++] = value;
      }
      return true;
    }
    const per = kind.type === 'ticks' ? kind.per : 1;
    for (let k = 0; k < n; k++) {
      const ticks = high[k]! * 4294967296 + (low[k]! >>> 0);
      numbers[count++] =
        ticks < -(2 ** 52) || ticks > 2 ** 52
          ? floorMillis(BigInt.asIntN(64, (BigInt(high[k]!) << 32n) | BigInt(low[k]! >>> 0)), per)
          : per === 1
            ? ticks
            : floorCount(ticks, per);
    }
    return true;
  };

  /**
   * Stores `n` DELTA_BYTE_ARRAY text values found at `from` (up to `end`): each value is a prefix
   * of the page's previous value and a suffix, so the values are put together at the end of the
   * arena (a copy within it, no object per value); false when they do not add up.
   */
  const prefixed = (from: number, end: number, n: number): boolean => {
    if (!text) return false;
    buffers.high = grown(buffers.high, n);
    buffers.low = grown(buffers.low, n);
    buffers.keys = grown(buffers.keys, n);
    const { high, low, keys: prefixes } = buffers;
    let at = readDeltaBinaryPacked(buffers.arena, from, end, n, high, low);
    if (at < 0) return false;
    for (let k = 0; k < n; k++) {
      if (high[k] !== 0 || low[k]! < 0) return false;
      prefixes[k] = low[k]!;
    }
    at = readDeltaBinaryPacked(buffers.arena, at, end, n, high, low);
    if (at < 0) return false;
    let total = 0;
    for (let k = 0; k < n; k++) {
      if (high[k] !== 0 || low[k]! < 0) return false;
      total += prefixes[k]! + low[k]!;
    }
    buffers.arena = grown(buffers.arena, used + total);
    buffers.starts = grown(buffers.starts, count + n);
    buffers.ends = grown(buffers.ends, count + n);
    const { arena, starts, ends } = buffers;
    let previous = used;
    let previousLength = 0;
    for (let k = 0; k < n; k++) {
      const prefix = prefixes[k]!;
      const suffix = low[k]!;
      if (prefix > previousLength || at + suffix > end) return false;
      const start = used;
      arena.copyWithin(used, previous, previous + prefix);
      arena.copyWithin(used + prefix, at, at + suffix);
      at += suffix;
      used += prefix + suffix;
      starts[count] = start;
      ends[count++] = used;
      previous = start;
      previousLength = prefix + suffix;
    }
    return true;
  };

  /** Stores `n` BYTE_STREAM_SPLIT doubles or floats found at `from` (up to `end`); false when short. */
  const streams = (from: number, end: number, n: number): boolean => {
    if (kind.type !== 'double' && kind.type !== 'float') return false;
    const width = kind.type === 'double' ? 8 : 4;
    if (from + width * n > end) return false;
    buffers.numbers = grown(buffers.numbers, count + n);
    const { arena, numbers } = buffers;
    // value k's byte b is byte k of stream b
    const value = new Uint8Array(8);
    const view = new DataView(value.buffer);
    for (let k = 0; k < n; k++) {
      for (let b = 0; b < width; b++) value[b] = arena[from + b * n + k]!;
      numbers[count++] = width === 8 ? view.getFloat64(0, true) : view.getFloat32(0, true);
    }
    return true;
  };

  while (row < rows && reader.offset < chunk.length) {
    const header = parquetHeader(reader);
    const from = reader.offset;
    const to = from + header.compressed_page_size;
    reader.offset = to;
    if (to > chunk.length) return undefined;
    const size = Number(header.uncompressed_page_size);
    if (header.type === 'DICTIONARY_PAGE') {
      const n = header.dictionary_page_header?.num_values ?? -1;
      if (dictionary >= 0 || count > 0 || n < 0) return undefined;
      const at = inflate(from, to, size, true);
      if (at < 0 || !plain(at, at + size, n)) return undefined;
      dictionary = n;
      continue;
    }
    /** The page's rows, its values' encoding, and where its levels and values are. */
    let n: number;
    let encoding: string;
    let levels: Uint8Array = buffers.arena;
    let levelsFrom = 0;
    let levelsTo = 0;
    let values: number;
    let end: number;
    if (header.type === 'DATA_PAGE' && header.data_page_header !== undefined) {
      const page = header.data_page_header;
      n = page.num_values;
      encoding = page.encoding;
      if (maxDefinition > 0 && page.definition_level_encoding !== 'RLE') return undefined;
      const at = inflate(from, to, size, true);
      if (at < 0) return undefined;
      end = at + size;
      values = at;
      if (maxDefinition > 0) {
        if (at + 4 > end) return undefined;
        const { arena } = buffers;
        const length =
          (arena[at]! | (arena[at + 1]! << 8) | (arena[at + 2]! << 16) | (arena[at + 3]! << 24)) >>>
          0;
        levels = arena;
        levelsFrom = at + 4;
        levelsTo = levelsFrom + length;
        values = levelsTo;
        if (levelsTo > end) return undefined;
      }
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2 !== undefined) {
      const page = header.data_page_header_v2;
      n = page.num_values;
      encoding = page.encoding;
      const repetition = page.repetition_levels_byte_length;
      const definition = page.definition_levels_byte_length;
      if (repetition !== 0 || from + definition > to) return undefined;
      // the levels are never compressed in a v2 page: read where they are
      levels = chunk;
      levelsFrom = from;
      levelsTo = from + definition;
      const valuesSize = size - definition;
      // a page of nulls alone has no values, which some codecs still compress to a few bytes
      const at =
        valuesSize === 0 ? used : inflate(levelsTo, to, valuesSize, page.is_compressed !== false);
      if (at < 0) return undefined;
      values = at;
      end = at + valuesSize;
    } else continue;
    // The rows of the page that are not null: all of them, or as the levels say.
    let nulls = 0;
    if (maxDefinition > 0) {
      buffers.levels = grown(buffers.levels, n);
      if (readHybrid(levels, levelsFrom, levelsTo, 1, buffers.levels, n) < 0) return undefined;
      const definitions = buffers.levels;
      for (let k = 0; k < n; k++) if (definitions[k] !== maxDefinition) nulls++;
    }
    const present = n - nulls;
    const rowEnd = Math.min(rows, row + n);
    if (
      encoding === 'PLAIN' ||
      encoding === 'DELTA_BINARY_PACKED' ||
      encoding === 'DELTA_LENGTH_BYTE_ARRAY' ||
      encoding === 'DELTA_BYTE_ARRAY' ||
      encoding === 'BYTE_STREAM_SPLIT'
    ) {
      const base = count;
      const stored =
        encoding === 'PLAIN'
          ? plain(values, end, present)
          : encoding === 'BYTE_STREAM_SPLIT'
            ? streams(values, end, present)
            : encoding === 'DELTA_BYTE_ARRAY'
              ? prefixed(values, end, present)
              : (encoding === 'DELTA_LENGTH_BYTE_ARRAY') === text && delta(values, end, present);
      if (!stored) return undefined;
      if (nulls === 0) {
        for (let k = base; row < rowEnd; row++, k++) index[row] = k;
      } else {
        const definitions = buffers.levels;
        for (let k = 0, value = base; row < rowEnd; k++, row++) {
          index[row] = definitions[k] === maxDefinition ? value++ : -1;
        }
      }
    } else if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
      if (dictionary < 0 || values >= end) return undefined;
      const width = buffers.arena[values]!;
      if (width > 32) return undefined;
      buffers.keys = grown(buffers.keys, present);
      const { keys } = buffers;
      if (readHybrid(buffers.arena, values + 1, end, width, keys, present) < 0) return undefined;
      for (let k = 0; k < present; k++)
        if (keys[k]! < 0 || keys[k]! >= dictionary) return undefined;
      if (nulls === 0) {
        for (let k = 0; row < rowEnd; row++, k++) index[row] = keys[k]!;
      } else {
        const definitions = buffers.levels;
        for (let k = 0, value = 0; row < rowEnd; k++, row++) {
          index[row] = definitions[k] === maxDefinition ? keys[value++]! : -1;
        }
      }
    } else return undefined;
  }
  if (row < rows) return undefined;
  if (text) {
    return {
      values: [],
      index: index.subarray(0, rows),
      text: { bytes: buffers.arena, starts: buffers.starts, ends: buffers.ends, count },
    };
  }
  return { values: buffers.numbers.subarray(0, count), index: index.subarray(0, rows) };
}
