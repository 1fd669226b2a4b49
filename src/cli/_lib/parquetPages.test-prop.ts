import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuckDBInstance,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampValue,
} from '@duckdb/node-api';
import {
  type DataType,
  Field,
  Float32,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond as TimestampMicros,
  type TimestampMicrosecond,
  TimestampNanosecond,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import * as parquetWasm from 'parquet-wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { millisParsers } from './parquetColumn.js';
import { parquetCompressors } from './parquetCompressors.js';
import { pageBuffers, readPagedColumn } from './parquetPages.js';
import { readHybrid } from './readHybrid.js';

const dir = mkdtempSync(join(tmpdir(), 'engagekit-parquet-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One row of the random tables: every column may be null. */
interface Row {
  readonly id: string | null;
  readonly behaviour: string | null;
  readonly micros: bigint | null;
  readonly nanos: bigint | null;
  readonly weight: number | null;
  readonly count: number | null;
  readonly ratio: number | null;
  readonly big: bigint | null;
}

const COLUMNS = ['id', 'behaviour', 'at', 'at_ns', 'weight', 'count', 'ratio', 'big'] as const;

/** What `readFast` gives for each row of a BIGINT chunk left to hyparquet (a value beyond 2^53). */
const BIGINTS = 'left to hyparquet';

/** How DuckDB is asked to write the file. */
interface Writer {
  readonly codec: string;
  readonly version: 'V1' | 'V2';
  readonly dictionary: boolean;
}

/** Writes `rows` repeated to `length` rows with DuckDB, as `writer` says (row groups of 2,048). */
async function write(file: string, rows: readonly Row[], length: number, writer: Writer) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE t (id VARCHAR, behaviour VARCHAR, "at" TIMESTAMP, at_ns TIMESTAMP_NS, weight DOUBLE, "count" INTEGER, ratio FLOAT, big BIGINT)',
  );
  const appender = await connection.createAppender('t');
  for (let i = 0; i < length; i++) {
    const row = rows[i % rows.length]!;
    if (row.id === null) appender.appendNull();
    else appender.appendVarchar(row.id);
    if (row.behaviour === null) appender.appendNull();
    else appender.appendVarchar(row.behaviour);
    if (row.micros === null) appender.appendNull();
    else appender.appendTimestamp(new DuckDBTimestampValue(row.micros));
    if (row.nanos === null) appender.appendNull();
    else appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(row.nanos));
    if (row.weight === null) appender.appendNull();
    else appender.appendDouble(row.weight);
    if (row.count === null) appender.appendNull();
    else appender.appendInteger(row.count);
    if (row.ratio === null) appender.appendNull();
    else appender.appendFloat(row.ratio);
    if (row.big === null) appender.appendNull();
    else appender.appendBigInt(row.big);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `COPY t TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION '${writer.codec}', PARQUET_VERSION ${writer.version}${writer.dictionary ? '' : ', DICTIONARY_SIZE_LIMIT 1'})`,
  );
  connection.closeSync();
  instance.closeSync();
}

/** An Arrow timestamp column of raw ticks (nulls as a validity bitmap). */
function ticksVector(
  values: readonly (bigint | null)[],
  type: TimestampMicrosecond | TimestampNanosecond,
) {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((value, i) => {
    if (value !== null) nullBitmap[i >>> 3]! |= 1 << (i & 7);
  });
  return makeVector(
    makeData({
      type,
      length: values.length,
      nullCount: values.filter((value) => value === null).length,
      data: BigInt64Array.from(values, (value) => value ?? 0n),
      nullBitmap,
    }),
  );
}

/** How parquet-rs (parquet-wasm) is asked to write the file. */
interface RustWriter {
  readonly codec: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI' | 'LZ4_RAW' | 'ZSTD';
  readonly version: 'V1' | 'V2';
  readonly dictionary: boolean;
  readonly plain: boolean;
  readonly pageBytes: number;
  readonly groupRows: number;
  /** Columns without nulls written REQUIRED (non-nullable Arrow fields). */
  readonly required: boolean;
}

