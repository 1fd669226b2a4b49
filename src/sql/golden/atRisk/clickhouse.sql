-- engagekit atRiskSql golden query (src/sql/atRiskSql.golden.test.ts): at 2026-11-01, within 7 days.
-- ClickHouse (executed by chdb). Functions, per https://clickhouse.com/docs/sql-reference/:
--   log (natural), floor, ceil, pow, abs, greatest, least: functions/math-functions, functions/rounding-functions
--   lead(x, 1, default): window-functions; addMilliseconds(DateTime64, n): functions/date-time-functions
--   throwIf(condition, message): functions/other-functions#throwif
WITH ek_now AS (
WITH scored_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    src.`behaviour` AS ek_behaviour,
    toFloat64(COALESCE(src.`weight`, 1)) AS ek_weight,
    toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`))) AS ek_elapsed
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < toDateTime64('2026-11-01 00:00:00.001', 3, 'UTC')
    AND src.`behaviour` IN ('siteVisit', 'trial', 'signup')
),
behaviour_totals AS (
  SELECT
    ek_customer,
    ek_behaviour,
    SUM(toFloat64(
      CASE ek_behaviour
        WHEN 'siteVisit' THEN ek_weight * 5.0 * CASE WHEN ek_elapsed >= 2592000000.0 THEN 0 ELSE pow(2, -ek_elapsed / 259200000.0) END
        WHEN 'trial' THEN ek_weight * 10.0 * CASE WHEN ek_elapsed < 2592000000.0 THEN 1 ELSE 0 END
        WHEN 'signup' THEN ek_weight * 10.0
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
),
ek_events AS (
  SELECT
    src.`customer_id` AS ek_customer,
    CASE src.`behaviour` WHEN 'siteVisit' THEN 0 WHEN 'trial' THEN 1 WHEN 'signup' THEN 2 END AS ek_b,
    toFloat64(COALESCE(src.`weight`, 1)) AS ek_w,
    toFloat64(toUnixTimestamp64Milli(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC')) - toUnixTimestamp64Milli(toStartOfMillisecond(src.`occurred_at`))) AS ek_age
  FROM `analytics`.`events` AS src
  WHERE src.`occurred_at` < toDateTime64('2026-11-01 00:00:00.001', 3, 'UTC')
    AND src.`behaviour` IN ('siteVisit', 'trial', 'signup')
    AND src.`customer_id` IS NOT NULL
),
ek_live AS (
  SELECT * FROM ek_events WHERE (ek_b = 0 AND ek_age < 2592000000.0) OR (ek_b = 1 AND ek_age < 2592000000.0) OR ek_b = 2
),
ek_changes AS (
  SELECT
    ek_customer,
    toFloat64(0) AS ek_tau,
    CASE WHEN ek_b = 0 THEN ek_w * 5.0 * pow(2, -ek_age / 259200000.0) ELSE 0 END AS ek_dc0,
    CASE WHEN ek_b = 0 THEN 1 ELSE 0 END AS ek_dn0,
    CASE WHEN ek_b = 1 THEN ek_w * 10.0 ELSE 0 END AS ek_dk1,
    CASE WHEN ek_b = 1 THEN 1 ELSE 0 END AS ek_dn1,
    CASE WHEN ek_b = 2 THEN ek_w * 10.0 ELSE 0 END AS ek_dk2,
    CASE WHEN ek_b = 2 THEN 1 ELSE 0 END AS ek_dn2
  FROM ek_live
  UNION ALL
  SELECT
    ek_customer,
    2592000000.0 - ek_age AS ek_tau,
    -(ek_w * 5.0 * pow(2, -ek_age / 259200000.0)) AS ek_dc0,
    -1 AS ek_dn0,
    0 AS ek_dk1,
    0 AS ek_dn1,
    0 AS ek_dk2,
    0 AS ek_dn2
  FROM ek_live
  WHERE ek_b = 0 AND TRUE AND 2592000000.0 - ek_age <= 604800000.0
  UNION ALL
  SELECT
    ek_customer,
    2592000000.0 - ek_age AS ek_tau,
    0 AS ek_dc0,
    0 AS ek_dn0,
    -(ek_w * 10.0) AS ek_dk1,
    -1 AS ek_dn1,
    0 AS ek_dk2,
    0 AS ek_dn2
  FROM ek_live
  WHERE ek_b = 1 AND TRUE AND 2592000000.0 - ek_age <= 604800000.0
),
ek_steps AS (
  SELECT ek_customer, ek_tau, SUM(ek_dc0) AS ek_gc0, SUM(ek_dn0) AS ek_gn0, SUM(ek_dk1) AS ek_gk1, SUM(ek_dn1) AS ek_gn1, SUM(ek_dk2) AS ek_gk2, SUM(ek_dn2) AS ek_gn2
  FROM ek_changes
  GROUP BY ek_customer, ek_tau
),
ek_pieces AS (
  SELECT ek_customer, ek_tau AS ek_start, lead(ek_tau, 1, 604800001.0) OVER (PARTITION BY ek_customer ORDER BY ek_tau) AS ek_end,
    SUM(ek_gc0) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_cc0,
    SUM(ek_gn0) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_cn0,
    SUM(ek_gk1) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_ck1,
    SUM(ek_gn1) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_cn1,
    SUM(ek_gk2) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_ck2,
    SUM(ek_gn2) OVER (PARTITION BY ek_customer ORDER BY ek_tau ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ek_cn2
  FROM ek_steps
),
ek_forms AS (
  SELECT
    ek_pieces.ek_customer AS ek_customer,
    toFloat64(ek_now.score) AS ek_score,
    ek_now.segment AS ek_segment,
    CASE WHEN ek_now.score >= 30.0 THEN 30.0 WHEN ek_now.score >= 10.0 THEN 10.0 END AS ek_level,
    ek_pieces.ek_start AS ek_start,
    ek_pieces.ek_end AS ek_end,
    CASE WHEN ek_pieces.ek_cn0 > 0 THEN ek_pieces.ek_cc0 ELSE 0 END AS ek_c0,
    CASE WHEN ek_pieces.ek_cn1 > 0 THEN ek_pieces.ek_ck1 ELSE 0 END AS ek_k1,
    CASE WHEN ek_pieces.ek_cn2 > 0 THEN ek_pieces.ek_ck2 ELSE 0 END AS ek_k2
  FROM ek_pieces
  JOIN ek_now ON ek_now.customer_id = ek_pieces.ek_customer
  WHERE ek_now.score >= 10.0
),
ek_cuts AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_start, ek_end, ek_c0, ek_k1, ek_k2, ek_from, ek_sentinel FROM (
    SELECT ek_customer, ek_score, ek_segment, ek_level, ek_start, ek_end, ek_c0, ek_k1, ek_k2, ek_j, CASE WHEN ek_j = 1 THEN 1 ELSE 0 END AS ek_sentinel,
      CASE ek_j WHEN 0 THEN ek_start WHEN 1 THEN ek_end WHEN 2 THEN CASE WHEN ABS(ek_c0) > 15.0 THEN (log(ABS(ek_c0)) - 2.70805020110221) / 2.674178937345468e-9 END END AS ek_from
    FROM ek_forms CROSS JOIN (SELECT 0 AS ek_j UNION ALL SELECT 1 AS ek_j UNION ALL SELECT 2 AS ek_j) AS ek_numbers
  ) AS ek_candidates
  WHERE ek_j <= 1 OR (ek_from > ek_start AND ek_from < ek_end)
),
ek_subs AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_start, ek_end, ek_c0, ek_k1, ek_k2, ek_from, ek_sentinel, lead(ek_from, 1, 0) OVER (PARTITION BY ek_customer, ek_start ORDER BY ek_from, ek_sentinel) AS ek_to
  FROM ek_cuts
),
ek_sub_forms AS (
  SELECT
    ek_customer, ek_score, ek_segment, ek_level, ek_from, ek_to,
    (CASE WHEN (CASE WHEN ek_c0 = 0 THEN 0 WHEN ek_mid > 259200000.0 * least(1000.0, 1000.0 + log(ABS(ek_c0)) / 0.6931471805599453) THEN 0 ELSE ek_c0 * pow(2, -(ek_mid) / 259200000.0) END) > 15.0 THEN 15.0 WHEN (CASE WHEN ek_c0 = 0 THEN 0 WHEN ek_mid > 259200000.0 * least(1000.0, 1000.0 + log(ABS(ek_c0)) / 0.6931471805599453) THEN 0 ELSE ek_c0 * pow(2, -(ek_mid) / 259200000.0) END) < (-15.0) THEN (-15.0) ELSE 0 END) + (ek_k1) + (ek_k2) AS ek_a,
    toFloat64(0) AS ek_s,
    (CASE WHEN (CASE WHEN ek_c0 = 0 THEN 0 WHEN ek_mid > 259200000.0 * least(1000.0, 1000.0 + log(ABS(ek_c0)) / 0.6931471805599453) THEN 0 ELSE ek_c0 * pow(2, -(ek_mid) / 259200000.0) END) > 15.0 THEN 0 WHEN (CASE WHEN ek_c0 = 0 THEN 0 WHEN ek_mid > 259200000.0 * least(1000.0, 1000.0 + log(ABS(ek_c0)) / 0.6931471805599453) THEN 0 ELSE ek_c0 * pow(2, -(ek_mid) / 259200000.0) END) < (-15.0) THEN 0 ELSE ek_c0 END) AS ek_f0
  FROM (SELECT ek_customer, ek_score, ek_segment, ek_level, ek_start, ek_end, ek_c0, ek_k1, ek_k2, ek_from, ek_to, (ek_from + ek_to) / 2 AS ek_mid FROM ek_subs WHERE ek_sentinel = 0) AS ek_mids
),
ek_shapes AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_from, ek_to,
    CASE WHEN ek_f0 = 0 THEN (-1.0) ELSE 259200000.0 * least(1000.0, 1000.0 + log(ABS(ek_f0)) / 0.6931471805599453) END AS ek_z0
  FROM ek_sub_forms
),
ek_parts AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, ek_from AS ek_p, ek_to AS ek_q FROM ek_shapes
),
ek_bounds AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, ek_lo, ek_hi
  FROM (SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, greatest(ceil(ek_p), 1.0) AS ek_lo, least(ceil(ek_q) - 1, 604800000.0) AS ek_hi FROM ek_parts) AS ek_whole
  WHERE ek_lo <= ek_hi
),
ek_values AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, ek_lo, ek_hi, (ek_a + ek_s * ek_lo + (CASE WHEN ek_lo > ek_z0 THEN 0 ELSE ek_f0 * pow(2, -(ek_lo) / 259200000.0) END)) AS ek_g_lo, (ek_a + ek_s * ek_hi + (CASE WHEN ek_hi > ek_z0 THEN 0 ELSE ek_f0 * pow(2, -(ek_hi) / 259200000.0) END)) AS ek_g_hi FROM ek_bounds
),
ek_class AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, ek_lo, ek_hi, CASE WHEN ek_g_lo < ek_level THEN ek_lo WHEN ek_g_hi < ek_level AND CASE WHEN ek_s = 0 AND ek_f0 > 0 AND ek_level - ek_a > 0 THEN floor(log(ek_f0 / (ek_level - ek_a)) * 373946554.5984193) + 1 END IS NOT NULL THEN greatest(ek_lo + 1, least(ek_hi, CASE WHEN ek_s = 0 AND ek_f0 > 0 AND ek_level - ek_a > 0 THEN floor(log(ek_f0 / (ek_level - ek_a)) * 373946554.5984193) + 1 END)) END AS ek_direct, CASE WHEN ek_g_lo >= ek_level AND ek_g_hi < ek_level AND NOT (CASE WHEN ek_s = 0 AND ek_f0 > 0 AND ek_level - ek_a > 0 THEN floor(log(ek_f0 / (ek_level - ek_a)) * 373946554.5984193) + 1 END IS NOT NULL) THEN 1 ELSE 0 END AS ek_search FROM ek_values
),
ek_drops AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_a, ek_s, ek_f0, ek_z0, ek_direct AS ek_drop FROM ek_class WHERE ek_direct IS NOT NULL
),
ek_first AS (
  SELECT ek_customer, ek_score, ek_segment, ek_level, ek_drop, (ek_a + ek_s * ek_drop + (CASE WHEN ek_drop > ek_z0 THEN 0 ELSE ek_f0 * pow(2, -(ek_drop) / 259200000.0) END)) AS ek_value, ROW_NUMBER() OVER (PARTITION BY ek_customer ORDER BY ek_drop) AS ek_rank FROM ek_drops
)
SELECT
  ek_customer AS customer_id,
  ek_score AS score,
  ek_segment AS segment,
  addMilliseconds(toDateTime64('2026-11-01 00:00:00.000', 3, 'UTC'), toInt64(ek_drop)) AS drop_at,
  CASE WHEN 10.0 < ek_level AND ek_value >= 10.0 THEN 'low' ELSE 'disengaged' END AS drop_segment
FROM ek_first
WHERE ek_rank = 1
ORDER BY drop_at, customer_id
