-- engagekit toSql golden query: PostgreSQL (checked by src/sql/toSql.test.ts, run for real on
-- PGlite and on a PostgreSQL server by .ci/run). Model: test/sqlGoldenModel.ts.
-- Functions, per https://www.postgresql.org/docs/current/:
--   "..." identifiers, '' in strings, E'...' only when a backslash occurs: sql-syntax-lexical.html
--   TIMESTAMPTZ '...' typed constant: sql-syntax-lexical.html#SQL-SYNTAX-CONSTANTS-GENERIC
--   EXTRACT(EPOCH FROM interval), exact numeric seconds: functions-datetime.html#FUNCTIONS-DATETIME-EXTRACT
--   date_trunc('milliseconds', timestamptz) rounds down: functions-datetime.html#FUNCTIONS-DATETIME-TRUNC
--   float8 arithmetic raises "value out of range: overflow" (and "underflow" on a product rounding to 0)
--   POWER, GREATEST, LEAST, COALESCE, CAST AS DOUBLE PRECISION: functions-math.html, functions-conditional.html
WITH scored_events AS (
  SELECT
    src."customer_id" AS ek_customer,
    src."behaviour" AS ek_behaviour,
    CAST(COALESCE(src."weight", 1) AS DOUBLE PRECISION) AS ek_weight,
    CAST(EXTRACT(EPOCH FROM (TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00' - date_trunc('milliseconds', src."occurred_at"))) * 1000 AS DOUBLE PRECISION) AS ek_elapsed
  FROM "analytics"."events" AS src
  WHERE src."occurred_at" < TIMESTAMPTZ '2026-11-01 00:00:00.001+00:00'
    AND src."occurred_at" > TIMESTAMPTZ '2026-07-04 00:00:00.000+00:00'
    AND src."behaviour" IN ('emailClick', 'purchase', 'siteVisit', 'trial', 'complaint')
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(CAST(
      CASE ek_behaviour
        WHEN 'emailClick' THEN ek_weight * 25 * CASE WHEN ek_elapsed >= 1209600000 THEN 0 ELSE (1209600000 - ek_elapsed) / 1209600000 END
        WHEN 'purchase' THEN ek_weight * 50 * CASE WHEN ek_elapsed <= 604800000 THEN 1 WHEN ek_elapsed >= 10368000000 THEN 0 ELSE (10368000000 - ek_elapsed) / 9763200000 END
        WHEN 'siteVisit' THEN ek_weight * 5 * CASE WHEN ek_elapsed >= 2592000000 THEN 0 ELSE POWER(2, -ek_elapsed / 259200000) END
        WHEN 'trial' THEN ek_weight * 10 * CASE WHEN ek_elapsed < 2592000000 THEN 1 ELSE 0 END
        WHEN 'complaint' THEN ek_weight * (-20) * CASE WHEN ek_elapsed >= 5184000000 THEN 0 ELSE (5184000000 - ek_elapsed) / 5184000000 END
        ELSE 0
      END AS DOUBLE PRECISION)
    ) AS ek_total
  FROM scored_events
  GROUP BY ek_customer, ek_behaviour
),
customer_scores AS (
  SELECT
    ek_customer,
    SUM(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN LEAST(15, GREATEST((-15), ek_total))
        WHEN 'complaint' THEN LEAST(30, GREATEST((-30), ek_total))
        ELSE ek_total
      END
    ) AS ek_score
  FROM behaviour_totals
  GROUP BY ek_customer
),
customers AS (
  SELECT DISTINCT src."customer_id" AS ek_customer
  FROM "analytics"."events" AS src
  WHERE src."customer_id" IS NOT NULL
)
SELECT
  customers.ek_customer AS customer_id,
  CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE PRECISION) AS score,
  CASE WHEN CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE PRECISION) >= 30 THEN 'high' WHEN CAST(COALESCE(customer_scores.ek_score, 0) AS DOUBLE PRECISION) >= 10 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
