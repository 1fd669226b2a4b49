import * as z from 'zod/mini';
import { EngagekitError, type EngagekitIssue } from '../errors/EngagekitError.js';
import { errorOfIssues } from '../errors/errorOfIssues.js';
import { parseWith } from '../errors/zodIssues.js';
import { ruleNames } from '../model/_lib/compileRules.js';
import { type CompiledModel, compileModel, KIND_EXPONENTIAL } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { ladderOf } from '../segment/_lib/ladder.js';
import { type DurationInput, readDuration } from '../time/duration.js';
import { type Instant, readInstant } from '../time/instant.js';
import { AT_RISK_DIALECTS } from './_lib/atRiskDialect.js';
import { atRiskQuery } from './_lib/atRiskQuery.js';
import { rejectUnwritableNames } from './_lib/rejectUnwritableNames.js';
import {
  FIRST_WRITABLE,
  HALF_LIVES_TO_ZERO,
  LAST_WRITABLE,
  sqlOptionShape,
  utcText,
} from './_lib/sqlOptions.js';
import { DIALECTS, type SqlDialect } from './dialects.js';
import { type ToSqlColumns, toSql } from './toSql.js';

/**
 * Options of {@link atRiskSql}: those of `toSql` (without `segment`), and `within`.
 *
 * @category Warehouse SQL
 */
export interface AtRiskSqlOptions {
  /** The SQL dialect to write. */
  readonly dialect: SqlDialect;
  /** Now: only events at or before it count; written into the query as a UTC timestamp literal. */
  readonly at: Instant;
  /** How far ahead to look, e.g. `{ days: 7 }`: drops in `(at, at + within]` are listed. */
  readonly within: DurationInput;
  /** The events table (default `events`), one name or its parts; see `toSql`. */
  readonly table?: string | readonly string[];
  /** Column names; see {@link ToSqlColumns}. */
  readonly columns?: ToSqlColumns;
}

/** The options' schema (zod/mini), built in a call marked pure: a bundle without it drops it. */
const optionsSchema = /* @__PURE__ */ buildOptionsSchema();

function buildOptionsSchema() {
  const { dialect, at, table, columns } = sqlOptionShape();
  return z.strictObject({ dialect, at, within: z.unknown(), table, columns });
}

/** The age from which each behaviour's event is worth nothing at `at` and after (dropped). */
function endsOf(compiled: CompiledModel): number[] {
  return compiled.behaviourIds.map((_, b) => {
    if (compiled.kind[b] !== KIND_EXPONENTIAL) return compiled.end[b]!;
    return Math.min(compiled.end[b]!, compiled.halfLife[b]! * HALF_LIVES_TO_ZERO);
  });
}

/**
 * One query that lists, inside the warehouse, the customers {@link atRisk} lists: those whose
 * segment drops within `(at, at + within]` if nothing new happens, with the first millisecond of
 * the drop.
 *
 * @remarks
 * The query returns one row `(customer_id, score, segment, drop_at, drop_segment)` per customer at
 * risk, ordered by `drop_at` then `customer_id` (in the engine's collation): `score` and
 * `segment` as `toSql` gives them at `at`, `drop_at` the first whole millisecond (a UTC timestamp)
 * at which the customer is in a segment below `segment`, and `drop_segment` that segment. It reads
 * the events table as `toSql` does (the same options, columns, NULL weights counting 1, unknown
 * behaviours ignored, events after `at` left out).
 *
 * Method: from `at` on, with no new event, each behaviour's total is a sum of pieces in closed
 * form: linear decays are linear until they end (with a constant grace first), steps and
 * permanent boosts are constant until they end, exponentials are `coef * 2^(-t / halfLife)` until
 * their cutoff. The query lists each live event's breakpoints in `(at, at + within]` and adds
 * their changes up per customer in window sums, so that between two breakpoints the score is
 * `a + s * t + sum of f_k * 2^(-t / h_k)`; a cap cuts a piece where the behaviour's total reaches
 * it (one division, or one logarithm). Within each piece it takes the first whole millisecond below
 * the current segment's threshold: the first of the piece when it is below already (a step or a
 * cutoff expired), else one division (a linear piece) or one logarithm (one half-life), else an
 * integer bisection to the millisecond in a fixed number of steps (a linear slope with one
 * half-life, or two half-lives, after a split at the one instant where the piece turns, found in
 * closed form). A piece mixing rising and falling terms of three or more kinds (three half-lives,
 * or a slope and two) cannot be split exactly: where the threshold could be crossed there, the
 * query fails with a message starting `atRiskSql: UNSUPPORTED` rather than return a different
 * answer. See docs/warehouse.md ("At-risk lists in SQL").
 *
 * Sums in SQL are not compensated, so an instant at which the score is within rounding (about
 * 1e-12 of its terms) of a threshold may fall a millisecond either side of `atRisk`'s.
 *
 * @param model - The model; without scoring rules and without a hysteresis band.
 * @param options - Dialect, `at`, `within`, and optionally the table and its columns.
 * @returns The SQL text of one query (no trailing semicolon).
 * @throws {@link EngagekitError} `INVALID_OPTION` for an unknown dialect or option, an empty or
 * unwritable identifier, or a bad `within`; `INVALID_INSTANT` for an `at` that is not whole
 * milliseconds between the years 1 and 9999; `INVALID_MODEL` for a behaviour id or segment name
 * holding a control character; `UNSUPPORTED` for a model with scoring rules or a hysteresis band
 * (as `atRisk` refuses rules; a band needs each customer's history of segments).
 *
 * @example
 * ```ts
 * import { atRiskSql, defineModel, linear } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const sql = atRiskSql(model, {
 *   dialect: 'duckdb',
 *   at: Date.parse('2026-11-01T00:00:00Z'),
 *   within: { days: 7 },
 * });
 * sql.split('\n')[0]; // => 'WITH ek_now AS ('
 * sql.split('\n').at(-1); // => 'ORDER BY drop_at, customer_id'
 * ```
 * @category Warehouse SQL
 */
