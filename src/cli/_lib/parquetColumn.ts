import type { ColumnMetaData, DecodedArray, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';
import { floorCount, floorMillis } from './floorMillis.js';
import type { Decompress } from './parquetCompressors.js';

/** What hyparquet's page decoders take to decode a column. */
type ColumnDecoder = Parameters<typeof readDataPage>[2];

/**
 * One column of one row group, as values and an index per row: row `r` holds `values[index[r]]`,
 * or null when `index[r]` is -1. A dictionary-encoded column's values are its dictionary (a
 * customer id or a behaviour decoded once per row group, not once per row); a plain page's values
 * follow it, text as its UTF-8 bytes (`Uint8Array`, decoded only where needed). Timestamps of every
 * unit are epoch milliseconds, dates too.
 */
export interface IndexedColumn {
  readonly values: ArrayLike<unknown>;
  readonly index: Int32Array;
  /**
   * Text values as UTF-8 bytes where the page holds them (`values` is then empty): value `k` is
   * `bytes[starts[k], ends[k])`, for `k` below `count`.
   */
  readonly text?: TextValues;
}

/** Text values as UTF-8 bytes in one buffer, each where it starts and ends. */
export interface TextValues {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly count: number;
}

/** hyparquet's decoders of timestamps and dates, as epoch milliseconds instead of `Date`s. */
export const millisParsers = {
  ...DEFAULT_PARSERS,
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => floorMillis(micros, 1000),
  timestampFromNanoseconds: (nanos: bigint) => floorMillis(nanos, 1_000_000),
  dateFromDays: (days: number) => days * 86_400_000,
};

/** Ticks per millisecond of an INT64 timestamp column, or 0 when it is not one. */
function ticksPerMilli(decoder: ColumnDecoder): number {
  const { type, converted_type: converted, logical_type: logical } = decoder.element;
  if (type !== 'INT64') return 0;
  if (converted === 'TIMESTAMP_MILLIS') return 1;
  if (converted === 'TIMESTAMP_MICROS') return 1000;
  if (logical?.type !== 'TIMESTAMP') return 0;
  return logical.unit === 'MILLIS' ? 1 : logical.unit === 'MICROS' ? 1000 : 1_000_000;
}

/**
 * Epoch milliseconds of INT64 ticks, `per` to the millisecond, floored as `floorMillis` floors:
 * each count read from its two 32-bit halves (exact within ±2^52, no `BigInt` per value), the
 * rare larger one by `floorMillis`.
 */
export function ticksToMillis(ticks: BigInt64Array, per: number): Float64Array {
  const out = new Float64Array(ticks.length);
  const halves = new Int32Array(ticks.buffer, ticks.byteOffset, 2 * ticks.length);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (let i = 0; i < ticks.length; i++) {
    const low = halves[little ? 2 * i : 2 * i + 1]! >>> 0;
    const high = halves[little ? 2 * i + 1 : 2 * i]!;
    const count = high * 4294967296 + low;
    if (count < -(2 ** 52) || count > 2 ** 52) out[i] = floorMillis(ticks[i]!, per);
    else out[i] = per === 1 ? count : floorCount(count, per);
  }
  return out;
}

/** Whether a BYTE_ARRAY column holds text (or bytes the CLI reads as text). */
function isText(decoder: ColumnDecoder): boolean {
  const { type, converted_type: converted, logical_type: logical } = decoder.element;
  return (
    type === 'BYTE_ARRAY' &&
    (converted === 'UTF8' ||
      logical?.type === 'STRING' ||
      (converted === undefined && logical === undefined))
  );
}

/**
 * A page's values as the CLI reads them: numbers, epoch milliseconds, text (as strings when
 * `bytes` is false, as each value's UTF-8 bytes when true).
 */
function decode(
  data: DecodedArray,
  decoder: ColumnDecoder,
  per: number,
  bytes: boolean,
): ArrayLike<unknown> {
  if (per > 0 && data instanceof BigInt64Array) return ticksToMillis(data, per);
  if (bytes && isText(decoder)) return data as ArrayLike<unknown>;
  return convert(data, decoder) as ArrayLike<unknown>;
}

/**
 * Values of a row group's column: the dictionary first, then each plain page's values, in one
 * array sized once (a `Float64Array` while every value is a number).
 */
interface ValueStore {
  values: Float64Array | unknown[];
  length: number;
}

/** Writes `more` at the end of `store`, making it a plain array when `more` is not numbers. */
function store(into: ValueStore, more: ArrayLike<unknown>): void {
  if (into.values instanceof Float64Array && !(more instanceof Float64Array)) {
    into.values = Array.from(into.values);
  }
  const { values } = into;
  if (values instanceof Float64Array) values.set(more as Float64Array, into.length);
  else for (let i = 0; i < more.length; i++) values[into.length + i] = more[i];
  into.length += more.length;
}

/**
 * Reads column chunk `bytes` (its dictionary page, if any, and its data pages, v1 or v2) of a
 * flat column into values and a row index, with hyparquet's own page decoders. Returns undefined
 * for a column this reader does not handle (nested, repeated), which the caller reads with
 * `parquetRead` instead.
 */
export function readIndexedColumn(
  bytes: ArrayBuffer,
  meta: ColumnMetaData,
  schemaPath: SchemaTree[],
  rows: number,
  compressors: Readonly<Record<string, Decompress>> = {},
): IndexedColumn | undefined {
  if (schemaPath.length !== 2 || getMaxRepetitionLevel(schemaPath) > 0) return undefined;
  const maxDefinition = getMaxDefinitionLevel(schemaPath);
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: schemaPath[1]!.element,
    schemaPath,
    codec: meta.codec,
    compressors,
    parsers: millisParsers,
    utf8: true,
  };
  const per = ticksPerMilli(decoder);
  const reader = { view: new DataView(bytes), offset: 0 };
  const index = new Int32Array(rows);
  let dictionary: ArrayLike<unknown> | undefined;
  /** The dictionary, then the plain pages' values (made at the first plain page). */
  let values: ValueStore | undefined;
  let row = 0;
  while (row < rows && reader.offset < bytes.byteLength) {
    const header = parquetHeader(reader);
    const compressed = new Uint8Array(bytes, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(
        compressed,
        Number(header.uncompressed_page_size),
        decoder.codec,
        compressors,
      );
      const pageReader = {
        view: new DataView(page.buffer, page.byteOffset, page.byteLength),
        offset: 0,
      };
      const count = header.dictionary_page_header!.num_values;
      dictionary = decode(
        readPlain(pageReader, decoder.type, count, decoder.element.type_length),
        decoder,
        per,
        false,
      );
      continue;
    }
    let levels: number[];
    let data: DecodedArray;
    let encoding: string;
    let count: number;
    if (header.type === 'DATA_PAGE') {
      const pageHeader = header.data_page_header!;
      const page = decompressPage(
        compressed,
        Number(header.uncompressed_page_size),
        decoder.codec,
        compressors,
      );
      const read = readDataPage(page, pageHeader, decoder);
      levels = read.definitionLevels ?? [];
      data = read.dataPage;
      encoding = pageHeader.encoding;
      count = pageHeader.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const read = readDataPageV2(compressed, header, decoder);
      levels = read.definitionLevels ?? [];
      data = read.dataPage;
      encoding = header.data_page_header_v2!.encoding;
      count = header.data_page_header_v2!.num_values;
    } else continue;
    const dictionaryPage = encoding.endsWith('_DICTIONARY');
    if (dictionaryPage && dictionary === undefined) return undefined;
    let base = values?.length ?? 0;
    if (!dictionaryPage) {
      const decoded = decode(data, decoder, per, true);
      if (values === undefined) {
        const size = (dictionary?.length ?? 0) + rows;
        values = {
          values: decoded instanceof Float64Array ? new Float64Array(size) : new Array(size),
          length: 0,
        };
        if (dictionary !== undefined) store(values, dictionary);
        base = values.length;
      }
      store(values, decoded);
    }
    let value = 0;
    const end = Math.min(rows, row + count);
    for (let k = 0; row < end; k++, row++) {
      if (levels.length > 0 && levels[k] !== maxDefinition) {
        index[row] = -1;
        continue;
      }
      index[row] = dictionaryPage ? (data[value] as number) : base++;
      value++;
    }
  }
  if (row < rows) return undefined;
  return { values: values?.values ?? dictionary ?? [], index };
}
