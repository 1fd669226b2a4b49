-- engagekit toSql golden query: Spark SQL >= 3.1 (checked by src/sql/toSql.test.ts and parsed by
-- node-sql-parser's hive grammar, the closest it has). Model: test/sqlGoldenModel.ts.
-- Functions, per https://spark.apache.org/docs/latest/:
--   `...` identifiers, `` for a backtick: sql-ref-identifier.html
--   '...' strings with \\ and \': sql-ref-literals.html#string-literal
--   TIMESTAMP '... +00:00' literal: sql-ref-literals.html#datetime-literal
--   unix_millis(timestamp) -> BIGINT milliseconds, finer precision rounded down: sql-ref-functions-builtin.html (date and timestamp functions)
--   isnan, abs, raise_error(message) fails the query (Spark >= 3.1): sql-ref-functions-builtin.html (misc functions)
--   pow, GREATEST, LEAST, COALESCE, CAST AS DOUBLE: sql-ref-functions-builtin.html
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    CAST(COALESCE(src.`weight`, 1) AS DOUBLE) AS ek_weight,
    CAST(unix_millis(TIMESTAMP '2026-11-01 00:00:00.000+00:00') - unix_millis(src.`occurred_at`) AS DOUBLE) AS ek_elapsed
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < TIMESTAMP '2026-11-01 00:00:00.001+00:00'
    AND src.`occurred_at` > TIMESTAMP '2026-07-04 00:00:00.000+00:00'
    AND src.`behaviour` IN ('emailClick', 'purchase', 'siteVisit', 'trial', 'complaint')
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(CAST(
      CASE ek_behaviour
        WHEN 'emailClick' THEN ek_weight * 25 * CASE WHEN ek_elapsed >= 1209600000 THEN 0 ELSE (1209600000 - ek_elapsed) / 1209600000 END
        WHEN 'purchase' THEN ek_weight * 50 * CASE WHEN ek_elapsed <= 604800000 THEN 1 WHEN ek_elapsed >= 10368000000 THEN 0 ELSE (10368000000 - ek_elapsed) / 9763200000 END
        WHEN 'siteVisit' THEN ek_weight * 5 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE pow(2, -ek_elapsed / 259200000) END
        WHEN 'trial' THEN ek_weight * 10 * CASE WHEN ek_elapsed < 2592000000 THEN 1 ELSE 0 END
        WHEN 'complaint' THEN ek_weight * (-20) * CASE WHEN ek_elapsed >= 5184000000 THEN 0 ELSE (5184000000 - ek_elapsed) / 5184000000 END
        ELSE 0
      END AS DOUBLE)
    ) AS ek_total
  FROM scored_events
  GROUP BY ek_customer, ek_behaviour
),
customer_scores AS (
  SELECT
    ek_customer,
    SUM(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN LEAST(15, GREATEST((-15), CASE WHEN isnan(ek_total) OR abs(ek_total) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE ek_total END))
        WHEN 'complaint' THEN LEAST(30, GREATEST((-30), CASE WHEN isnan(ek_total) OR abs(ek_total) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE ek_total END))
        ELSE CASE WHEN isnan(ek_total) OR abs(ek_total) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE ek_total END
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
  CASE WHEN isnan(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) OR abs(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE) END AS score,
  CASE WHEN CASE WHEN isnan(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) OR abs(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE) END >= 30 THEN 'high' WHEN CASE WHEN isnan(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) OR abs(CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE)) = double('Infinity') THEN raise_error('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') ELSE CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE) END >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
