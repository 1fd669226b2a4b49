-- engagekit toSql golden query: BigQuery GoogleSQL (checked by src/sql/toSql.test.ts and parsed
-- by node-sql-parser's bigquery grammar). Model: test/sqlGoldenModel.ts.
-- Functions, per https://cloud.google.com/bigquery/docs/reference/standard-sql/:
--   `...` identifiers with the string escapes; '...' strings with \\ \' \n: lexical#quoted_identifiers, lexical#string_and_bytes_literals
--   TIMESTAMP '... +00:00' literal: lexical#timestamp_literals
--   UNIX_MILLIS(timestamp) -> INT64, rounding finer precision down to the millisecond: timestamp_functions#unix_millis
--   IS_INF, IS_NAN: mathematical_functions#is_inf, #is_nan; ERROR(message) fails the query: debugging_functions#error
--   POW, GREATEST, LEAST: mathematical_functions#pow, #greatest, #least
--   COALESCE: conditional_expressions#coalesce; CAST AS FLOAT64: conversion_functions#cast
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    CAST(COALESCE(src.`weight`, 1) AS FLOAT64) AS ek_weight,
    CAST(UNIX_MILLIS(TIMESTAMP '2026-11-01 00:00:00.000+00:00') - UNIX_MILLIS(src.`occurred_at`) AS FLOAT64) AS ek_elapsed
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
        WHEN 'siteVisit' THEN ek_weight * 5 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE POW(2, -ek_elapsed / 259200000) END
        WHEN 'trial' THEN ek_weight * 10 * CASE WHEN ek_elapsed < 2592000000 THEN 1 ELSE 0 END
        WHEN 'complaint' THEN ek_weight * (-20) * CASE WHEN ek_elapsed >= 5184000000 THEN 0 ELSE (5184000000 - ek_elapsed) / 5184000000 END
        ELSE 0
      END AS FLOAT64)
    ) AS ek_total
  FROM scored_events
  GROUP BY ek_customer, ek_behaviour
),
customer_scores AS (
  SELECT
    ek_customer,
    SUM(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN LEAST(15, GREATEST((-15), IF(IS_INF(ek_total) OR IS_NAN(ek_total), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), ek_total)))
        WHEN 'complaint' THEN LEAST(30, GREATEST((-30), IF(IS_INF(ek_total) OR IS_NAN(ek_total), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), ek_total)))
        ELSE IF(IS_INF(ek_total) OR IS_NAN(ek_total), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), ek_total)
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
  IF(IS_INF(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) OR IS_NAN(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) AS score,
  CASE WHEN IF(IS_INF(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) OR IS_NAN(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) >= 30 THEN 'high' WHEN IF(IS_INF(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) OR IS_NAN(CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(COALESCE(customer_scores.ek_score, 0) AS FLOAT64)) >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