/** Writes `rows` with parquet-rs (data pages v1 or v2, pages and row groups as small as asked). */
function writeRust(file: string, rows: readonly Row[], writer: RustWriter) {
  const plainColumn = <T extends DataType>(field: keyof Row, type: T) =>
    vectorFromArray(
      rows.map((row) => row[field]),
      type,
    );
  const columns = {
    id: plainColumn('id', new Utf8()),
    behaviour: plainColumn('behaviour', new Utf8()),
    at: ticksVector(
      rows.map((row) => row.micros),
      new TimestampMicros(),
    ),
    at_ns: ticksVector(
      rows.map((row) => row.nanos),
      new TimestampNanosecond(),
    ),
    weight: plainColumn('weight', new Float64()),
    count: plainColumn('count', new Int32()),
    ratio: plainColumn('ratio', new Float32()),
    big: plainColumn('big', new Int64()),
  };
  // REQUIRED columns (no definition levels) when the table has no null and the writer says so
  const nullable = !writer.required || rows.some((row) => Object.values(row).includes(null));
  const fields = Object.entries(columns).map(
    ([name, vector]) => new Field(name, vector.type, nullable),
  );
  const schema = new Schema(fields);
  const data = makeData({
    type: new Struct(fields),
    length: rows.length,
    nullCount: 0,
    children: Object.values(columns).map((vector) => vector.data[0]!),
  });
  const table = new Table(schema, [new RecordBatch(schema, data)]);
  let properties = new parquetWasm.WriterPropertiesBuilder()
    .setWriterVersion(parquetWasm.WriterVersion[writer.version])
    .setCompression(parquetWasm.Compression[writer.codec])
    .setDictionaryEnabled(writer.dictionary)
    .setDataPageSizeLimit(writer.pageBytes)
    .setMaxRowGroupSize(writer.groupRows);
  if (writer.plain) properties = properties.setEncoding(parquetWasm.Encoding.PLAIN);
  const bytes = parquetWasm.writeParquet(
    parquetWasm.Table.fromIPCStream(tableToIPC(table, 'stream')),
    properties.build(),
  );
  writeFileSync(file, bytes);
}

/** Every column of the file as `readPagedColumn` reads it, row group by row group: text decoded. */
function readFast(file: string): Record<string, unknown[]> {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const metadata = parquetMetadata(buffer);
  const compressors = parquetCompressors();
  const decoder = new TextDecoder();
  const out: Record<string, unknown[]> = {};
  for (const name of COLUMNS) out[name] = [];
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    for (const chunk of group.columns) {
      const meta = chunk.meta_data!;
      const name = meta.path_in_schema.join('.');
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      const slice = new Uint8Array(buffer, start, Number(meta.total_compressed_size));
      const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema);
      const column = readPagedColumn(slice, meta, schemaPath, rows, pageBuffers(), compressors);
      if (name === 'big' && column === undefined) {
        for (let row = 0; row < rows; row++) out[name]!.push(BIGINTS);
        continue;
      }
      // the fast path must cover what DuckDB and parquet-rs write: no fallback here
      expect(column, `${name} (${meta.codec}, ${meta.encodings.join(' ')})`).toBeDefined();
      const { index, values, text } = column!;
      expect(index.length).toBe(rows);
      for (let row = 0; row < rows; row++) {
        const k = index[row]!;
        if (k < 0) out[name]!.push(null);
        else if (text !== undefined) {
          out[name]!.push(decoder.decode(text.bytes.subarray(text.starts[k]!, text.ends[k]!)));
        } else out[name]!.push(values[k]);
      }
    }
  }
  return out;
}

