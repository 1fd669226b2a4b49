import type { SqlDialect } from '../dialects.js';

/**
 * The few things the at-risk query of {@link atRiskSql} writes beyond what `toSql` needs: a
 * natural logarithm, floor and ceiling, the next row of a window, an instant a number of
 * milliseconds after a timestamp, and a failure with a message. Each is cited against the
 * engine's documentation:
 *
 * - PostgreSQL (https://www.postgresql.org/docs/current/): `LN`, `FLOOR`, `CEIL` on double
 *   precision (functions-math.html); `LEAD(value, offset, default)` (functions-window.html);
 *   `timestamptz + double precision * INTERVAL '1 millisecond'` (functions-datetime.html,
 *   "double precision * interval"). PostgreSQL has no function that raises an error with a message
 *   inside a query: a cast of the message (made to depend on a row, so that the planner cannot
 *   fold it) to `double precision` fails with "invalid input syntax for type double precision"
 *   followed by the message (datatype-numeric.html).
 * - DuckDB (https://duckdb.org/docs/stable/sql/): `ln`, `floor`, `ceil` (functions/numeric);
 *   `lead(expr, offset, default)` (functions/window_functions); `timestamptz + to_milliseconds(n)`
 *   (functions/interval#to_millisecondsinteger); `error(message)` (functions/utility#errormessage).
 * - BigQuery (https://cloud.google.com/bigquery/docs/reference/standard-sql/): `LN`, `FLOOR`,
 *   `CEIL` (mathematical_functions); `LEAD(value, offset, default)`
 *   (navigation_functions#lead); `TIMESTAMP_MILLIS(UNIX_MILLIS(ts) + n)` with an INT64 `n`
 *   (timestamp_functions#timestamp_millis, #unix_millis); `ERROR(message)` (debugging_functions#error).
 * - Snowflake (https://docs.snowflake.com/en/sql-reference/): `LN`, `FLOOR`, `CEIL`
 *   (functions/ln, functions/floor, functions/ceil); `LEAD(expr, offset, default)`
 *   (functions/lead); `DATEADD(millisecond, n, ts)` (functions/dateadd). No function raises an
 *   error with a message: a cast of the message to `DOUBLE` fails with "Numeric value '...' is not
 *   recognized" (functions/cast).
 * - ClickHouse (https://clickhouse.com/docs/sql-reference/): `log` (the natural logarithm),
 *   `floor`, `ceil` (functions/math-functions, functions/rounding-functions);
 *   `lead(x, offset, default)` (window-functions/lead);
 *   `addMilliseconds(DateTime64, n)` (functions/date-time-functions#addmilliseconds);
 *   `throwIf(condition, message)` (functions/other-functions#throwif).
 * - Spark SQL (https://spark.apache.org/docs/latest/sql-ref-functions-builtin.html): `ln`,
 *   `floor`, `ceil` (math functions; `floor`/`ceil` of a DOUBLE give a BIGINT, exact for the whole
 *   milliseconds they are used on); `lead(input, offset, default)` (window functions);
 *   `timestamp_millis(unix_millis(ts) + n)` (date and timestamp functions, Spark >= 3.1);
 *   `raise_error(message)` (misc functions, Spark >= 3.1).
 *
 * @internal
 */
export interface AtRiskDialect {
  /** `' MATERIALIZED'` where a CTE must be computed once rather than inlined, else `''`. */
  readonly materialized: string;
  /** The natural logarithm of a positive expression. */
  readonly ln: (x: string) => string;
  readonly floor: (x: string) => string;
  readonly ceil: (x: string) => string;
  /** `LEAD(value, 1, fallback)` over a window (the window text follows `OVER`). */
  readonly lead: (value: string, fallback: string, window: string) => string;
  /** The instant `millis` (a whole number, as a double) after the timestamp literal `from`. */
  readonly addMillis: (from: string, millis: string) => string;
  /**
   * `value` when `failing` is false; otherwise the query fails with `message` (a string literal).
   * `row` is a text expression of the row, so that no planner folds the failure into a constant.
   */
  readonly guard: (value: string, failing: string, message: string, row: string) => string;
}

const castFailure =
  (type: string, textType: string) =>
  (value: string, failing: string, message: string, row: string): string =>
    `CASE WHEN ${failing} THEN CAST(${message} || CAST(${row} AS ${textType}) AS ${type}) ELSE ${value} END`;

/** Each dialect's writer. */
export const AT_RISK_DIALECTS: Readonly<Record<SqlDialect, AtRiskDialect>> = {
  postgres: {
    // WITH ... AS MATERIALIZED (queries-with.html#QUERIES-WITH-CTE-MATERIALIZATION): inlined, each
    // search stage's CASE would be copied into every probe of the next
    materialized: ' MATERIALIZED',
    ln: (x) => `LN(${x})`,
    floor: (x) => `FLOOR(${x})`,
    ceil: (x) => `CEIL(${x})`,
    lead: (value, fallback, window) => `LEAD(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) => `${from} + ${millis} * INTERVAL '1 millisecond'`,
    guard: /* @__PURE__ */ castFailure('DOUBLE PRECISION', 'TEXT'),
  },
  duckdb: {
    materialized: '',
    ln: (x) => `ln(${x})`,
    floor: (x) => `floor(${x})`,
    ceil: (x) => `ceil(${x})`,
    lead: (value, fallback, window) => `lead(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) => `${from} + to_milliseconds(CAST(${millis} AS BIGINT))`,
    guard: (value, failing, message) =>
      `CASE WHEN ${failing} THEN error(${message}) ELSE ${value} END`,
  },
  bigquery: {
    materialized: '',
    ln: (x) => `LN(${x})`,
    floor: (x) => `FLOOR(${x})`,
    ceil: (x) => `CEIL(${x})`,
    lead: (value, fallback, window) => `LEAD(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) =>
      `TIMESTAMP_MILLIS(UNIX_MILLIS(${from}) + CAST(${millis} AS INT64))`,
    guard: (value, failing, message) => `IF(${failing}, ERROR(${message}), ${value})`,
  },
  snowflake: {
    materialized: '',
    ln: (x) => `LN(${x})`,
    floor: (x) => `FLOOR(${x})`,
    ceil: (x) => `CEIL(${x})`,
    lead: (value, fallback, window) => `LEAD(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) => `DATEADD(millisecond, CAST(${millis} AS BIGINT), ${from})`,
    guard: /* @__PURE__ */ castFailure('DOUBLE', 'VARCHAR'),
  },
  clickhouse: {
    materialized: '',
    ln: (x) => `log(${x})`,
    floor: (x) => `floor(${x})`,
    ceil: (x) => `ceil(${x})`,
    lead: (value, fallback, window) => `lead(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) => `addMilliseconds(${from}, toInt64(${millis}))`,
    guard: (value, failing, message) => `(${value} + throwIf(${failing}, ${message}))`,
  },
  spark: {
    materialized: '',
    ln: (x) => `ln(${x})`,
    floor: (x) => `floor(${x})`,
    ceil: (x) => `ceil(${x})`,
    lead: (value, fallback, window) => `lead(${value}, 1, ${fallback}) OVER (${window})`,
    addMillis: (from, millis) =>
      `timestamp_millis(unix_millis(${from}) + CAST(${millis} AS BIGINT))`,
    guard: (value, failing, message) =>
      `CASE WHEN ${failing} THEN raise_error(${message}) ELSE ${value} END`,
  },
};
