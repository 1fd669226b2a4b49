/**
 * How each SQL dialect writes the few things {@link toSql} needs: quoted identifiers, string
 * literals, a timestamp literal, the milliseconds between two timestamps, a cast to a double and a
 * power of two. Not exported from the package. Every function used is cited against the engine's
 * documentation below.
 *
 * - PostgreSQL (https://www.postgresql.org/docs/current/): quoted identifiers double an embedded
 *   `"` (sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS); `E'...'` escape strings double `'` and
 *   `\` (#SQL-SYNTAX-STRINGS-ESCAPE), so the literal means the same whatever
 *   `standard_conforming_strings` is; `TIMESTAMPTZ '...'` is a typed constant
 *   (#SQL-SYNTAX-CONSTANTS-GENERIC); `EXTRACT(EPOCH FROM interval)` gives the interval's total
 *   seconds, exactly, as `numeric` (functions-datetime.html#FUNCTIONS-DATETIME-EXTRACT);
 *   `POWER(a, b)` (functions-math.html).
 * - DuckDB (https://duckdb.org/docs/stable/sql/): quoted identifiers double `"`
 *   (dialect/keywords_and_identifiers); string literals double `'` and never treat `\` specially
 *   (data_types/literal_types#string-literals); `epoch_ms(timestamptz)` gives epoch milliseconds as
 *   BIGINT (functions/timestamptz); `POWER(a, b)` (functions/numeric).
 * - BigQuery GoogleSQL (https://cloud.google.com/bigquery/docs/reference/standard-sql/): quoted
 *   identifiers are backtick-quoted "with the same escape sequences as string literals" and quoted
 *   strings treat `\` as an escape and may not contain newlines (lexical#quoted_identifiers,
 *   lexical#string_and_bytes_literals); `TIMESTAMP '...'` literal (lexical#timestamp_literals);
 *   `TIMESTAMP_DIFF(a, b, MILLISECOND)` is `a - b` in whole milliseconds as INT64
 *   (timestamp_functions#timestamp_diff); `POW(x, y)` (mathematical_functions#pow).
 * - Snowflake (https://docs.snowflake.com/en/sql-reference/): quoted identifiers double `"`
 *   (identifiers-syntax#double-quoted-identifiers); single-quoted string constants interpret
 *   backslash escape sequences, `''` is a quote (data-types-text#escape-sequences-in-single-quoted-string-constants);
 *   `TO_TIMESTAMP_TZ(string, format)` with `FF3` and `TZH:TZM` (functions/to_timestamp);
 *   `DATEDIFF(millisecond, a, b)` is `b - a` in milliseconds (functions/datediff);
 *   `POWER(x, y)` (functions/pow).
 * - ClickHouse (https://clickhouse.com/docs/sql-reference/): identifiers may be quoted in
 *   backticks, string literals need `'` and `\` escaped as `\'` and `\\` (syntax#identifiers,
 *   syntax#string); `toDateTime64(string, 3, 'UTC')` (functions/type-conversion-functions#todatetime64);
 *   `toUnixTimestamp64Milli(DateTime64)` (functions/type-conversion-functions#tounixtimestamp64milli);
 *   `pow(x, y)` (functions/math-functions#pow); `greatest` / `least`
 *   (functions/conditional-functions).
 * - Spark SQL (https://spark.apache.org/docs/latest/): identifiers in backticks double an embedded
 *   backtick (sql-ref-identifier.html); string literals use `\` to escape `'` and `\`
 *   (sql-ref-literals.html#string-literal); `TIMESTAMP '...'` literal with a zone offset
 *   (sql-ref-literals.html#datetime-literal); `unix_millis(ts)` epoch milliseconds as BIGINT,
 *   Spark >= 3.1 (sql-ref-functions-builtin.html#date-and-timestamp-functions); `pow(x, y)`.
 *
 * Semantics the query relies on in the three dialects not executed in CI (BigQuery, Snowflake,
 * Spark), as documented:
 * - Timestamp arithmetic: only whole milliseconds since the epoch are subtracted, as integers
 *   (BigQuery `UNIX_MILLIS` "truncates higher levels of precision by rounding down",
 *   timestamp_functions#unix_millis; Snowflake `DATEDIFF` truncates each value to the date part
 *   first, functions/datediff; Spark `unix_millis` rounds finer precision down,
 *   sql-ref-functions-builtin.html#date-and-timestamp-functions). The difference is then cast to
 *   a 64-bit float (BigQuery FLOAT64, Snowflake DOUBLE = FLOAT, Spark DOUBLE).
 * - Powers: `POW`/`POWER`/`pow(2, x)` on FLOAT64/DOUBLE (BigQuery mathematical_functions#pow,
 *   Snowflake functions/pow, Spark `pow`); the exponent is never below -100 (see toSql), so no
 *   engine underflows to 0.
 * - Division: every division has a float operand (`ek_elapsed` is cast to a double), so no dialect
 *   divides integers (BigQuery `/` is always FLOAT64; Snowflake `/` on integers gives a NUMBER with
 *   scale; Spark `/` gives DOUBLE); integer division never occurs.
 * - NULLs: `x IN (...)` and `x < literal` are NULL for a NULL `x`, and a `WHERE` keeps only TRUE
 *   rows (BigQuery operators#comparison_operators, Snowflake operators-comparison, Spark
 *   sql-ref-null-semantics.html); `COALESCE` gives the first non-NULL argument; `SUM` skips NULLs.
 *   The query has no `ORDER BY`, so NULL ordering never matters.
 *
 * @internal
 */