export function atRiskSql(model: Model, options: AtRiskSqlOptions): string {
  const fn = 'atRiskSql';
  const parsed = parseWith(optionsSchema, options, {
    fn,
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const problems: { code: 'INVALID_OPTION' | 'INVALID_INSTANT'; issue: EngagekitIssue }[] = [];
  let at = 0;
  try {
    at = readInstant(parsed.at, { fn, path: ['options', 'at'] });
    if (!Number.isInteger(at) || at < FIRST_WRITABLE || at > LAST_WRITABLE) {
      problems.push({
        code: 'INVALID_INSTANT',
        issue: {
          message: `${fn}: options.at must be whole milliseconds between 0001-01-01 and 9999-12-31 (UTC), got ${at}`,
          path: ['options', 'at'],
        },
      });
    }
  } catch (error) {
    if (!(error instanceof EngagekitError)) throw error;
    problems.push({ code: 'INVALID_INSTANT', issue: { message: error.message, path: error.path } });
  }
  let within = 0;
  try {
    within = readDuration(parsed.within, {
      fn,
      path: ['options', 'within'],
      code: 'INVALID_OPTION',
    });
  } catch (error) {
    if (!(error instanceof EngagekitError)) throw error;
    problems.push({ code: 'INVALID_OPTION', issue: { message: error.message, path: error.path } });
  }
  const [firstProblem, ...otherProblems] = problems;
  if (firstProblem !== undefined) {
    throw errorOfIssues(firstProblem.code, [
      firstProblem.issue,
      ...otherProblems.map((problem) => problem.issue),
    ]);
  }

  const compiled = compileModel(model, fn);
  const ladder = ladderOf(model);
  const unsupported: EngagekitIssue[] = [];
  if (compiled.rules !== undefined) {
    unsupported.push({
      message: `${fn}: does not support the model's scoring rules (${ruleNames(compiled.model).join(', ')}), as atRisk does not; list this model's customers at risk with scoreAt and segmentAt over time, or remove the rules`,
      path: ['model'],
    });
  }
  if (ladder.band > 0) {
    unsupported.push({
      message: `${fn}: a hysteresis band (band ${ladder.band}) is not supported: the segment now and the drop depend on each customer's previous segments, which this query does not replay; list them with atRisk, or drop the band`,
      path: ['model', 'segments', 'band'],
    });
  }
  const [firstUnsupported, ...otherUnsupported] = unsupported;
  if (firstUnsupported !== undefined) {
    throw errorOfIssues('UNSUPPORTED', [firstUnsupported, ...otherUnsupported]);
  }
  rejectUnwritableNames(fn, compiled, ladder.names);

  const dialect = DIALECTS[parsed.dialect];
  const quote = dialect.identifier;
  const table = (typeof parsed.table === 'string' ? [parsed.table] : (parsed.table ?? ['events']))
    .map(quote)
    .join('.');
  const columns = parsed.columns ?? {};
  const occurredAt = `src.${quote(columns.at ?? 'occurred_at')}`;
  const ends = endsOf(compiled);
  let horizon = 0;
  for (const end of ends) horizon = Math.max(horizon, end);
  const from = at - horizon;
  const scores = toSql(model, {
    dialect: parsed.dialect,
    at,
    ...(parsed.table === undefined ? {} : { table: parsed.table }),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    segment: true,
  });
  return atRiskQuery({
    compiled,
    ladder,
    dialect,
    extra: AT_RISK_DIALECTS[parsed.dialect],
    scores,
    table,
    customer: `src.${quote(columns.customer ?? 'customer_id')}`,
    behaviour: `src.${quote(columns.behaviour ?? 'behaviour')}`,
    occurredAt,
    weight: columns.weight === undefined ? undefined : `src.${quote(columns.weight)}`,
    atLiteral: dialect.timestamp(utcText(at)),
    // an event counts when its instant, rounded down to the millisecond, is at most `at`
    upperBound:
      at < LAST_WRITABLE
        ? `${occurredAt} < ${dialect.timestamp(utcText(at + 1))}`
        : `${occurredAt} IS NOT NULL`,
    lowerBound:
      Number.isFinite(from) && from >= FIRST_WRITABLE
        ? `${occurredAt} > ${dialect.timestamp(utcText(Math.floor(from)))}`
        : undefined,
    last: Math.max(0, Math.min(Math.floor(within), LAST_WRITABLE - at)),
    ends,
  });
}
