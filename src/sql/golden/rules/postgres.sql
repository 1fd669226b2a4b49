-- engagekit toSql golden query of a model with rules (issue 18): PostgreSQL (checked by
-- src/sql/toSql.test.ts, run for real on PGlite and on a PostgreSQL server by .ci/run).
-- Model: GOLDEN_RULES_MODEL in test/sqlGoldenModel.ts. The functions of the rule-free query are
-- cited in ../postgres.sql; the rules add, per https://www.postgresql.org/docs/current/:
--   ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) numbers the rows of a partition in order, peers in an unspecified order; LAG(value, offset) is NULL before the partition's start and ignores the frame: functions-window.html
--   window calls, partitions and frames (the default frame does not matter to ROW_NUMBER and LAG): sql-expressions.html#SYNTAX-WINDOW-FUNCTIONS
--   MIN(...) OVER (PARTITION BY customer): an aggregate over the whole partition (no ORDER BY): tutorial-window.html
--   timestamptz AT TIME ZONE 'Zone' gives the local wall-clock timestamp in that IANA zone, DST included: functions-datetime.html#FUNCTIONS-DATETIME-ZONECONVERT
--   CAST(timestamp AS DATE) keeps the date part; date - date is an integer number of days: functions-datetime.html (date/time operators)
--   FLOOR(double precision) rounds down, also below zero: functions-math.html
WITH scored_events AS (
  SELECT
    src."customer_id" AS ek_customer,
    src."behaviour" AS ek_behaviour,
    CAST(COALESCE(src."weight", 1) AS DOUBLE PRECISION) AS ek_weight,
    CAST(EXTRACT(EPOCH FROM (TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00' - date_trunc('milliseconds', src."occurred_at"))) * 1000 AS DOUBLE PRECISION) AS ek_elapsed,
    CASE src."behaviour"
      WHEN 'emailOpen' THEN CAST((CAST((src."occurred_at" AT TIME ZONE 'America/New_York') AS DATE) - DATE '1970-01-01') AS DOUBLE PRECISION)
      WHEN 'emailClick' THEN CAST(FLOOR((1793511000000 - CAST(EXTRACT(EPOCH FROM (TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00' - date_trunc('milliseconds', src."occurred_at"))) * 1000 AS DOUBLE PRECISION)) / 86400000) AS DOUBLE PRECISION)
      WHEN 'pageView' THEN CAST(FLOOR((1793491200000 - CAST(EXTRACT(EPOCH FROM (TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00' - date_trunc('milliseconds', src."occurred_at"))) * 1000 AS DOUBLE PRECISION)) / 86400000) AS DOUBLE PRECISION)
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
      END AS DOUBLE PRECISION)
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
      ek_total
    AS ek_value
  FROM behaviour_totals
),
customer_scores AS (
  SELECT
    ek_customer,
    1 AS ek_present,
    COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0)
      + LEAST(40, GREATEST(0, COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0)))
      + LEAST(30, COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0)) AS ek_score
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
  LEAST(100, GREATEST(0, CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE PRECISION))) AS score,
  CASE WHEN LEAST(100, GREATEST(0, CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE PRECISION))) >= 30 THEN 'high' WHEN LEAST(100, GREATEST(0, CAST(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0 END AS DOUBLE PRECISION))) >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