/**
 * A SQL dialect {@link toSql} can write: `'postgres'`, `'duckdb'`, `'bigquery'`, `'snowflake'`,
 * `'clickhouse'` or `'spark'`.
 *
 * @category Warehouse SQL
 */
export type SqlDialect = 'postgres' | 'duckdb' | 'bigquery' | 'snowflake' | 'clickhouse' | 'spark';

/** The SQL dialects {@link toSql} writes. */
export const SQL_DIALECTS = [
  'postgres',
  'duckdb',
  'bigquery',
  'snowflake',
  'clickhouse',
  'spark',
] as const satisfies readonly SqlDialect[];

/** The dialect-specific pieces of a query. */
export interface DialectWriter {
  /** One identifier, quoted so that any text stays a single name. */
  readonly identifier: (name: string) => string;
  /** A string literal that reads back as exactly `text`. */
  readonly string: (text: string) => string;
  /** A timestamp literal for an ISO instant `YYYY-MM-DD HH:MM:SS.mmm` in UTC. */
  readonly timestamp: (utc: string) => string;
  /**
   * Whole milliseconds from `from` (an event's timestamp, possibly finer than a millisecond) to
   * `to` (a literal of whole milliseconds), with `from` rounded down to its millisecond first, as a
   * JavaScript `Date` holds it: an integer or an exact numeric.
   */
  readonly millisBetween: (from: string, to: string) => string;
  /** A finite number as a literal of the dialect's 64-bit float type (or one it widens to it). */
  readonly number: (value: number) => string;
  /**
   * `expression` (a 64-bit float) when finite; otherwise the query fails with `message`, as the
   * in-memory path throws `OVERFLOW`. `undefined` where the engine raises an error itself.
   */
  readonly finite: ((expression: string, message: string) => string) | undefined;
  /** A cast to a 64-bit float. */
  readonly double: (expression: string) => string;
  /** `base` to the power `exponent`. */
  readonly power: (base: string, exponent: string) => string;
  /** The larger and smaller of two values. */
  readonly greatest: string;
  readonly least: string;
  /**
   * The calendar day of `timestamp` (an instant column) in the IANA time zone `zone` (a string
   * literal), as whole days since 1970-01-01 (negative before): the day of a frequency cap.
   */
  readonly localDay: (timestamp: string, zone: string) => string;
  /**
   * The value of `expression` `offset` rows before the current one in the window `over`
   * (`PARTITION BY ... ORDER BY ...`), NULL (or, in ClickHouse, 0) where there is no such row.
   */
  readonly lag: (expression: string, offset: number, over: string) => string;
}

