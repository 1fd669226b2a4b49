-- engagekit toSql golden query of a model with rules (issue 18): ClickHouse (checked by
-- src/sql/toSql.test.ts, run for real by chdb, and parsed with node-sql-parser's mysql grammar).
-- Model: GOLDEN_RULES_MODEL in test/sqlGoldenModel.ts. The functions of the rule-free query are
-- cited in ../clickhouse.sql; the rules add, per https://clickhouse.com/docs/sql-reference/:
--   ROW_NUMBER() over PARTITION BY ... ORDER BY ...: window-functions
--   lagInFrame(value, offset) reads inside the frame only and gives the type's default (0) where there is no row, so the frame is ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW and the query tests ek_rank <= count first: window-functions/lagInFrame
--   toDate32(DateTime64, 'Zone') is the date in that IANA zone, 1900-01-01 to 2299-12-31; toInt32(Date32) is days since 1970-01-01: functions/type-conversion-functions#todate32, data-types/date32
--   floor(Float64) rounds down: functions/rounding-functions#floor
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    toFloat64(COALESCE(src.`weight`, 1)) AS ek_weight,
    toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`))) AS ek_elapsed,
    CASE src.`behaviour`
      WHEN 'emailOpen' THEN toFloat64(toInt32(toDate32(src.`occurred_at`, 'America/New_York')))
      WHEN 'emailClick' THEN toFloat64(FLOOR((1793511000000.0 - toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`)))) / 86400000))
      WHEN 'pageView' THEN toFloat64(FLOOR((1793491200000.0 - toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`)))) / 86400000))
    END AS ek_day
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < toDateTime64('2026-11-01 00:00:00.001', 3, 'UTC')
    AND src.`occurred_at` > toDateTime64('2025-10-29 00:00:00.000', 3, 'UTC')
    AND src.`behaviour` IN ('emailOpen', 'emailClick', 'pageView', 'purchase', 'unsubscribe')
),
ranked_events AS (
  SELECT
    ek_customer,
    ek_behaviour,
    ek_weight,
    ek_elapsed,
    ROW_NUMBER() OVER (PARTITION BY ek_customer, ek_behaviour, ek_day ORDER BY ek_elapsed DESC, ek_weight DESC) AS ek_rank,
    lagInFrame(ek_elapsed, 2) OVER (PARTITION BY ek_customer, ek_behaviour ORDER BY ek_elapsed DESC, ek_weight DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_lag_2
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
    OR (ek_behaviour = 'purchase' AND (ek_rank <= 2 OR ek_lag_2 - ek_elapsed >= 86400000.0))
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
    SUM(toFloat64(
      CASE ek_behaviour
        WHEN 'emailOpen' THEN CASE WHEN ek_elapsed > ek_reset_0 THEN 0 ELSE ek_weight * 2.0 * CASE WHEN ek_elapsed >= 2592000000.0 THEN 0 ELSE (2592000000.0 - ek_elapsed) / 2592000000.0 END END
        WHEN 'emailClick' THEN CASE WHEN ek_elapsed > ek_reset_1 THEN 0 ELSE ek_weight * 5.0 * CASE WHEN ek_elapsed >= 2592000000.0 THEN 0 ELSE (2592000000.0 - ek_elapsed) / 2592000000.0 END END
        WHEN 'pageView' THEN ek_weight * 1.0 * CASE WHEN ek_elapsed < 2592000000.0 THEN 1 ELSE 0 END
        WHEN 'purchase' THEN ek_weight * 40.0 * CASE WHEN ek_elapsed >= 31536000000.0 THEN 0 ELSE pow(2, -ek_elapsed / 5184000000.0) END
        WHEN 'unsubscribe' THEN ek_weight * (-30.0) * CASE WHEN ek_elapsed >= 7776000000.0 THEN 0 ELSE (7776000000.0 - ek_elapsed) / 7776000000.0 END
        ELSE 0
      END)
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
      (ek_total + throwIf(NOT isFinite(ek_total), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))
    AS ek_value
  FROM behaviour_totals
),
customer_scores AS (
  SELECT
    ek_customer,
    1 AS ek_present,
    (COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0) + throwIf(NOT isFinite(COALESCE(SUM(CASE WHEN ek_group = -1 THEN ek_value END), 0)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))
      + least(40.0, greatest(0.0, (COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0) + throwIf(NOT isFinite(COALESCE(SUM(CASE WHEN ek_group = 0 THEN ek_value END), 0)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))
      + least(30.0, (COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0) + throwIf(NOT isFinite(COALESCE(SUM(CASE WHEN ek_group = 1 THEN ek_value END), 0)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))) AS ek_score
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
  (least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')))) + throwIf(NOT isFinite(least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) AS score,
  CASE WHEN (least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')))) + throwIf(NOT isFinite(least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) >= 30.0 THEN 'high' WHEN (least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')))) + throwIf(NOT isFinite(least(100.0, greatest(0.0, (toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END) + throwIf(NOT isFinite(toFloat64(CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE 0.0 END)), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down'))))), 'toSql: a behaviour\'s total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down')) >= 10.0 THEN 'low' ELSE 'disengaged' END AS segment
FROM customers
LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer
