import * as z from 'zod/mini';
import { EngagekitError } from '../errors/EngagekitError.js';
import { parseWith } from '../errors/zodIssues.js';
import { compileModel } from '../model/compileModel.js';
import type { DecaySpec } from '../model/decaySchema.js';
import type { Model } from '../model/modelSchema.js';
import { ladderOf } from '../segment/_lib/ladder.js';
import { type Instant, readInstant } from '../time/instant.js';
import { capReach, capsSql } from './_lib/capsSql.js';
import { rejectUnwritableNames } from './_lib/rejectUnwritableNames.js';
import {
  FIRST_WRITABLE,
  HALF_LIVES_TO_ZERO,
  LAST_WRITABLE,
  sqlOptionShape,
  utcText,
} from './_lib/sqlOptions.js';
import { DIALECTS, type DialectWriter, type SqlDialect } from './dialects.js';
import { segmentSql } from './segmentSql.js';

export type { SqlDialect } from './dialects.js';

/**
 * Column names of the events table read by {@link toSql}.
 *
 * @category Warehouse SQL
 */
export interface ToSqlColumns {
  /** The customer's id (default `customer_id`). */
  readonly customer?: string;
  /** The behaviour id, matched against the model's behaviour ids (default `behaviour`). */
  readonly behaviour?: string;
  /** When the event happened, a UTC timestamp (default `occurred_at`). */
  readonly at?: string;
  /** Optional numeric weight multiplying the boost; `NULL` counts as 1. No weight column by default. */
  readonly weight?: string;
}

/**
 * Options of {@link toSql}.
 *
 * @category Warehouse SQL
 */
export interface ToSqlOptions {
  /** The SQL dialect to write. */
  readonly dialect: SqlDialect;
  /** The instant to score at, written into the query as a UTC timestamp literal. */
  readonly at: Instant;
  /**
   * The events table (default `events`): one name, or its parts for a qualified name such as
   * `['analytics', 'events']`. Each part is quoted as one identifier, so a dot inside a string
   * stays part of the name.
   */
  readonly table?: string | readonly string[];
  /** Column names; see {@link ToSqlColumns}. */
  readonly columns?: ToSqlColumns;
  /** Also return a `segment` column (`'high'`, `'low'` or `'disengaged'`); default `false`. */
  readonly segment?: boolean;
}

// Past HALF_LIVES_TO_ZERO half-lives a boost is below 2^-100 (1e-30) of itself and is written as
// 0, so that PostgreSQL, which raises an error when a float product underflows to 0, never meets one.

/**
 * The least power of two a decayed boost may reach before it is written as 0: 2^-1014, which leaves
 * room for a weight down to 2^-60 (1e-18) before the product would underflow past 2^-1074.
 */
const LEAST_DECAYED_EXPONENT = -1014;

/**
 * The half-lives after which an exponential boost `boost` is written as 0: 100 (under 1e-30 of
 * itself), fewer for a boost so small that its decayed value would underflow (PostgreSQL raises
 * "value out of range: underflow" when a product rounds to 0). What is dropped is below 2^-1014.
 */
function halfLivesToZero(boost: number): number {
  if (boost === 0) return HALF_LIVES_TO_ZERO;
  return Math.min(
    HALF_LIVES_TO_ZERO,
    Math.max(0, Math.log2(Math.abs(boost)) - LEAST_DECAYED_EXPONENT),
  );
}

/** The message a query fails with when a total is not a finite number (`OVERFLOW` in memory). */
const OVERFLOW_MESSAGE =
  "toSql: a behaviour's total or a score is beyond the range of a 64-bit float (OVERFLOW); scale the boosts or weights down";

/** The options' schema (zod/mini), built in a call marked pure: a bundle without toSql drops it. */
const optionsSchema = /* @__PURE__ */ buildOptionsSchema();

function buildOptionsSchema() {
  return z.strictObject({
    ...sqlOptionShape(),
    segment: z.optional(z.boolean({ error: 'must be true or false' })),
  });
}

/** The share of the boost left after `elapsed` (a SQL expression), as {@link decayFactor}. */
function factorSql(
  decay: DecaySpec,
  boost: number,
  elapsed: string,
  dialect: DialectWriter,
): string | undefined {
  const numberLiteral = dialect.number;
  switch (decay.kind) {
    case 'linear': {
      const end = numberLiteral(decay.duration);
      const span = numberLiteral(decay.duration - (decay.grace ?? 0));
      const grace =
        decay.grace === undefined ? '' : ` WHEN ${elapsed} <= ${numberLiteral(decay.grace)} THEN 1`;
      return `CASE${grace} WHEN ${elapsed} >= ${end} THEN 0 ELSE (${end} - ${elapsed}) / ${span} END`;
    }
    case 'exponential': {
      const cutoff =
        decay.cutoff === undefined
          ? ''
          : ` WHEN ${elapsed} >= ${numberLiteral(decay.cutoff)} THEN 0`;
      const negligible = decay.halfLife * halfLivesToZero(boost);
      const needed =
        Number.isFinite(negligible) && (decay.cutoff === undefined || decay.cutoff > negligible);
      const zero = needed ? ` WHEN ${elapsed} >= ${numberLiteral(negligible)} THEN 0` : '';
      const power = dialect.power('2', `-${elapsed} / ${numberLiteral(decay.halfLife)}`);
      return `CASE${cutoff}${zero} ELSE ${power} END`;
    }
    case 'step':
      return `CASE WHEN ${elapsed} < ${numberLiteral(decay.duration)} THEN 1 ELSE 0 END`;
    case 'permanent':
      return undefined;
  }
}

/**
 * One query that scores every customer of an events table inside the warehouse, with exactly the
 * semantics of {@link scoreAt}.
 *
 * @remarks
 * The query returns one row `(customer_id, score)` (and `segment` when asked) for every non-null
 * customer id in the table. Per customer it computes, like {@link scoreAt} with
 * `{ unknownBehaviour: 'ignore' }`: for each behaviour the sum over its events with
 * `occurred_at <= at` of `weight * boost * decay(at - occurred_at)`, clamped to `[-cap, cap]`, then
 * the sum over behaviours. Events after `at` and behaviours not in the model do not count; an event
 * exactly at `at` counts in full; a customer with nothing that counts scores 0.
 *
 * Elapsed time is taken in whole milliseconds with each engine's own timestamp functions
 * (PostgreSQL `EXTRACT(EPOCH FROM interval)`, DuckDB `epoch_ms`, BigQuery `TIMESTAMP_DIFF`,
 * Snowflake `DATEDIFF`, ClickHouse `toUnixTimestamp64Milli`, Spark `unix_millis`) and computed in
 * 64-bit floats, so results equal {@link scoreAt} to within rounding (the engine sums without
 * compensation). When every behaviour's boost runs out (linear, step, exponential with a cutoff),
 * the scan is bounded below as well, so partitioned tables are pruned. Exponential boosts older
 * than 100 half-lives (under 1e-30 of the boost) are written as 0 rather than underflowing.
 *
 * Models with the scoring rules of issue 18 are scored as {@link scoreAt} scores them: frequency
 * caps (a `ROW_NUMBER()` per customer, behaviour and local day of the cap's zone, or a `LAG` by the
 * cap's count for a rolling window), resets (the latest counted reset per customer), groups and
 * bounds (clamped with `GREATEST`/`LEAST`).
 *
 * `occurred_at` must be an instant type: `timestamptz` in PostgreSQL and DuckDB, `TIMESTAMP` in
 * BigQuery and Spark, `TIMESTAMP_TZ`/`TIMESTAMP_LTZ` in Snowflake, `DateTime64(3, 'UTC')` in
 * ClickHouse. Identifiers are always quoted (in Snowflake, unquoted names are stored upper-case:
 * pass them as stored, e.g. `EVENTS`), and behaviour ids and instants are escaped literals: no
 * table, column or behaviour name can change the query. See docs/warehouse.md.
 *
 * @param model - The model to score with.
 * @param options - Dialect, instant, and optionally the table, its columns and a segment column.
 * @returns The SQL text of one query (no trailing semicolon).
 * @throws {@link EngagekitError} `INVALID_OPTION` for an unknown dialect, an empty or unwritable
 * identifier or an unknown option; `INVALID_INSTANT` for an `at` that is not whole milliseconds
 * between the years 1 and 9999; `INVALID_MODEL` for a behaviour id holding a control character.
 *
 * @example
 * ```ts
 * import { defineModel, linear, toSql } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const sql = toSql(model, { dialect: 'duckdb', at: Date.parse('2026-11-01T00:00:00Z') });
 * sql.split('\n')[0]; // => 'WITH scored_events AS ('
 * sql.includes("TIMESTAMPTZ '2026-11-01 00:00:00.000+00:00'"); // => true
 * sql.includes("WHEN 'purchase' THEN 50 * CASE WHEN ek_elapsed >= 10368000000 THEN 0"); // => true
 * ```
 * @example
 * A Marketo-like cap: at most 20 page views count per calendar day in Amsterdam.
 * ```ts
 * import { defineModel, step, toSql } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     pageView: {
 *       boost: 1,
 *       decay: step({ days: 30 }),
 *       frequencyCap: { count: 20, per: 'day', timeZone: 'Europe/Amsterdam' },
 *     },
 *   },
 * });
 * const sql = toSql(model, { dialect: 'postgres', at: Date.parse('2026-11-01T00:00:00Z') });
 * sql.includes(`AT TIME ZONE 'Europe/Amsterdam'`); // => true
 * sql.includes(`(ek_behaviour = 'pageView' AND ek_rank <= 20)`); // => true
 * ```
 * @category Warehouse SQL
 */
