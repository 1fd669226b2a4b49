import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { Session } from 'chdb';
import pg from 'pg';

/** One row of the events table used by the SQL tests. */
export interface SqlEventRow {
  readonly customer: string;
  /** `null` writes a NULL behaviour. */
  readonly behaviour: string | null;
  /** Epoch milliseconds, fractions kept to the microsecond; `null` writes a NULL time. */
  readonly at: number | null;
  readonly weight?: number | null;
}

/** One result row of a `toSql` query. */
export interface SqlScoreRow {
  readonly customer_id: string;
  readonly score: number;
  readonly segment?: string;
}

/** Column names of a test events table. */
export interface SqlTableNames {
  readonly table: string;
  readonly customer: string;
  readonly behaviour: string;
  readonly at: string;
  readonly weight: string;
}

/** A SQL engine the tests can create an events table in, fill and query. */
export interface SqlEngine {
  readonly name: 'duckdb' | 'postgres' | 'clickhouse';
  /** Runs any SQL text (several statements would all run) and returns the last result's rows. */
  exec(sql: string): Promise<unknown[]>;
  /** Creates (replacing) the table and inserts the rows with bound parameters. */
  load(names: SqlTableNames, rows: readonly SqlEventRow[]): Promise<void>;
  query(sql: string): Promise<SqlScoreRow[]>;
  close(): Promise<void>;
}

/** Quotes an identifier the standard way, for the tests' own DDL (PostgreSQL and DuckDB agree). */
const quoted = (name: string): string => `"${name.split('"').join('""')}"`;

const createTable = (names: SqlTableNames): string =>
  `CREATE TABLE ${quoted(names.table)} (${quoted(names.customer)} TEXT, ${quoted(names.behaviour)} TEXT, ${quoted(names.at)} TIMESTAMPTZ, ${quoted(names.weight)} DOUBLE PRECISION)`;

function insertSql(names: SqlTableNames, count: number, placeholder: (n: number) => string) {
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = (k: number) => placeholder(i * 4 + k);
    values.push(`(${p(1)}, ${p(2)}, CAST(${p(3)} AS TIMESTAMPTZ), ${p(4)})`);
  }
  return `INSERT INTO ${quoted(names.table)} VALUES ${values.join(', ')}`;
}

/**
 * An instant as ISO 8601 text in UTC with microseconds, so that a test can store an event a
 * fraction of a millisecond away from `at` (a `Date` would drop it).
 */