/** Backslash escapes of the control characters a single-line literal may not hold raw. */
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function backslashEscaped(text: string, quote: string): string {
  let out = '';
  for (const char of text) {
    if (char === quote) out += `\\${quote}`;
    else out += BACKSLASH_ESCAPES[char] ?? char;
  }
  return out;
}

const doubled = (text: string, quote: string): string => text.split(quote).join(quote + quote);

const postgres: DialectWriter = {
  identifier: (name) => `"${doubled(name, '"')}"`,
  string: (text) =>
    text.includes('\\')
      ? `E'${doubled(text, "'").split('\\').join('\\\\')}'`
      : `'${doubled(text, "'")}'`,
  timestamp: (utc) => `TIMESTAMPTZ '${utc}+00:00'`,
  millisBetween: (from, to) =>
    `EXTRACT(EPOCH FROM (${to} - date_trunc('milliseconds', ${from}))) * 1000`,
  number: (value) => numberLiteral(value),
  // float8 arithmetic raises "value out of range: overflow" itself (functions-math.html, float.c).
  finite: undefined,
  double: (expression) => `CAST(${expression} AS DOUBLE PRECISION)`,
  power: (base, exponent) => `POWER(${base}, ${exponent})`,
  greatest: 'GREATEST',
  least: 'LEAST',
  localDay: (timestamp, zone) =>
    `(CAST((${timestamp} AT TIME ZONE ${zone}) AS DATE) - DATE '1970-01-01')`,
  lag: (expression, offset, over) => `LAG(${expression}, ${offset}) OVER (${over})`,
};

const duckdb: DialectWriter = {
  identifier: (name) => `"${doubled(name, '"')}"`,
  string: (text) => `'${doubled(text, "'")}'`,
  timestamp: (utc) => `TIMESTAMPTZ '${utc}+00:00'`,
  millisBetween: (from, to) => `epoch_ms(${to}) - epoch_ms(date_trunc('millisecond', ${from}))`,
  number: (value) => numberLiteral(value),
  finite: (expression, message) =>
    `CASE WHEN isfinite(${expression}) THEN ${expression} ELSE error(${duckdb.string(message)}) END`,
  double: (expression) => `CAST(${expression} AS DOUBLE)`,
  power: (base, exponent) => `POWER(${base}, ${exponent})`,
  greatest: 'GREATEST',
  least: 'LEAST',
  localDay: (timestamp, zone) =>
    `(CAST(timezone(${zone}, ${timestamp}) AS DATE) - DATE '1970-01-01')`,
  lag: (expression, offset, over) => `LAG(${expression}, ${offset}) OVER (${over})`,
};

const bigquery: DialectWriter = {
  identifier: (name) => `\`${backslashEscaped(name, '`')}\``,
  string: (text) => `'${backslashEscaped(text, "'")}'`,
  timestamp: (utc) => `TIMESTAMP '${utc}+00:00'`,
  millisBetween: (from, to) => `UNIX_MILLIS(${to}) - UNIX_MILLIS(${from})`,
  number: (value) => numberLiteral(value),
  finite: (expression, message) =>
    `IF(IS_INF(${expression}) OR IS_NAN(${expression}), ERROR(${bigquery.string(message)}), ${expression})`,
  double: (expression) => `CAST(${expression} AS FLOAT64)`,
  power: (base, exponent) => `POW(${base}, ${exponent})`,
  greatest: 'GREATEST',
  least: 'LEAST',
  localDay: (timestamp, zone) => `UNIX_DATE(DATE(${timestamp}, ${zone}))`,
  lag: (expression, offset, over) => `LAG(${expression}, ${offset}) OVER (${over})`,
};

