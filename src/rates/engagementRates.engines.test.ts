import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { query as clickhouse } from 'chdb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementRates } from './engagementRates.js';

/**
 * The rows of a real `GROUP BY` go into engagementRates as each engine's driver returns them:
 * PostgreSQL (node-postgres) gives `count(*)` and `sum(...)` as strings, PGlite `bigint` as a
 * number and `numeric` as a string, DuckDB `BIGINT` as a bigint, ClickHouse (chdb) `UInt64` as a
 * number or, with 64-bit quoting on as its HTTP clients use, a string. Each gives the rates of the
 * plain counts. The PostgreSQL server runs when ENGAGEKIT_PG_URL is set (.ci/run starts one).
 */
const WEEKS = [
  { week: 1, sends: 1200, clicks: 66 },
  { week: 2, sends: 1180, clicks: 47 },
  { week: 3, sends: 1210, clicks: 58 },
];
const WEEK_VALUES = WEEKS.map(({ week, sends, clicks }) => `(${week}, ${sends}, ${clicks})`).join(
  ', ',
);

/** One row per send (its number i in the week), clicked when i <= clicks, weighted 1.5 or 0.5. */
const SQL_PG = `WITH w(week, sends, clicks) AS (VALUES ${WEEK_VALUES})
  SELECT week, count(*) AS sends, sum(CASE WHEN i <= w.clicks THEN 1 ELSE 0 END) AS clicks,
    sum(CASE WHEN i % 2 = 0 THEN 1.5 ELSE 0.5 END) AS weighted_sends
  FROM w, generate_series(1, w.sends) AS g(i) GROUP BY week ORDER BY week`;

const expected = engagementRates(
  WEEKS.map(({ week, sends, clicks }) => ({ group: week, successes: clicks, trials: sends })),
  { compareWith: 'previous' },
);
const options = {
  fields: { group: 'week', successes: 'clicks', trials: 'sends' },
  compareWith: 'previous',
} as const;

/** The rates of the rows with the week made a number (drivers give it as a number or a bigint). */
function ratesOf(rows: readonly Record<string, unknown>[]) {
  return engagementRates(
    rows.map((row) => ({ ...row, week: Number(row.week) })),
    options,
  );
}

describe('engagementRates on the rows of real SQL engines', () => {
  it('PGlite: bigint counts as numbers, numeric sums as strings', async () => {
    const db = new PGlite();
    const { rows } = await db.query<Record<string, unknown>>(
      SQL_PG.replace(
        'sum(CASE WHEN i <= w.clicks THEN 1 ELSE 0 END)',
        'sum(CASE WHEN i <= w.clicks THEN 1 ELSE 0 END)::numeric',
      ),
    );
    await db.close();
    expect(typeof rows[0]?.sends).toBe('number');
    expect(typeof rows[0]?.clicks).toBe('string');
    expect(ratesOf(rows)).toEqual(expected);
  });

  it('DuckDB: BIGINT counts as bigints', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(SQL_PG)).getRowObjectsJS();
    connection.closeSync();
    expect(typeof rows[0]?.sends).toBe('bigint');
    expect(typeof rows[0]?.clicks).toBe('bigint');
    expect(ratesOf(rows)).toEqual(expected);
  });

  it('ClickHouse (chdb): UInt64 as numbers, or as strings when 64-bit integers are quoted', () => {
    const sql = `SELECT week, count() AS sends, sum(i <= k) AS clicks
      FROM values('week UInt8, n UInt32, k UInt32', ${WEEK_VALUES})
      ARRAY JOIN range(1, n + 1) AS i GROUP BY week ORDER BY week`;
    for (const quote of [0, 1]) {
      const text = clickhouse(
        `${sql} SETTINGS output_format_json_quote_64bit_integers = ${quote}`,
        'JSONEachRow',
      );
      const rows = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(typeof rows[0]?.sends).toBe(quote === 1 ? 'string' : 'number');
      expect(ratesOf(rows)).toEqual(expected);
    }
  });

  const url = process.env.ENGAGEKIT_PG_URL;
  const reason =
    url === undefined ? ' (skipped: ENGAGEKIT_PG_URL is not set; .ci/run starts a server)' : '';
  describe.skipIf(url === undefined)(`a PostgreSQL server through node-postgres${reason}`, () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: url });
      await client.connect();
    });
    afterAll(() => client?.end());

    it('bigint counts and numeric sums as strings', async () => {
      const { rows } = await client.query<Record<string, unknown>>(SQL_PG);
      expect(typeof rows[0]?.sends).toBe('string');
      expect(typeof rows[0]?.clicks).toBe('string');
      expect(typeof rows[0]?.weighted_sends).toBe('string');
      expect(ratesOf(rows)).toEqual(expected);
    });
  });
});
