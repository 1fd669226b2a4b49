import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './buildCli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const model = join(root, 'test/fixtures/cli/model.json');
const AT = ['--at', '2026-11-01T12:00:00Z'];
const BEHAVIOURS = ['purchase', 'emailClick', 'siteVisit'];
let dir: string;
let cli: string;

/** Seeded events, instants on whole seconds (so that every timestamp unit holds them exactly). */
function events(count: number) {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.parse('2026-07-01T00:00:00Z');
  return Array.from({ length: count }, () => ({
    customer: 1000 + Math.floor(next() * 40),
    behaviour: BEHAVIOURS[Math.floor(next() * 3)]!,
    at: start + Math.floor(next() * 120 * 86_400) * 1000,
    weight: next() < 0.3 ? null : 1 + Math.floor(next() * 3),
  }));
}

const rows = events(600);
let csv: string;

beforeAll(async () => {
  ({ dir, cli } = await buildCli('cli-columnar'));
  csv = join(dir, 'events.csv');
  writeFileSync(
    csv,
    `customer_id,behaviour,occurred_at,weight\n${rows
      .map((r) => `${r.customer},${r.behaviour},${new Date(r.at).toISOString()},${r.weight ?? ''}`)
      .join('\n')}\n`,
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function score(events: string, ...extra: string[]) {
  const result = spawnSync(
    process.execPath,
    [cli, 'score', '--model', model, '--events', events, ...AT, ...extra],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs SQL in a fresh in-memory DuckDB (UTC session). */
async function duckdb(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
}

describe('engagekit score on Parquet written by DuckDB', () => {
  it.each(['TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMPTZ'])(
    'scores a Parquet file with %s instants, dictionary strings and NULL weights exactly as the same CSV',
    async (type) => {
      const parquet = join(dir, `events-${type}.parquet`);
      await duckdb(
        `COPY (SELECT customer_id, behaviour, CAST(occurred_at AS ${type}) AS occurred_at, weight FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'behaviour': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', 'weight': 'DOUBLE'})) TO '${parquet}' (FORMAT parquet)`,
      );
      const expected = score(csv);
      expect(expected.code).toBe(0);
      expect(expected.stdout.split('\n').length).toBeGreaterThan(30);
      const actual = score(parquet);
      expect(actual.stderr).toBe('');
      expect(actual.code).toBe(0);
      expect(actual.stdout).toBe(expected.stdout);
    },
  );

  it('reads BIGINT customer ids, several row groups and other column names', async () => {
    const parquet = join(dir, 'events-bigint.parquet');
    await duckdb(
      `COPY (SELECT CAST(customer_id AS BIGINT) AS who, behaviour AS what, occurred_at AS "when", weight FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'behaviour': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', 'weight': 'DOUBLE'})) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 100)`,
    );
    const actual = score(
      parquet,
      '--customer-column',
      'who',
      '--behaviour-column',
      'what',
      '--at-column',
      'when',
    );
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(score(csv).stdout);
  });

  it('reads plain-encoded text ids, text instants and nulls as the same rows as CSV (the columns path, issue 15)', async () => {
    // DuckDB writes text as a dictionary unless told otherwise: with the dictionary off every id
    // and behaviour is a plain page's bytes, and the instants are text, read per row.
    const parquet = join(dir, 'events-plain.parquet');
    await duckdb(
      `COPY (SELECT CAST(customer_id AS VARCHAR) AS customer_id, behaviour, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS occurred_at, weight FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'behaviour': 'VARCHAR', 'occurred_at': 'TIMESTAMPTZ', 'weight': 'DOUBLE'})) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 150, DICTIONARY_SIZE_LIMIT 1)`,
    );
    const actual = score(parquet);
    expect(actual.stderr).toBe('');
    expect(actual.stdout).toBe(score(csv).stdout);
    // and a bad row among plain pages is still named by its row number
    const bad = join(dir, 'plain-bad.parquet');
    await duckdb(
      `COPY (SELECT * FROM (VALUES ('ada', 'purchase', TIMESTAMPTZ '2026-10-01 00:00:00+00'), ('', 'purchase', TIMESTAMPTZ '2026-10-01 00:00:00+00'), ('bo', 'teleport', TIMESTAMPTZ '2026-10-01 00:00:00+00')) t(customer_id, behaviour, occurred_at)) TO '${bad}' (FORMAT parquet, DICTIONARY_SIZE_LIMIT 1)`,
    );
    const refused = score(bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}:2: customer_id is missing`);
    expect(refused.stderr).toContain(`${bad}:3: behaviour "teleport" is not in the model`);
  });

  /**
   * Writes the rows of `select` (columns customer_id, behaviour, occurred_at as TIMESTAMPTZ,
   * weight) as a CSV and as a Parquet file with `options`, and checks that `engagekit score` gives
   * the same output for both, byte for byte, and the same bad rows (a CSV names a row by its line,
   * the header being line 1; Parquet by its row number).
   */
  async function expectSameAsCsv(
    name: string,
    select: string,
    options: string,
    ...extra: string[]
  ) {
    const sameCsv = join(dir, `${name}.csv`);
    const parquet = join(dir, `${name}.parquet`);
    await duckdb(
      `COPY (SELECT customer_id, behaviour, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS occurred_at, weight FROM (${select})) TO '${sameCsv}' (FORMAT csv, HEADER)`,
    );
    await duckdb(`COPY (${select}) TO '${parquet}' (FORMAT parquet, ${options})`);
    const expected = score(sameCsv, ...extra);
    const actual = score(parquet, ...extra);
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.code).toBe(expected.code);
    const rowsNamed = expected.stderr.replace(
      new RegExp(`${sameCsv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`, 'g'),
      (_, line: string) => `${parquet}:${Number(line) - 1}`,
    );
    expect(actual.stderr).toBe(rowsNamed);
    return { expected, actual };
  }

  /** 6,000 rows (three row groups of 2,048), ids ASCII and not, some weights NULL. */
  const CLEAN = `SELECT CASE WHEN i % 7 = 0 THEN 'zoë-' || (i % 13) || '-🙂' ELSE 'c' || (i * 7919 % 211) END AS customer_id, ['purchase', 'emailClick', 'siteVisit'][1 + i % 3] AS behaviour, TIMESTAMPTZ '2026-07-01 00:00:00+00' + to_microseconds(i * 1733000017) AS occurred_at, CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 3 END::DOUBLE AS weight FROM range(6000) t(i)`;

  it.each(['uncompressed', 'snappy', 'gzip', 'brotli', 'lz4', 'zstd'])(
    'reads %s pages of every version, plain and dictionary ids, several row groups, as the same rows as CSV',
    async (codec) => {
      for (const version of ['V1', 'V2']) {
        for (const dictionary of ['', ', DICTIONARY_SIZE_LIMIT 1']) {
          const { expected } = await expectSameAsCsv(
            `clean-${codec}-${version}-${dictionary === '' ? 'dict' : 'plain'}`,
            CLEAN,
            `COMPRESSION '${codec}', PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2048${dictionary}`,
            '--threads',
            '2',
          );
          expect(expected.code).toBe(0);
          expect(expected.stdout.split('\n').length).toBe(226);
        }
      }
    },
  );

  it('reads BIGINT ids, negative, beyond 2^32 and (in one row group) beyond 2^53, as the same rows as CSV', async () => {
    // the first two row groups' ids are numbers on the page path; the third holds one id beyond
    // 2^53, so hyparquet reads that group's ids as bigints: the same customers either way
    const select = `SELECT CASE WHEN i = 5000 THEN 9007199254740993 ELSE (i % 37 - 18) * 1000000000007 END::BIGINT AS customer_id, ['purchase', 'emailClick', 'siteVisit'][1 + i % 3] AS behaviour, TIMESTAMPTZ '2026-07-01 00:00:00+00' + to_seconds(i * 1733) AS occurred_at, NULL::DOUBLE AS weight FROM range(6000) t(i)`;
    for (const dictionary of ['', ', DICTIONARY_SIZE_LIMIT 1']) {
      for (const version of ['V1', 'V2']) {
        const { expected } = await expectSameAsCsv(
          `bigint-${version}-${dictionary === '' ? 'dict' : 'plain'}`,
          select,
          `PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2048${dictionary}`,
        );
        expect(expected.code).toBe(0);
        // (a cell that starts with '-' is written with a leading quote: no spreadsheet formula)
        expect(expected.stdout).toContain("\n'-18000000000126,");
        expect(expected.stdout).toContain('\n9007199254740993,');
      }
    }
  });

  it('names a codec it cannot decompress (LZO) and the ones it can, before reading any row', async () => {
    // no writer at hand writes LZO: a SNAPPY file whose footer says LZO instead (the codec field
    // of each customer_id chunk's metadata: thrift compact field 4, an i32, zigzag 1 -> 3)
    const snappy = join(dir, 'snappy.parquet');
    await duckdb(`COPY (${CLEAN}) TO '${snappy}' (FORMAT parquet, COMPRESSION 'snappy')`);
    const bytes = readFileSync(snappy);
    const from = Buffer.from('customer_id\x15\x02', 'latin1');
    const to = Buffer.from('customer_id\x15\x06', 'latin1');
    let patched = 0;
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) {
      to.copy(bytes, at);
      patched++;
    }
    expect(patched).toBeGreaterThan(0);
    const parquet = join(dir, 'lzo.parquet');
    writeFileSync(parquet, bytes);
    const { code, stdout, stderr } = score(parquet);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${parquet}: column customer_id is compressed with LZO, which engagekit cannot decompress; write it with SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW or no compression`,
    );
    expect(stderr).not.toContain('    at ');
  });

  it('names the same bad rows as CSV does with NULLs in every column, in every page version and encoding', async () => {
    // NULLs in every column (a missing customer, behaviour or instant is a bad row; a missing
    // weight counts 1), across three row groups, read on one thread and on two
    const select = `SELECT CASE WHEN i % 997 = 5 THEN NULL ELSE 'c' || (i % 13) || CASE WHEN i % 2 = 0 THEN 'ß' ELSE '' END END AS customer_id, CASE WHEN i % 1499 = 7 THEN NULL ELSE ['purchase', 'emailClick'][1 + i % 2] END AS behaviour, CASE WHEN i % 1201 = 9 THEN NULL ELSE TIMESTAMPTZ '2026-10-01 00:00:00+00' - to_seconds(i * 61) END AS occurred_at, CASE WHEN i % 3 = 0 THEN NULL ELSE 2.5 END AS weight FROM range(6000) t(i)`;
    for (const version of ['V1', 'V2']) {
      for (const dictionary of ['', ', DICTIONARY_SIZE_LIMIT 1']) {
        for (const threads of ['1', '2']) {
          const { actual } = await expectSameAsCsv(
            `nulls-${version}-${dictionary === '' ? 'dict' : 'plain'}-${threads}`,
            select,
            `PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2048${dictionary}`,
            '--threads',
            threads,
          );
          expect(actual.code).toBe(1);
          expect(actual.stderr).toContain(':6: customer_id is missing');
          expect(actual.stderr).toContain(':8: behaviour is missing');
          expect(actual.stderr).toContain(':10: occurred_at: missing');
          expect(actual.stderr).toContain('16 bad rows');
        }
      }
    }
  });

  it('reads the row groups on two threads as on one: the same output, the same bad rows', async () => {
    // DuckDB writes row groups of at least 2,048 rows: 6,000 rows are three groups, the last of
    // which the helper thread reads.
    const parquet = join(dir, 'events-groups.parquet');
    await duckdb(
      `COPY (SELECT 'c' || (i * 7919 % 211) AS customer_id, ['purchase', 'emailClick', 'siteVisit'][1 + i % 3] AS behaviour, TIMESTAMPTZ '2026-07-01 00:00:00+00' + to_seconds(i * 1733 % 10000000) AS occurred_at, CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 3 END AS weight FROM range(6000) t(i)) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    const one = score(parquet, '--threads', '1');
    const two = score(parquet, '--threads', '2', '--verbose');
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').length).toBe(213);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/read 6,000 events of 211 customers in .* \(2 threads\)/);
    // bad rows in both parts, named by the file's row numbers
    const bad = join(dir, 'groups-bad.parquet');
    await duckdb(
      `COPY (SELECT CASE WHEN i % 997 = 5 THEN NULL ELSE 'c' || (i % 13) END AS customer_id, CASE WHEN i % 1499 = 7 THEN 'teleport' ELSE 'purchase' END AS behaviour, TIMESTAMPTZ '2026-10-01 00:00:00+00' AS occurred_at FROM range(6000) t(i)) TO '${bad}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    const badOne = score(bad, '--threads', '1');
    expect(badOne.code).toBe(1);
    expect(badOne.stderr).toContain(`${bad}:6: customer_id is missing`);
    expect(badOne.stderr).toContain(`${bad}:5988: customer_id is missing`);
    expect(badOne.stderr).toContain(`${bad}:4505: behaviour "teleport" is not in the model`);
    expect(badOne.stderr).toContain('11 bad rows');
    const badTwo = score(bad, '--threads', '2', '--verbose');
    expect(badTwo.code).toBe(1);
    expect(badTwo.stderr).toBe(badOne.stderr);
  });

  it('names the row number of every bad row and writes nothing', async () => {
    const parquet = join(dir, 'bad.parquet');
    await duckdb(
      `COPY (SELECT * FROM (VALUES ('ada', 'purchase', TIMESTAMPTZ '2026-10-01 00:00:00+00', 1.0), ('bo', 'teleport', TIMESTAMPTZ '2026-10-01 00:00:00+00', NULL), (NULL, 'purchase', TIMESTAMPTZ '2026-10-01 00:00:00+00', NULL), ('cy', 'purchase', NULL, NULL)) t(customer_id, behaviour, occurred_at, weight)) TO '${parquet}' (FORMAT parquet)`,
    );
    const { code, stdout, stderr } = score(parquet);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${parquet}:2: behaviour "teleport" is not in the model`);
    expect(stderr).toContain(`${parquet}:3: customer_id is missing`);
    expect(stderr).toContain(`${parquet}:4: occurred_at: missing`);
    expect(stderr).toContain('3 bad rows; nothing was written');
  });

  it('names the missing column and the columns the file has', async () => {
    const parquet = join(dir, 'nocolumn.parquet');
    await duckdb(
      `COPY (SELECT 'ada' AS person, 'purchase' AS behaviour, TIMESTAMPTZ '2026-10-01 00:00:00+00' AS occurred_at) TO '${parquet}' (FORMAT parquet)`,
    );
    const { code, stderr } = score(parquet);
    expect(code).toBe(1);
    expect(stderr).toMatch(/has no customer_id or .* column \(it has "person", "behaviour"/);
  });

  it('refuses a file that is not Parquet, and a directory, without a stack trace', () => {
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, 'customer_id,behaviour\n');
    const notParquet = score(fake);
    expect(notParquet.code).toBe(1);
    expect(notParquet.stderr).toContain(`${fake}: is not a Parquet file`);
    expect(notParquet.stderr).not.toContain('    at ');
    const folder = score(dir, '--input-format', 'parquet');
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain(`cannot read ${dir}`);
    expect(folder.stderr).not.toContain('    at ');
  });
});

describe('engagekit score on Arrow IPC written by apache-arrow', () => {
  it('refuses Parquet or Arrow on standard input as a usage error (exit 2)', () => {
    for (const format of ['parquet', 'arrow']) {
      const { code, stderr } = score('-', '--input-format', format);
      expect(code).toBe(2);
      expect(stderr).toContain(`--events: ${format} is read from a file, not standard input`);
    }
  });

  it.each([
    ['second', new TimestampSecond()],
    ['millisecond', new TimestampMillisecond()],
    ['microsecond', new TimestampMicrosecond()],
    ['nanosecond', new TimestampNanosecond()],
  ] as const)(
    'scores an Arrow file with %s timestamps, dictionary strings and null weights exactly as the same CSV',
    (unit, type) => {
      const table = new Table({
        customer_id: vectorFromArray(
          rows.map((r) => String(r.customer)),
          new Dictionary(new Utf8(), new Int32()),
        ),
        behaviour: vectorFromArray(
          rows.map((r) => r.behaviour),
          new Dictionary(new Utf8(), new Int32()),
        ),
        occurred_at: vectorFromArray(
          rows.map((r) => r.at),
          type,
        ),
        weight: vectorFromArray(
          rows.map((r) => r.weight),
          new Float64(),
        ),
      });
      const file = join(dir, `events-${unit}.arrow`);
      writeFileSync(file, tableToIPC(table, 'file'));
      const stream = join(dir, `events-${unit}.arrows`);
      writeFileSync(stream, tableToIPC(table, 'stream'));
      const expected = score(csv).stdout;
      for (const input of [file, stream]) {
        const actual = score(input);
        expect(actual.stderr).toBe('');
        expect(actual.code).toBe(0);
        expect(actual.stdout).toBe(expected);
      }
    },
  );

  it('names the row number of a bad row in a later record batch', () => {
    const batch = (ids: string[], behaviours: string[]) =>
      new Table({
        customer_id: vectorFromArray(ids, new Utf8()),
        behaviour: vectorFromArray(behaviours, new Utf8()),
        occurred_at: vectorFromArray(
          ids.map(() => Date.parse('2026-10-01T00:00:00Z')),
          new TimestampMillisecond(),
        ),
      });
    const table = batch(['ada', 'bo'], ['purchase', 'purchase']).concat(
      batch(['cy', 'di'], ['purchase', 'teleport']),
    );
    const file = join(dir, 'bad.arrow');
    writeFileSync(file, tableToIPC(table, 'file'));
    const { code, stdout, stderr } = score(file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:4: behaviour "teleport" is not in the model`);
  });
});