/** Every column of the file as hyparquet's `parquetRead` reads it (timestamps as epoch ms). */
async function readHyparquet(file: string): Promise<Record<string, unknown[]>> {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const rows = (await parquetReadObjects({
    file: buffer,
    compressors: parquetCompressors(),
    parsers: millisParsers,
  })) as Record<string, unknown>[];
  const out: Record<string, unknown[]> = {};
  for (const name of COLUMNS) out[name] = rows.map((row) => row[name] ?? null);
  // BIGINTs as numbers, a row group's all left to hyparquet when one of them is beyond 2^53
  const big: unknown[] = [];
  let first = 0;
  for (const group of parquetMetadata(buffer).row_groups) {
    const values = out.big!.slice(first, first + Number(group.num_rows)) as (bigint | null)[];
    first += values.length;
    const safe = values.every((value) => value === null || Number.isSafeInteger(Number(value)));
    for (const value of values) big.push(!safe ? BIGINTS : value === null ? null : Number(value));
  }
  out.big = big;
  return out;
}

/** Text of every kind of code point (multi-byte UTF-8 included), without NUL (DuckDB refuses it). */
const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((value) => !value.includes('\0'));

const row: fc.Arbitrary<Row> = fc.record({
  id: fc.option(text, { freq: 6 }),
  behaviour: fc.option(fc.constantFrom('purchase', 'emailClick', 'siteVisit', 'ß', '🙂'), {
    freq: 6,
  }),
  // microseconds from year 1 to 9999 (beyond ±2^52, so the exact BigInt path is taken too)
  micros: fc.option(fc.bigInt({ min: -62_135_596_800_000_000n, max: 253_402_300_799_000_000n }), {
    freq: 6,
  }),
  nanos: fc.option(
    fc.oneof(
      fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
      fc.bigInt({ min: -5_000_000n, max: 5_000_000n }),
    ),
    { freq: 6 },
  ),
  weight: fc.option(fc.double({ noNaN: true }), { freq: 6 }),
  count: fc.option(fc.integer(), { freq: 6 }),
  ratio: fc.option(fc.float({ noNaN: true }), { freq: 6 }),
  big: fc.option(
    fc.oneof(
      { weight: 4, arbitrary: fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
    ),
    { freq: 6 },
  ),
});

/** A row without a null (for REQUIRED columns). */
const rowWithoutNulls: fc.Arbitrary<Row> = row.map((value) => ({
  id: value.id ?? '',
  behaviour: value.behaviour ?? 'purchase',
  micros: value.micros ?? 0n,
  nanos: value.nanos ?? -1n,
  weight: value.weight ?? 0,
  count: value.count ?? 0,
  ratio: value.ratio ?? 0,
  big: value.big ?? 0n,
}));

describe('readPagedColumn (Parquet pages decoded from their bytes)', () => {
  it('gives every value and null of every column exactly as parquetRead does, for every writer setting', async () => {
    const codecs = ['uncompressed', 'snappy', 'gzip', 'brotli', 'lz4', 'zstd'];
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        // up to three row groups of 2,048 rows (the smallest DuckDB writes)
        fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2000, max: 6200 })),
        fc.record({
          codec: fc.constantFrom(...codecs),
          version: fc.constantFrom('V1' as const, 'V2' as const),
          dictionary: fc.boolean(),
        }),
        async (rows, length, writer) => {
          const file = join(dir, `t${runs++}.parquet`);
          await write(file, rows, length, writer);
          const fast = readFast(file);
          const expected = await readHyparquet(file);
          for (const name of COLUMNS) expect(fast[name], name).toStrictEqual(expected[name]);
          rmSync(file);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('reads parquet-rs files the same: data pages v2, many pages a chunk, small row groups', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(row, { minLength: 1, maxLength: 120 }),
          fc.array(rowWithoutNulls, { minLength: 1, maxLength: 120 }),
        ),
        fc.record({
          codec: fc.constantFrom(
            'UNCOMPRESSED' as const,
            'SNAPPY' as const,
            'GZIP' as const,
            'BROTLI' as const,
            'LZ4_RAW' as const,
            'ZSTD' as const,
          ),
          version: fc.constantFrom('V1' as const, 'V2' as const),
          dictionary: fc.boolean(),
          plain: fc.boolean(),
          pageBytes: fc.integer({ min: 1, max: 4096 }),
          groupRows: fc.integer({ min: 1, max: 130 }),
          required: fc.boolean(),
        }),
        async (rows, writer) => {
          const file = join(dir, `r${runs++}.parquet`);
          writeRust(file, rows, writer);
          const fast = readFast(file);
          const expected = await readHyparquet(file);
          for (const name of COLUMNS) expect(fast[name], name).toStrictEqual(expected[name]);
          rmSync(file);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('readPagedColumn, worked cases', () => {
  it('reads a v2 page of nulls alone whose codec still compressed its empty values (LZ4_RAW)', async () => {
    // found by the property above: the page's values are 0 bytes, compressed to 1
    const file = join(dir, 'nulls-lz4.parquet');
    const nulls: Row = {
      id: null,
      behaviour: null,
      micros: null,
      nanos: null,
      weight: null,
      count: null,
      ratio: null,
      big: null,
    };
    writeRust(file, [nulls], {
      codec: 'LZ4_RAW',
      version: 'V2',
      dictionary: false,
      plain: false,
      pageBytes: 1,
      groupRows: 1,
      required: false,
    });
    const fast = readFast(file);
    const expected = await readHyparquet(file);
    expect(fast).toStrictEqual(expected);
    expect(fast.weight).toStrictEqual([null]);
  });
});

describe('readHybrid (RLE / bit-packed hybrid)', () => {
  /** The encoding of `values` (each below 2^width) as bit-packed groups and runs, as `runs` says. */
  function encode(values: readonly number[], width: number, runs: readonly boolean[]): number[] {
    const bytes: number[] = [];
    const varint = (value: number) => {
      let rest = value;
      while (rest >= 0x80) {
        bytes.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
      }
      bytes.push(rest);
    };
    let i = 0;
    let r = 0;
    while (i < values.length) {
      if (runs[r++ % runs.length]) {
        let end = i + 1;
        while (end < values.length && values[end] === values[i]) end++;
        varint((end - i) * 2);
        for (let b = 0; b < (width + 7) >>> 3; b++)
          bytes.push(Math.floor(values[i]! / 2 ** (8 * b)) & 0xff);
        i = end;
      } else {
        const groups = Math.ceil(Math.min(16, values.length - i) / 8);
        varint(groups * 2 + 1);
        let bits = 0n;
        for (let k = 0; k < groups * 8; k++) {
          bits |= BigInt(values[i + k] ?? 0) << BigInt(k * width);
        }
        for (let b = 0; b < groups * width; b++)
          bytes.push(Number((bits >> BigInt(8 * b)) & 0xffn));
        i += groups * 8;
      }
    }
    return bytes;
  }

  it('decodes any mix of runs and bit-packed groups of any width up to 32 bits', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 32 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(
                fc.oneof(
                  fc.bigInt({ min: 0n, max: 2n ** BigInt(width) - 1n }).map(Number),
                  fc.constant(2 ** width - 1),
                  fc.constant(0),
                ),
                { minLength: 1, maxLength: 100 },
              ),
            ),
          ),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.nat(3),
        ([width, values], runs, before) => {
          const bytes = [...Array(before).fill(0xaa), ...encode(values, width, runs)];
          const out = new Int32Array(values.length);
          const end = readHybrid(
            new Uint8Array(bytes),
            before,
            bytes.length,
            width,
            out,
            values.length,
          );
          expect(end).toBeGreaterThan(0);
          expect(Array.from(out, (value) => value >>> 0)).toEqual(values);
          // and cut short, it says so instead of reading past the end
          if (bytes.length - before > 1) {
            const short = new Int32Array(values.length);
            expect(
              readHybrid(new Uint8Array(bytes), before, end - 1, width, short, values.length),
            ).toBe(-1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
