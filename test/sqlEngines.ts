import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';

/** One row of the events table used by the SQL tests. */
export interface SqlEventRow {
  readonly customer: string;
  readonly behaviour: string;
  readonly at: number;
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
  readonly name: 'duckdb' | 'postgres';
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

function parameters(rows: readonly SqlEventRow[]): (string | number | null)[] {
  return rows.flatMap((row) => [
    row.customer,
    row.behaviour,
    new Date(row.at).toISOString(),
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

/** Rows by customer id, scores as numbers. */
export function byCustomer(rows: readonly SqlScoreRow[]): Map<string, SqlScoreRow> {
  const map = new Map<string, SqlScoreRow>();
  for (const row of rows) map.set(String(row.customer_id), { ...row, score: Number(row.score) });
  return map;
}
