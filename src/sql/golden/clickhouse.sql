-- engagekit toSql golden query: ClickHouse (checked by src/sql/toSql.test.ts; no ClickHouse SQL
-- grammar is available to the tests, so it is parsed with node-sql-parser's mysql grammar, whose
-- backtick identifiers and backslash string escapes it shares). Model: test/sqlGoldenModel.ts.
-- Functions, per https://clickhouse.com/docs/sql-reference/:
--   `...` identifiers; '...' strings with \' and \\: syntax#identifiers, syntax#string
--   toDateTime64('...', 3, 'UTC'): functions/type-conversion-functions#todatetime64
--   toUnixTimestamp64Milli(DateTime64) -> Int64 milliseconds: functions/type-conversion-functions#tounixtimestamp64milli
--   pow, greatest, least, COALESCE, toFloat64: functions/math-functions#pow, functions/conditional-functions
--   occurred_at must be DateTime64(3, 'UTC').
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    toFloat64(COALESCE(src.`weight`, 1)) AS ek_weight,
    toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(src.`occurred_at`)) AS ek_elapsed
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` <= toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')
    AND src.`occurred_at` > toDateTime64('2026-07-04 00:00:00.000', 3, 'UTC')
    AND src.`behaviour` IN ('emailClick', 'purchase', 'siteVisit', 'trial', 'complaint')
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(
      CASE ek_behaviour
        WHEN 'emailClick' THEN ek_weight * 25 * CASE WHEN ek_elapsed >= 1209600000 THEN 0 ELSE (1209600000 - ek_elapsed) / 1209600000 END
        WHEN 'purchase' THEN ek_weight * 50 * CASE WHEN ek_elapsed <= 604800000 THEN 1 WHEN ek_elapsed >= 10368000000 THEN 0 ELSE (10368000000 - ek_elapsed) / 9763200000 END
        WHEN 'siteVisit' THEN ek_weight * 5 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE pow(2, -ek_elapsed / 259200000) END
        WHEN 'trial' THEN ek_weight * 10 * CASE WHEN ek_elapsed < 2592000000 THEN 1 ELSE 0 END
        WHEN 'complaint' THEN ek_weight * (-20) * CASE WHEN ek_elapsed >= 5184000000 THEN 0 ELSE (5184000000 - ek_elapsed) / 5184000000 END
        ELSE 0
      END
    ) AS ek_total
  FROM scored_events
  GROUP BY ek_customer, ek_behaviour
),
customer_scores AS (
  SELECT
    ek_customer,
    SUM(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN least(15, greatest((-15), ek_total))
        WHEN 'complaint' THEN least(30, greatest((-30), ek_total))
        ELSE ek_total
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
  toFloat64(COALESCE(customer_scores.ek_score, 0)) AS score,
  CASE WHEN toFloat64(COALESCE(customer_scores.ek_score, 0)) >= 30 THEN 'high' WHEN toFloat64(COALESCE(customer_scores.ek_score, 0)) >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
