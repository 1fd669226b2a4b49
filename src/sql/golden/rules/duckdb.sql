-- engagekit toSql golden query of a model with rules (issue 18): DuckDB (checked by
-- src/sql/toSql.test.ts, run for real on @duckdb/node-api). Model: GOLDEN_RULES_MODEL in
-- test/sqlGoldenModel.ts. The functions of the rule-free query are cited in ../duckdb.sql; the
-- rules add, per https://duckdb.org/docs/stable/sql/:
--   ROW_NUMBER() and LAG(value, offset) over PARTITION BY ... ORDER BY ...; LAG is NULL before the partition's start: functions/window_functions
--   window frames (ROW_NUMBER and LAG do not read the frame): functions/window_functions#framing
--   timezone('Zone', timestamptz) gives the wall-clock TIMESTAMP in that IANA zone (ICU extension, built into @duckdb/node-api): functions/timestamptz
--   CAST(timestamp AS DATE) keeps the date; date - date is a number of days: functions/date, expressions/cast
--   FLOOR(double) rounds down, also below zero: functions/numeric
WITH scored_events AS (
  SELECT
    src."customer_id" AS ek_customer,
    src."behaviour" AS ek_behaviour,
    CAST(COALESCE(src."weight", 1) AS DOUBLE) AS ek_weight,
    CAST(epoch_ms(TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00') - epoch_ms(date_trunc('millisecond', src."occurred_at")) AS DOUBLE) AS ek_elapsed,
    CASE src."behaviour"
      WHEN 'emailOpen' THEN CAST((CAST(timezone('America/New_York', src."occurred_at") AS DATE) - DATE '1970-01-01') AS DOUBLE)
      WHEN 'emailClick' THEN CAST(FLOOR((1793511000000 - CAST(epoch_ms(TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00') - epoch_ms(date_trunc('millisecond', src."occurred_at")) AS DOUBLE)) / 86400000) AS DOUBLE)
      WHEN 'pageView' THEN CAST(FLOOR((1793491200000 - CAST(epoch_ms(TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00') - epoch_ms(date_trunc('millisecond', src."occurred_at")) AS DOUBLE)) / 86400000) AS DOUBLE)
    END AS ek_day
  FROM "analytics"."events" AS src
  WHERE src."occurred_at" < TIMESTAMPTZ '2026-11-01 00:00:00.001+00:00'
    AND src."occurred_at" > TIMESTAMPTZ '2025-10-29 00:00:00.000+00:00'
    AND src."behaviour" IN ('emailOpen', 'emailClick', 'pageView', 'purchase', 'unsubscribe')
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
        WHEN 'purchase' THEN ek_weight * 40 * CASE WHEN ek_elapsed >= 31536000000 THEN 0 ELSE POWER(2, -ek_elapsed / 5184000000) END
        WHEN 'unsubscribe' THEN ek_weight * (-30) * CASE WHEN ek_elapsed >= 7776000000 THEN 0 ELSE (7776000000 - ek_elapsed) / 7776000000 END
        ELSE 0
      END AS DOUBLE)
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
      CASE WHEN isfinite(ek_total) THEN ek_total ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END
    AS ek_value
  FROM behaviour_totals
),
customer_scores AS (
  SELECT
    ek_customer,
    1 AS ek_present,
    CASE WHEN isfinite(COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0)) THEN COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END
      + LEAST(40, GREATEST(0, CASE WHEN isfinite(COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0)) THEN COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END))
      + LEAST(30, CASE WHEN isfinite(COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0)) THEN COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END) AS ek_score
  FROM behaviour_values
  GROUP BY ek_customer
),
customers AS (
  SELECT DISTINCT src."customer_id" AS ek_customer
  FROM "analytics"."events" AS src
  WHERE src."customer_id" IS NOT NULL
)
SELECT
  customers.ek_customer AS customer_id,
  CASE WHEN isfinite(LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END))) THEN LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END)) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END AS score,
  CASE WHEN CASE WHEN isfinite(LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END))) THEN LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END)) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END >= 30 THEN 'high' WHEN CASE WHEN isfinite(LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END))) THEN LEAST(100, GREATEST(0, CASE WHEN isfinite(CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE)) THEN CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END)) ELSE error('toSql: a behaviour''s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down') END >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
