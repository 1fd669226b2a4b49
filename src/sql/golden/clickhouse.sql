-- engagekit toSql golden query: ClickHouse (checked by src/sql/toSql.test.ts; no ClickHouse SQL
-- grammar is available to the tests, so it is parsed with node-sql-parser's mysql grammar, whose
-- backtick identifiers and backslash string escapes it shares). Model: test/sqlGoldenModel.ts.
-- Functions, per https://clickhouse.com/docs/sql-reference/:
--   `...` identifiers; '...' strings with \' and \\: syntax#identifiers, syntax#string
--   toDateTime64('...', 3, 'UTC'): functions/type-conversion-functions#todatetime64
--   toUnixTimestamp64Milli(DateTime64) -> Int64 milliseconds: functions/type-conversion-functions#tounixtimestamp64milli
--   toStartOfMillisecond(DateTime64) rounds down: functions/date-time-functions#tostartofmillisecond
--   numbers are written with a point (25.0): a literal without one is an integer type (syntax#numeric),
--   whose sums wrap at 2^64 and which greatest/least refuse beside Float64
--   throwIf(cond, message) fails the query on a non-finite total; isFinite: functions/other-functions#throwif
--   pow, greatest, least, COALESCE, toFloat64: functions/math-functions#pow, functions/conditional-functions
--   occurred_at must be DateTime64(3, 'UTC').
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    toFloat64(COALESCE(src.`weight`, 1)) AS ek_weight,
    toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`))) AS ek_elapsed
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < toDateTime64('2026-11-01 00:00:00.001', 3, 'UTC')
    AND src.`occurred_at` > toDateTime64('2026-07-04 00:00:00.000', 3, 'UTC')
    AND src.`behaviour` IN ('emailClick', 'purchase', 'siteVisit', 'trial', 'complaint')
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(toFloat64(
      CASE ek_behaviour
        WHEN 'emailClick' THEN ek_weight * 25.0 * CASE WHEN ek_elapsed >= 1209600000.0 THEN 0 ELSE (1209600000.0 - ek_elapsed) / 1209600000.0 END
        WHEN 'purchase' THEN ek_weight * 50.0 * CASE WHEN ek_elapsed <= 604800000.0 THEN 1 WHEN ek_elapsed >= 10368000000.0 THEN 0 ELSE (10368000000.0 - ek_elapsed) / 9763200000.0 END
        WHEN 'siteVisit' THEN ek_weight * 5.0 * CASE WHEN ek_elapsed >= 2592000000.0 THEN 0 ELSE pow(2, -ek_elapsed / 259200000.0) END
        WHEN 'trial' THEN ek_weight * 10.0 * CASE WHEN ek_elapsed < 2592000000.0 THEN 1 ELSE 0 END
        WHEN 'complaint' THEN ek_weight * (-20.0) * CASE WHEN ek_elapsed >= 5184000000.0 THEN 0 ELSE (5184000000.0 - ek_elapsed) / 5184000000.0 END
        ELSE 0
      END)
    ) AS ek_total
  FROM scored_events
  GROUP BY ek_customer, ek_behaviour
),
customer_scores AS (
  SELECT
    ek_customer,
    SUM(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN least(15.0, greatest((-15.0), (ek_total + throwIf(NOT isFinite(ek_total), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))
        WHEN 'complaint' THEN least(30.0, greatest((-30.0), (ek_total + throwIf(NOT isFinite(ek_total), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))
        ELSE (ek_total + throwIf(NOT isFinite(ek_total), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))
      END
    ) AS ek_score
  FROM behaviour_totals
  GROUP BY ek_customer
),
customers AS (
  SELECT DISTINCT src.`customer_id` AS ek_customer
  FROM `analytics`.`events` AS src
  WHERE src.`customer_id` IS NOT NULL
)
SELECT
  customers.ek_customer AS customer_id,
  (toFloat64(COALESCE(customer_scores.ek_score, 0)) + throwIf(NOT isFinite(toFloat64(COALESCE(customer_scores.ek_score, 0))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) AS score,
  CASE WHEN (toFloat64(COALESCE(customer_scores.ek_score, 0)) + throwIf(NOT isFinite(toFloat64(COALESCE(customer_scores.ek_score, 0))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) >= 30.0 THEN 'high' WHEN (toFloat64(COALESCE(customer_scores.ek_score, 0)) + throwIf(NOT isFinite(toFloat64(COALESCE(customer_scores.ek_score, 0))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) >= 10.0 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