const snowflake: DialectWriter = {
  identifier: (name) => `"${doubled(name, '"')}"`,
  string: (text) => `'${backslashEscaped(text, "'")}'`,
  timestamp: (utc) => `TO_TIMESTAMP_TZ('${utc} +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM')`,
  millisBetween: (from, to) => `DATEDIFF(millisecond, ${from}, ${to})`,
  number: (value) => numberLiteral(value),
  // Snowflake has no function that raises an error with a message; see docs/warehouse.md.
  finite: undefined,
  double: (expression) => `CAST(${expression} AS DOUBLE)`,
  power: (base, exponent) => `POWER(${base}, ${exponent})`,
  greatest: 'GREATEST',
  least: 'LEAST',
  localDay: (timestamp, zone) =>
    `DATEDIFF(day, TO_DATE('1970-01-01'), CAST(CONVERT_TIMEZONE(${zone}, ${timestamp}) AS DATE))`,
  lag: (expression, offset, over) => `LAG(${expression}, ${offset}) OVER (${over})`,
};

const clickhouse: DialectWriter = {
  identifier: (name) => `\`${backslashEscaped(name, '`')}\``,
  string: (text) => `'${backslashEscaped(text, "'")}'`,
  timestamp: (utc) => `toDateTime64('${utc}', 3, 'UTC')`,
  millisBetween: (from, to) =>
    `toUnixTimestamp64Milli(${to}) - toUnixTimestamp64Milli(toStartOfMillisecond(${from}))`,
  number: (value) => {
    // A literal without a point or an exponent is an unsigned or signed integer in ClickHouse,
    // whose sums wrap at 2^64 and which greatest/least refuse to mix with Float64.
    const text = numberLiteral(value);
    return /[.e]/.test(text) ? text : text.endsWith(')') ? `${text.slice(0, -1)}.0)` : `${text}.0`;
  },
  finite: (expression, message) =>
    `(${expression} + throwIf(NOT isFinite(${expression}), ${clickhouse.string(message)}))`,
  double: (expression) => `toFloat64(${expression})`,
  power: (base, exponent) => `pow(${base}, ${exponent})`,
  greatest: 'greatest',
  least: 'least',
  localDay: (timestamp, zone) => `toInt32(toDate32(${timestamp}, ${zone}))`,
  // lagInFrame reads inside the frame only, so the frame reaches back to the partition's start.
  lag: (expression, offset, over) =>
    `lagInFrame(${expression}, ${offset}) OVER (${over} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
};

const spark: DialectWriter = {
  identifier: (name) => `\`${doubled(name, '`')}\``,
  string: (text) => `'${backslashEscaped(text, "'")}'`,
  timestamp: (utc) => `TIMESTAMP '${utc}+00:00'`,
  millisBetween: (from, to) => `unix_millis(${to}) - unix_millis(${from})`,
  number: (value) => numberLiteral(value),
  finite: (expression, message) =>
    `CASE WHEN isnan(${expression}) OR abs(${expression}) = double('Infinity') THEN raise_error(${spark.string(message)}) ELSE ${expression} END`,
  double: (expression) => `CAST(${expression} AS DOUBLE)`,
  power: (base, exponent) => `pow(${base}, ${exponent})`,
  greatest: 'GREATEST',
  least: 'LEAST',
  localDay: (timestamp, zone) =>
    `FLOOR(unix_millis(from_utc_timestamp(${timestamp}, ${zone})) / 86400000)`,
  lag: (expression, offset, over) => `LAG(${expression}, ${offset}) OVER (${over})`,
};

/** The writer of each dialect. */
export const DIALECTS: Readonly<Record<SqlDialect, DialectWriter>> = {
  postgres,
  duckdb,
  bigquery,
  snowflake,
  clickhouse,
  spark,
};

/**
 * Characters no dialect can carry safely in a literal or an identifier: NUL and the other C0
 * controls except tab, newline and carriage return (which are escaped where needed), DEL, and
 * unpaired UTF-16 surrogates (not encodable as UTF-8). Whether `text` holds one of them.
 */
export function hasUnwritableCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
    if (code === 0x7f) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * A finite number as a SQL numeric literal that reads back as the same double; negative numbers
 * are parenthesised so that `a - -1` can never become the comment `a --1`.
 */
export function numberLiteral(value: number): string {
  const text = String(value === 0 ? 0 : value);
  return value < 0 ? `(${text})` : text;
}
