-- engagekit toSql golden query of a model with rules (issue 18): BigQuery GoogleSQL (checked by
-- src/sql/toSql.test.ts and parsed by node-sql-parser's bigquery grammar; not executed here).
-- Model: GOLDEN_RULES_MODEL in test/sqlGoldenModel.ts. The functions of the rule-free query are
-- cited in ../bigquery.sql; the rules add, per https://cloud.google.com/bigquery/docs/reference/standard-sql/:
--   ROW_NUMBER() numbers the rows of each partition from 1 in the ORDER BY, peers in a nondeterministic order (equal rows here are interchangeable): numbering_functions#row_number
--   LAG(value, offset) is the value offset rows before, NULL when there is none; a window frame clause is not allowed: navigation_functions#lag
--   window calls with PARTITION BY and ORDER BY; MIN(...) OVER (PARTITION BY ...) aggregates the whole partition: window-function-calls
--   DATE(timestamp, 'Zone') is the date of the instant in that IANA zone: date_functions#date; UNIX_DATE(date) -> INT64 days since 1970-01-01: date_functions#unix_date
--   FLOOR(FLOAT64) rounds down: mathematical_functions#floor; AND / OR with NULL: operators#logical_operators
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    CAST(COALESCE(src.`weight`, 1) AS FLOAT64) AS ek_weight,
    CAST(UNIX_MILLIS(TIMESTAMP '2026-11-01 00:00:00.000+00:00') - UNIX_MILLIS(src.`occurred_at`) AS FLOAT64) AS ek_elapsed,
    CASE src.`behaviour`
      WHEN 'emailOpen' THEN CAST(UNIX_DATE(DATE(src.`occurred_at`, 'America/New_York')) AS FLOAT64)
      WHEN 'emailClick' THEN CAST(FLOOR((1793511000000 - CAST(UNIX_MILLIS(TIMESTAMP '2026-11-01 00:00:00.000+00:00') - UNIX_MILLIS(src.`occurred_at`) AS FLOAT64)) / 86400000) AS FLOAT64)
      WHEN 'pageView' THEN CAST(FLOOR((1793491200000 - CAST(UNIX_MILLIS(TIMESTAMP '2026-11-01 00:00:00.000+00:00') - UNIX_MILLIS(src.`occurred_at`) AS FLOAT64)) / 86400000) AS FLOAT64)
    END AS ek_day
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < TIMESTAMP '2026-11-01 00:00:00.001+00:00'
    AND src.`occurred_at` > TIMESTAMP '2025-10-29 00:00:00.000+00:00'
    AND src.`behaviour` IN ('emailOpen', 'emailClick', 'pageView', 'purchase', 'unsubscribe')
),
ranked_events AS (
  SELECT
    ek_customer,
    ek_behaviour,
    ek_weight,
    ek_elapsed,
    ROW_NUMBER() OVER (PARTITION BY ek_customer, ek_behaviour, ek_day ORDER BY ek_elapsed DESC, ek_weight DESC) AS ek_rank,
    LAG(ek_elapsed, 2) OVER (PARTITION BY ek_customer, ek_behaviour ORDER BY ek_elapsed DESC, ek_weight DESC) AS ek_lag_2
  FROM scored_events
),
counted_events AS (
  SELECT
    ek_customer,
    ek_behaviour,
    ek_weight,
    ek_elapsed
  FROM ranked_events
  WHERE ek_behaviour NOT IN ('emailOpen', 'emailClick', 'pageView', 'purchase')
    OR (ek_behaviour = 'emailOpen' AND ek_rank <= 5)
    OR (ek_behaviour = 'emailClick' AND ek_rank <= 3)
    OR (ek_behaviour = 'pageView' AND ek_rank <= 20)
    OR (ek_behaviour = 'purchase' AND (ek_rank <= 2 OR ek_lag_2 - ek_elapsed >= 86400000))
),
reset_events AS (
  SELECT
    MIN(CASE WHEN ek_behaviour IN ('unsubscribe') THEN ek_elapsed END) OVER (PARTITION BY ek_customer) AS ek_reset_0,
    MIN(CASE WHEN ek_behaviour IN ('unsubscribe') THEN ek_elapsed END) OVER (PARTITION BY ek_customer) AS ek_reset_1,
    ek_customer,
    ek_behaviour,
    ek_weight,
    ek_elapsed
  FROM counted_events
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(CAST(
      CASE ek_behaviour
        WHEN 'emailOpen' THEN CASE WHEN ek_elapsed > ek_reset_0 THEN 0 ELSE ek_weight * 2 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE (2592000000 - ek_elapsed) / 2592000000 END END
        WHEN 'emailClick' THEN CASE WHEN ek_elapsed > ek_reset_1 THEN 0 ELSE ek_weight * 5 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE (2592000000 - ek_elapsed) / 2592000000 END END
        WHEN 'pageView' THEN ek_weight * 1 * CASE WHEN ek_elapsed < 2592000000 THEN 1 ELSE 0 END
        WHEN 'purchase' THEN ek_weight * 40 * CASE WHEN ek_elapsed >= 31536000000 THEN 0 ELSE POW(2, -ek_elapsed / 5184000000) END
        WHEN 'unsubscribe' THEN ek_weight * (-30) * CASE WHEN ek_elapsed >= 7776000000 THEN 0 ELSE (7776000000 - ek_elapsed) / 7776000000 END
        ELSE 0
      END AS FLOAT64)
    ) AS ek_total
  FROM reset_events
  GROUP BY ek_customer, ek_behaviour
),
behaviour_values AS (
  SELECT
    ek_customer,
    CASE ek_behaviour
        WHEN 'emailOpen' THEN 0
        WHEN 'emailClick' THEN 0
        WHEN 'pageView' THEN 1
        WHEN 'unsubscribe' THEN 0
        ELSE -1
    END AS ek_group,
      IF(IS_INF(ek_total) OR IS_NAN(ek_total), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), ek_total)
    AS ek_value
  FROM behaviour_totals
),
customer_scores AS (
  SELECT
    ek_customer,
    1 AS ek_present,
    IF(IS_INF(COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0)) OR IS_NAN(COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0))
      + LEAST(40, GREATEST(0, IF(IS_INF(COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0)) OR IS_NAN(COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0))))
      + LEAST(30, IF(IS_INF(COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0)) OR IS_NAN(COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0))) AS ek_score
  FROM behaviour_values
  GROUP BY ek_customer
),
customers AS (
  SELECT DISTINCT src.`customer_id` AS ek_customer
  FROM `analytics`.`events` AS src
  WHERE src.`customer_id` IS NOT NULL
)
SELECT
  customers.ek_customer AS customer_id,
  IF(IS_INF(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) OR IS_NAN(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) AS score,
  CASE WHEN IF(IS_INF(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) OR IS_NAN(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) >= 30 THEN 'high' WHEN IF(IS_INF(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) OR IS_NAN(LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), LEAST(100, GREATEST(0, IF(IS_INF(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)) OR IS_NAN(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64)), ERROR('toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'), CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS FLOAT64))))) >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