export function toSql(model: Model, options: ToSqlOptions): string {
  const parsed = parseWith(optionsSchema, options, {
    fn: 'toSql',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const at = readInstant(parsed.at, { fn: 'toSql', path: ['options', 'at'] });
  if (!Number.isInteger(at) || at < FIRST_WRITABLE || at > LAST_WRITABLE) {
    throw new EngagekitError(
      'INVALID_INSTANT',
      `toSql: options.at must be whole milliseconds between 0001-01-01 and 9999-12-31 (UTC), got ${at}`,
      ['options', 'at'],
    );
  }
  const compiled = compileModel(model, 'toSql');
  const rules = compiled.rules;
  const ladder = ladderOf(model);
  rejectUnwritableNames('toSql', compiled, parsed.segment === true ? ladder.names : []);
  if (parsed.segment === true && ladder.band > 0) {
    throw new EngagekitError(
      'UNSUPPORTED',
      `toSql: a segment column with a hysteresis band (band ${ladder.band}) is not supported: the band needs each customer's previous segment, which one query over the current score does not have; leave segment out and classify with segmentAt, or drop the band`,
      ['model', 'segments', 'band'],
    );
  }
  const dialect = DIALECTS[parsed.dialect];
  const quote = dialect.identifier;
  const table = (typeof parsed.table === 'string' ? [parsed.table] : (parsed.table ?? ['events']))
    .map(quote)
    .join('.');
  const columns = parsed.columns ?? {};
  const customer = `src.${quote(columns.customer ?? 'customer_id')}`;
  const behaviour = `src.${quote(columns.behaviour ?? 'behaviour')}`;
  const occurredAt = `src.${quote(columns.at ?? 'occurred_at')}`;
  const atLiteral = dialect.timestamp(utcText(at));
  // An event counts when its instant, rounded down to the millisecond, is at most `at`: before the
  // next millisecond. At the last writable instant every event is before it.
  const upperBound =
    at < LAST_WRITABLE
      ? `${occurredAt} < ${dialect.timestamp(utcText(at + 1))}`
      : `${occurredAt} IS NOT NULL`;

  let horizon = 0;
  for (const end of compiled.end) horizon = Math.max(horizon, end);
  // A frequency cap decides whether an event counts from the events before it on its day or in
  // its window: the scan reaches back that much further, so that those events are read too.
  const from = at - horizon - (rules === undefined ? 0 : capReach(rules));
  const lowerBound =
    Number.isFinite(from) && from >= FIRST_WRITABLE
      ? [`    AND ${occurredAt} > ${dialect.timestamp(utcText(from))}`]
      : [];

  const elapsed = 'ek_elapsed';
  const [castOpen, castClose] = dialect.double('\u0000').split('\u0000') as [string, string];
  const finite = (expression: string): string =>
    dialect.finite === undefined ? expression : dialect.finite(expression, OVERFLOW_MESSAGE);
  const total = finite('ek_total');
  const terms: string[] = [];
  const capped: string[] = [];
  const resetColumns: string[] = [];
  const grouped: string[] = [];
  compiled.behaviourIds.forEach((id, b) => {
    const weight = columns.weight === undefined ? '' : 'ek_weight * ';
    const factor = factorSql(compiled.decays[b]!, compiled.boost[b]!, elapsed, dialect);
    const decayed = `${weight}${dialect.number(compiled.boost[b]!)}${factor === undefined ? '' : ` * ${factor}`}`;
    // A reset discards the events of the behaviours it names that are strictly before it (older:
    // a larger elapsed time), as the rules' reference scorer does.
    const resetters = compiled.behaviourIds.filter((_, r) => rules?.resetTargets[r]?.[b] === 1);
    const term =
      resetters.length === 0
        ? decayed
        : `CASE WHEN ${elapsed} > ek_reset_${b} THEN 0 ELSE ${decayed} END`;
    if (resetters.length > 0) {
      resetColumns.push(
        `    MIN(CASE WHEN ek_behaviour IN (${resetters.map(dialect.string).join(', ')}) THEN ${elapsed} END) OVER (PARTITION BY ek_customer) AS ek_reset_${b},`,
      );
    }
    terms.push(`        WHEN ${dialect.string(id)} THEN ${term}`);
    const cap = compiled.cap[b]!;
    if (Number.isFinite(cap)) {
      capped.push(
        `        WHEN ${dialect.string(id)} THEN ${dialect.least}(${dialect.number(cap)}, ${dialect.greatest}(${dialect.number(-cap)}, ${total}))`,
      );
    }
    const g = rules?.groupOf[b] ?? -1;
    if (g >= 0) grouped.push(`        WHEN ${dialect.string(id)} THEN ${g}`);
  });

  const clampSql = (expression: string, low: number, high: number): string => {
    let clamped = expression;
    if (low > Number.NEGATIVE_INFINITY)
      clamped = `${dialect.greatest}(${dialect.number(low)}, ${clamped})`;
    if (high < Number.POSITIVE_INFINITY)
      clamped = `${dialect.least}(${dialect.number(high)}, ${clamped})`;
    return clamped;
  };
  const clampNumber = (value: number, low: number, high: number): number =>
    Math.min(high, Math.max(low, value));
  // What a customer with nothing counted scores: 0 in each part, each group clamped, then the score.
  let emptyScore = 0;
  rules?.groupIds.forEach((_, g) => {
    emptyScore += clampNumber(0, rules.groupMin[g]!, rules.groupMax[g]!);
  });
  if (rules !== undefined) emptyScore = clampNumber(emptyScore, rules.min, rules.max);
  const scored = finite(
    // ClickHouse's LEFT JOIN fills a missing row with 0, not NULL: ek_present tells them apart.
    dialect.double(
      rules === undefined
        ? 'COALESCE(customer_scores.ek_score, 0)'
        : `CASE WHEN customer_scores.ek_present = 1 THEN customer_scores.ek_score ELSE ${dialect.number(emptyScore)} END`,
    ),
  );
  const score = rules === undefined ? scored : finite(clampSql(scored, rules.min, rules.max));
  const value =
    capped.length === 0
      ? [`      ${total}`]
      : ['      CASE ek_behaviour', ...capped, `        ELSE ${total}`, '      END'];
  const partOf = (group: number): string =>
    `COALESCE(SUM(CASE WHEN ek_group = ${group} THEN ek_value END), 0)`;
  const groupParts = (rules?.groupIds ?? []).map((_, g) =>
    clampSql(finite(partOf(g)), rules!.groupMin[g]!, rules!.groupMax[g]!),
  );
  const caps =
    rules === undefined
      ? undefined
      : capsSql(compiled.behaviourIds, rules, {
          dialect,
          at,
          occurredAt,
          behaviour,
          elapsed: dialect.double(dialect.millisBetween(occurredAt, atLiteral)),
          weighted: columns.weight !== undefined,
        });
  // Frequency caps keep the events they count (counted_events); resets read those.
  const eventsSource = caps === undefined ? 'scored_events' : 'counted_events';
  const totalsSource = resetColumns.length === 0 ? eventsSource : 'reset_events';
  const lines = [
    'WITH scored_events AS (',
    '  SELECT',
    `    ${customer} AS ek_customer,`,
    `    ${behaviour} AS ek_behaviour,`,
    ...(columns.weight === undefined
      ? []
      : [`    ${dialect.double(`COALESCE(src.${quote(columns.weight)}, 1)`)} AS ek_weight,`]),
    `    ${dialect.double(dialect.millisBetween(occurredAt, atLiteral))} AS ${elapsed}${caps === undefined || caps.day === undefined ? '' : ','}`,
    ...(caps?.day === undefined ? [] : [`    ${caps.day} AS ek_day`]),
    `  FROM ${table} AS src`,
    `  WHERE ${upperBound}`,
    ...lowerBound,
    `    AND ${behaviour} IN (${compiled.behaviourIds.map(dialect.string).join(', ')})`,
    '),',
    ...(caps === undefined ? [] : caps.lines),
    ...(resetColumns.length === 0
      ? []
      : [
          // Per customer and reset behaviour's target, the elapsed time of the latest reset.
          'reset_events AS (',
          '  SELECT',
          ...resetColumns,
          '    ek_customer,',
          '    ek_behaviour,',
          ...(columns.weight === undefined ? [] : ['    ek_weight,']),
          `    ${elapsed}`,
          `  FROM ${eventsSource}`,
          '),',
        ]),
    'behaviour_totals AS (',
    '  SELECT',
    '    ek_customer,',
    '    ek_behaviour,',
    // Every term is a 64-bit float before it is summed, as in JavaScript: PostgreSQL would sum
    // integer or numeric terms exactly (and clamp a sum beyond a float to a cap), ClickHouse would
    // wrap an unsigned sum at 2^64.
    `    SUM(${castOpen}`,
    '      CASE ek_behaviour',
    ...terms,
    '        ELSE 0',
    `      END${castClose}`,
    '    ) AS ek_total',
    `  FROM ${totalsSource}`,
    '  GROUP BY ek_customer, ek_behaviour',
    '),',
    ...(groupParts.length === 0
      ? [
          'customer_scores AS (',
          '  SELECT',
          '    ek_customer,',
          ...(rules === undefined ? [] : ['    1 AS ek_present,']),
          ...(capped.length === 0
            ? [`    SUM(${total}) AS ek_score`]
            : ['    SUM(', ...value, '    ) AS ek_score']),
          '  FROM behaviour_totals',
          '  GROUP BY ek_customer',
          '),',
        ]
      : [
          // Groups (issue 18): each behaviour's capped total, summed per group, each group's part
          // clamped to its bounds, then added to the ungrouped part.
          'behaviour_values AS (',
          '  SELECT',
          '    ek_customer,',
          `    CASE ek_behaviour`,
          ...grouped,
          '        ELSE -1',
          '    END AS ek_group,',
          ...value,
          '    AS ek_value',
          '  FROM behaviour_totals',
          '),',
          'customer_scores AS (',
          '  SELECT',
          '    ek_customer,',
          '    1 AS ek_present,',
          `    ${[finite(partOf(-1)), ...groupParts].join('\n      + ')} AS ek_score`,
          '  FROM behaviour_values',
          '  GROUP BY ek_customer',
          '),',
        ]),
    'customers AS (',
    `  SELECT DISTINCT ${customer} AS ek_customer`,
    `  FROM ${table} AS src`,
    `  WHERE ${customer} IS NOT NULL`,
    ')',
    'SELECT',
    '  customers.ek_customer AS customer_id,',
    `  ${score} AS score${parsed.segment === true ? ',' : ''}`,
    ...(parsed.segment === true ? [`  ${segmentSql(model, score, dialect)} AS segment`] : []),
    'FROM customers',
    'LEFT JOIN customer_scores ON customer_scores.ek_customer = customers.ek_customer',
  ];
  return lines.join('\n');
}