export function isoMicros(at: number): string {
  const millis = Math.floor(at);
  const micros = Math.round((at - millis) * 1000);
  const text = new Date(millis).toISOString();
  return `${text.slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}

function parameters(rows: readonly SqlEventRow[]): (string | number | null)[] {
  return rows.flatMap((row) => [
    row.customer,
    row.behaviour,
    row.at === null ? null : isoMicros(row.at),
    row.weight ?? null,
  ]);
}

/** Splits rows into batches so that no statement binds too many parameters. */
function batches<T>(rows: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** An embedded DuckDB database in memory. */
export async function openDuckDb(): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    name: 'duckdb',
    async exec(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS();
    },
    async load(names, rows) {
      await connection.run(`DROP TABLE IF EXISTS ${quoted(names.table)}`);
      await connection.run(createTable(names));
      for (const batch of batches(rows)) {
        await connection.run(
          insertSql(names, batch.length, (n) => `$${n}`),
          parameters(batch),
        );
      }
    },
    async query(sql) {
      // runAndReadAll runs every statement of a multi-statement text: an injection would run too.
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as unknown as SqlScoreRow[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** PGlite: PostgreSQL compiled to WebAssembly, in memory. */
export async function openPglite(): Promise<SqlEngine> {
  const db = new PGlite();
  return pgEngine({
    query: async (sql, params) => (await db.query(sql, params)).rows as SqlScoreRow[],
    // The simple protocol runs every statement of a multi-statement text: an injection would too.
    exec: async (sql) => ((await db.exec(sql)).at(-1)?.rows ?? []) as SqlScoreRow[],
    close: () => db.close(),
  });
}

/** The minimal client the PostgreSQL engine needs: PGlite or a `pg` client. */
export interface PgLikeClient {
  /** One statement with bound parameters. */
  query(sql: string, params?: unknown[]): Promise<SqlScoreRow[]>;
  /** Any text, possibly several statements, through the simple protocol; the last result's rows. */
  exec(sql: string): Promise<SqlScoreRow[]>;
  close(): Promise<void>;
}

/** A ClickHouse identifier in backticks with `\` and `` ` `` escaped (syntax#identifiers). */
const clickhouseQuoted = (name: string): string =>
  `\`${name.split('\\').join('\\\\').split('`').join('\\`')}\``;

/**
 * ClickHouse in process (chdb, one in-memory session). The table holds `Nullable(String)` ids and
 * a `Nullable(DateTime64(6, 'UTC'))` time, so that sub-millisecond instants can be stored;
 * ClickHouse's DateTime64 holds 1900-01-01 to 2299-12-31 only.
 */
export async function openClickHouse(): Promise<SqlEngine> {
  const session = new Session();
  const run = (sql: string): unknown[] =>
    session
      .query(sql, 'JSONEachRow')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  // chdb is clickhouse-local: in its default database a table name that looks like a path
  // (`/* open`) is read as a file. A database of its own behaves as on a ClickHouse server.
  run('CREATE DATABASE IF NOT EXISTS engagekit_test ENGINE = Atomic');
  run('USE engagekit_test');
  return {
    name: 'clickhouse',
    exec: async (sql) => run(sql),
    async load(names, rows) {
      const q = clickhouseQuoted;
      run(`DROP TABLE IF EXISTS ${q(names.table)}`);
      run(
        `CREATE TABLE ${q(names.table)} (${q(names.customer)} Nullable(String), ${q(names.behaviour)} Nullable(String), ${q(names.at)} Nullable(DateTime64(6, 'UTC')), ${q(names.weight)} Nullable(Float64)) ENGINE = Memory`,
      );
      for (const batch of batches(rows)) {
        // JSON rows by position: the data never passes through the SQL lexer.
        const lines = batch.map((row) =>
          JSON.stringify([
            row.customer,
            row.behaviour,
            row.at === null ? null : isoMicros(row.at).replace('T', ' ').replace('Z', ''),
            row.weight ?? null,
          ]),
        );
        run(`INSERT INTO ${q(names.table)} FORMAT JSONCompactEachRow\n${lines.join('\n')}`);
      }
    },
    query: async (sql) => run(sql) as SqlScoreRow[],
    async close() {
      session.close();
    },
  };
}

/** A PostgreSQL engine over any client. */
export function pgEngine(client: PgLikeClient): SqlEngine {
  return {
    name: 'postgres',
    exec: (sql) => client.exec(sql),
    async load(names, rows) {
      await client.exec(`DROP TABLE IF EXISTS ${quoted(names.table)}`);
      await client.exec(createTable(names));
      for (const batch of batches(rows)) {
        await client.query(
          insertSql(names, batch.length, (n) => `$${n}`),
          parameters(batch),
        );
      }
    },
    query: (sql) => client.exec(sql),
    close: () => client.close(),
  };
}

/**
 * An engine on a real PostgreSQL server (`url`, as .ci/run sets ENGAGEKIT_PG_URL) working in a
 * fresh `schema` (dropped first if it is there). Its `close` drops the schema and ends the
 * connection. Timestamps and doubles come back as numbers and strings the tests compare; `exec`
 * uses the simple protocol, so a text of several statements runs them all (an injection would too).
 */
export async function openPgServer(url: string, schema: string): Promise<SqlEngine> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const engine = pgEngine({
    query: async (sql, params) => (await client.query(sql, params)).rows as SqlScoreRow[],
    exec: async (sql) => {
      const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as SqlScoreRow[];
    },
    close: () => client.end(),
  });
  await engine.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await engine.exec(`CREATE SCHEMA ${schema}`);
  await engine.exec(`SET search_path TO ${schema}`);
  return {
    ...engine,
    async close() {
      await engine.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await engine.close();
    },
  };
}

/** Rows by customer id, scores as numbers. */
export function byCustomer(rows: readonly SqlScoreRow[]): Map<string, SqlScoreRow> {
  const map = new Map<string, SqlScoreRow>();
  for (const row of rows) map.set(String(row.customer_id), { ...row, score: Number(row.score) });
  return map;
}
