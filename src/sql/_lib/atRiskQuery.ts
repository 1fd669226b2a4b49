import {
  type CompiledModel,
  KIND_EXPONENTIAL,
  KIND_LINEAR,
  KIND_STEP,
} from '../../model/compileModel.js';
import type { Ladder } from '../../segment/_lib/ladder.js';
import type { DialectWriter } from '../dialects.js';
import type { AtRiskDialect } from './atRiskDialect.js';

/** What the at-risk query is built from, all validated. */
export interface AtRiskQueryInput {
  readonly compiled: CompiledModel;
  readonly ladder: Ladder;
  readonly dialect: DialectWriter;
  readonly extra: AtRiskDialect;
  /** The `toSql` query of the model with a segment column: each customer's score now. */
  readonly scores: string;
  /** The quoted, qualified table name. */
  readonly table: string;
  /** Quoted column references (`src.<name>`), and the weight column's or undefined. */
  readonly customer: string;
  readonly behaviour: string;
  readonly occurredAt: string;
  readonly weight: string | undefined;
  /** The timestamp literal of `at`, and the conditions that keep an event at or before it. */
  readonly atLiteral: string;
  readonly upperBound: string;
  readonly lowerBound: string | undefined;
  /** The last whole millisecond after `at` searched (`floor(within)`, at least 0). */
  readonly last: number;
  /** The ages at which each behaviour's event is dropped as worth nothing from `at` on. */
  readonly ends: readonly number[];
}

/** The message the query fails with where it cannot find the first drop exactly. */
export const MIXED_MESSAGE =
  "atRiskSql: UNSUPPORTED: between two breakpoints a customer's score is a sum of rising and falling terms of three or more kinds (a linear slope and exponentials of two or more half-lives, or three or more half-lives), whose first crossing of a threshold has no closed form and bisection cannot isolate; list this customer with atRisk, or give the model fewer half-lives";

/**
 * The SQL of {@link atRiskSql}: every customer whose segment drops within `(at, at + last]`, with
 * the first whole millisecond of the drop. See docs/warehouse.md ("At-risk lists in SQL") for the
 * method; the CTEs below follow it step by step.
 */
export function atRiskQuery(input: AtRiskQueryInput): string {
  const { compiled, ladder, dialect, extra } = input;
  const num = dialect.number;
  const dbl = dialect.double;
  const count = compiled.behaviourIds.length;
  const kinds = Array.from(compiled.kind);
  const caps = Array.from(compiled.cap);
  // the half-lives of the model's exponential behaviours, each once: one family of terms each
  const halfLives = [
    ...new Set(
      compiled.behaviourIds.flatMap((_, b) =>
        kinds[b] === KIND_EXPONENTIAL ? [compiled.halfLife[b]!] : [],
      ),
    ),
  ];
  const familyOf = (b: number): number => halfLives.indexOf(compiled.halfLife[b]!);
  const hasSlope = kinds.some((kind) => kind === KIND_LINEAR);
  const families = (hasSlope ? 1 : 0) + halfLives.length;
  const last = input.last;
  /** A derived table of the numbers 0 to n - 1 in a column `ek_j`. */
  const numbers = (n: number): string =>
    `(${Array.from({ length: n }, (_, j) => `SELECT ${j} AS ek_j`).join(' UNION ALL ')}) AS ek_numbers`;
  /**
   * A CTE's head; in PostgreSQL materialized, so that the planner does not inline each stage's
   * expressions into the next (which multiplies them).
   */
  const cte = (name: string): string => `${name} AS${extra.materialized}`;
  const weighted = (b: number): string =>
    // a double, never an integer literal alone: PostgreSQL would divide integers
    input.weight === undefined ? dbl(num(compiled.boost[b]!)) : `ek_w * ${num(compiled.boost[b]!)}`;

  // per behaviour b: ek_k<b> the constant, ek_s<b> the slope (linear), ek_c<b> the coefficient of
  // 2^(-tau / halfLife) (exponential), ek_n<b> how many of its events are live
  const parts: { name: string; b: number }[] = [];
  for (let b = 0; b < count; b++) {
    if (kinds[b] === KIND_EXPONENTIAL) parts.push({ name: `c${b}`, b });
    else parts.push({ name: `k${b}`, b });
    if (kinds[b] === KIND_LINEAR) parts.push({ name: `s${b}`, b });
    parts.push({ name: `n${b}`, b });
  }
  /** One SELECT list of the change columns, `values` giving the non-zero ones. */
  const changeColumns = (values: Readonly<Record<string, string>>): string[] =>
    parts.map(({ name }) => `${values[name] ?? '0'} AS ek_d${name}`);

  const age = 'ek_age';
  const linearValue = (b: number): string =>
    `${weighted(b)} * (${num(compiled.end[b]!)} - ${age}) / ${num(compiled.span[b]!)}`;
  const exponentialValue = (b: number): string =>
    `${weighted(b)} * ${dialect.power('2', `-${age} / ${num(compiled.halfLife[b]!)}`)}`;

  // the initial closed form of each live event, at tau = 0 (`at`)
  const initial: Record<string, string> = {};
  for (let b = 0; b < count; b++) {
    const when = (expression: string) => `CASE WHEN ek_b = ${b} THEN ${expression} ELSE 0 END`;
    initial[`n${b}`] = when('1');
    switch (kinds[b]) {
      case KIND_LINEAR: {
        const grace = compiled.grace[b]!;
        const slope = `-(${weighted(b)}) / ${num(compiled.span[b]!)}`;
        if (grace > 0) {
          initial[`k${b}`] = when(
            `CASE WHEN ${age} < ${num(grace)} THEN ${weighted(b)} ELSE ${linearValue(b)} END`,
          );
          initial[`s${b}`] = when(`CASE WHEN ${age} < ${num(grace)} THEN 0 ELSE ${slope} END`);
        } else {
          initial[`k${b}`] = when(linearValue(b));
          initial[`s${b}`] = when(slope);
        }
        break;
      }
      case KIND_EXPONENTIAL:
        initial[`c${b}`] = when(exponentialValue(b));
        break;
      default:
        initial[`k${b}`] = when(weighted(b));
    }
  }
  const changeSelects: string[] = [
    [
      '  SELECT',
      '    ek_customer,',
      `    ${dbl('0')} AS ek_tau,`,
      `    ${changeColumns(initial).join(',\n    ')}`,
      '  FROM ek_live',
    ].join('\n'),
  ];
  const changeAt = (b: number, tau: string, values: Record<string, string>, where: string) =>
    changeSelects.push(
      [
        '  SELECT',
        '    ek_customer,',
        `    ${tau} AS ek_tau,`,
        `    ${changeColumns(values).join(',\n    ')}`,
        '  FROM ek_live',
        `  WHERE ek_b = ${b} AND ${where} AND ${tau} <= ${num(last)}`,
      ].join('\n'),
    );
  for (let b = 0; b < count; b++) {
    const end = compiled.end[b]!;
    if (kinds[b] === KIND_LINEAR && compiled.grace[b]! > 0) {
      const grace = compiled.grace[b]!;
      // the grace period ends: from the full boost to the linear decline
      changeAt(
        b,
        `${num(grace)} - ${age}`,
        {
          [`k${b}`]: `${linearValue(b)} - ${weighted(b)}`,
          [`s${b}`]: `-(${weighted(b)}) / ${num(compiled.span[b]!)}`,
        },
        `${age} < ${num(grace)}`,
      );
    }
    if (!Number.isFinite(end)) continue;
    // the event expires (a linear or step duration, an exponential cutoff)
    const values: Record<string, string> = { [`n${b}`]: '-1' };
    if (kinds[b] === KIND_LINEAR) {
      values[`k${b}`] = `-(${linearValue(b)})`;
      values[`s${b}`] = `${weighted(b)} / ${num(compiled.span[b]!)}`;
    } else if (kinds[b] === KIND_EXPONENTIAL) {
      values[`c${b}`] = `-(${exponentialValue(b)})`;
    } else if (kinds[b] === KIND_STEP) {
      values[`k${b}`] = `-(${weighted(b)})`;
    }
    changeAt(b, `${num(end)} - ${age}`, values, 'TRUE');
  }

  const window = 'PARTITION BY ek_customer ORDER BY ek_tau';
  const running = `${window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;

  /** A term `coef * 2^(-tau / halfLife)`, written as 0 where it is below 2^-1000 (no underflow). */
  const decayed = (coef: string, halfLife: number, tau: string): string =>
    `CASE WHEN ${coef} = 0 THEN 0 WHEN ${tau} > ${num(halfLife)} * ${dialect.least}(${num(1000)}, ${num(1000)} + ${extra.ln(`ABS(${coef})`)} / ${num(Math.LN2)}) THEN 0 ELSE ${coef} * ${dialect.power('2', `-(${tau}) / ${num(halfLife)}`)} END`;

  // a capped behaviour's total at tau, before its clamp
  const totalAt = (b: number, tau: string): string => {
    if (kinds[b] === KIND_LINEAR) return `(ek_k${b} + ek_s${b} * ${tau})`;
    if (kinds[b] === KIND_EXPONENTIAL)
      return `(${decayed(`ek_c${b}`, compiled.halfLife[b]!, tau)})`;
    return `ek_k${b}`;
  };

  const formNames = parts.filter((part) => !part.name.startsWith('n')).map((part) => part.name);
  const carried = ['ek_customer', 'ek_score', 'ek_segment', 'ek_level'];
  const formColumns = formNames.map((name) => `ek_${name}`);
  const pieceColumns = [...carried, 'ek_start', 'ek_end', ...formColumns];

  // the cuts of each piece where a capped behaviour reaches its cap or minus its cap; each
  // piece is read once and copied per candidate (a join with a few numbers), so that no engine
  // that inlines CTEs (ClickHouse) computes the pieces again per candidate
  const cutExpressions: string[] = [];
  const cut = (expression: string, _b: number, _side: string) => cutExpressions.push(expression);
  for (let b = 0; b < count; b++) {
    const cap = caps[b]!;
    if (!Number.isFinite(cap) || cap === 0) continue;
    if (kinds[b] === KIND_LINEAR) {
      cut(`(${num(cap)} - ek_k${b}) / NULLIF(ek_s${b}, 0)`, b, 'high');
      cut(`(${num(-cap)} - ek_k${b}) / NULLIF(ek_s${b}, 0)`, b, 'low');
    } else if (kinds[b] === KIND_EXPONENTIAL) {
      cut(
        `CASE WHEN ABS(ek_c${b}) > ${num(cap)} THEN (${extra.ln(`ABS(ek_c${b})`)} - ${num(Math.log(cap))}) / ${num(compiled.rate[b]!)} END`,
        b,
        'exp',
      );
    }
  }

  // each sub-piece's closed form: ek_a + ek_s * tau + sum of ek_f<k> * 2^(-tau / halfLife[k])
  const clampedAt = (b: number, mid: string) => {
    const cap = caps[b]!;
    const total = totalAt(b, mid);
    return { high: `${total} > ${num(cap)}`, low: `${total} < ${num(-cap)}` };
  };
  const constantTerms: string[] = [];
  const slopeTerms: string[] = [];
  const familyTerms: string[][] = halfLives.map(() => []);
  for (let b = 0; b < count; b++) {
    const cap = caps[b]!;
    const capped = Number.isFinite(cap);
    const kind = kinds[b];
    if (!capped) {
      if (kind === KIND_EXPONENTIAL) familyTerms[familyOf(b)]!.push(`ek_c${b}`);
      else constantTerms.push(`ek_k${b}`);
      if (kind === KIND_LINEAR) slopeTerms.push(`ek_s${b}`);
      continue;
    }
    const { high, low } = clampedAt(b, 'ek_mid');
    const free = (expression: string) =>
      `CASE WHEN ${high} THEN 0 WHEN ${low} THEN 0 ELSE ${expression} END`;
    if (kind === KIND_EXPONENTIAL) {
      familyTerms[familyOf(b)]!.push(free(`ek_c${b}`));
      constantTerms.push(
        `CASE WHEN ${high} THEN ${num(cap)} WHEN ${low} THEN ${num(-cap)} ELSE 0 END`,
      );
    } else if (kind === KIND_LINEAR) {
      constantTerms.push(
        `CASE WHEN ${high} THEN ${num(cap)} WHEN ${low} THEN ${num(-cap)} ELSE ek_k${b} END`,
      );
      slopeTerms.push(free(`ek_s${b}`));
    } else {
      constantTerms.push(
        `${dialect.least}(${num(cap)}, ${dialect.greatest}(${num(-cap)}, ek_k${b}))`,
      );
    }
  }
  const sum = (terms: readonly string[]) =>
    terms.length === 0 ? dbl('0') : terms.map((term) => `(${term})`).join(' + ');
  const familyColumns = halfLives.map((_, k) => `ek_f${k}`);
  const limitColumns = halfLives.map((_, k) => `ek_z${k}`);
  const shape = [...carried, 'ek_a', 'ek_s', ...familyColumns, ...limitColumns];
  /** Family k's term at `tau`, 0 past `ek_z<k>` (where it is below 2^-1000 and would underflow). */
  const familyAt = (k: number, tau: string): string =>
    `CASE WHEN ${tau} > ek_z${k} THEN 0 ELSE ek_f${k} * ${dialect.power('2', `-(${tau}) / ${num(halfLives[k]!)}`)} END`;
  /** The sub-piece's score at `tau`. */
  const valueAt = (tau: string): string =>
    `(ek_a + ek_s * ${tau}${halfLives.map((_, k) => ` + (${familyAt(k, tau)})`).join('')})`;

  // with two families, the one instant where the derivative is 0 splits a sub-piece in two
  // monotone parts: (S, C): S = r C 2^(-tau/h); (C0, C1): r0 C0 e^(-r0 tau) = -r1 C1 e^(-r1 tau)
  let turn: string | undefined;
  if (families === 2) {
    const rates = halfLives.map((halfLife) => Math.LN2 / halfLife);
    if (hasSlope) {
      const r = rates[0]!;
      turn = `CASE WHEN ek_s <> 0 AND ${num(r)} * ek_f0 / ek_s > 0 THEN ${extra.ln(`${num(r)} * ek_f0 / ek_s`)} / ${num(r)} END`;
    } else {
      const [r0, r1] = rates as [number, number];
      turn = `CASE WHEN ek_f0 <> 0 AND ${num(-r1)} * ek_f1 / (${num(r0)} * ek_f0) > 0 THEN ${extra.ln(`${num(-r1)} * ek_f1 / (${num(r0)} * ek_f0)`)} / ${num(r1 - r0)} END`;
    }
  }

  const level = [
    'CASE',
    ...ladder.mins.map((min) => `WHEN ek_now.score >= ${num(min)} THEN ${num(min)}`),
    'END',
  ].join(' ');
  const bottom = ladder.mins.at(-1)!;
  const zeroed = formNames.map((name) => {
    const b = name.slice(1);
    return `CASE WHEN ek_pieces.ek_cn${b} > 0 THEN ek_pieces.ek_c${name} ELSE 0 END AS ek_${name}`;
  });

  // the closed-form first millisecond below the level inside (lo, hi], where there is one
  const closed: string[] = [];
  const noExponential = familyColumns.map((column) => `${column} = 0`);
  if (hasSlope) {
    closed.push(
      `WHEN ${['ek_s < 0', ...noExponential].join(' AND ')} THEN ${extra.floor('(ek_level - ek_a) / ek_s')} + 1`,
    );
  }
  halfLives.forEach((halfLife, k) => {
    const others = familyColumns.filter((_, j) => j !== k).map((column) => `${column} = 0`);
    closed.push(
      `WHEN ${['ek_s = 0', ...others, `ek_f${k} > 0`, 'ek_level - ek_a > 0'].join(' AND ')} THEN ${extra.floor(`${extra.ln(`ek_f${k} / (ek_level - ek_a)`)} * ${num(halfLife / Math.LN2)}`)} + 1`,
    );
  });
  const closedCase = closed.length === 0 ? undefined : ['CASE', ...closed, 'END'].join(' ');
  const isClosed = closedCase === undefined ? 'FALSE' : `${closedCase} IS NOT NULL`;
  const rising = ['ek_s > 0', ...familyColumns.map((column) => `${column} < 0`)].join(' OR ');
  const falling = ['ek_s < 0', ...familyColumns.map((column) => `${column} > 0`)].join(' OR ');
  const least = dialect.least;
  const lowerBound = `ek_a + ${least}(ek_s * ek_lo, ek_s * ek_hi)${halfLives.map((_, k) => ` + ${least}(${familyAt(k, 'ek_lo')}, ${familyAt(k, 'ek_hi')})`).join('')}`;
  const search =
    families >= 3
      ? extra.guard(
          `CASE WHEN ek_g_lo >= ek_level AND ek_g_hi < ek_level AND NOT (${isClosed}) THEN 1 ELSE 0 END`,
          `(${rising}) AND (${falling}) AND ek_g_lo >= ek_level AND ${lowerBound} < ek_level`,
          dialect.string(MIXED_MESSAGE),
          'ek_lo',
        )
      : `CASE WHEN ek_g_lo >= ek_level AND ek_g_hi < ek_level AND NOT (${isClosed}) THEN 1 ELSE 0 END`;
  const direct = [
    'CASE WHEN ek_g_lo < ek_level THEN ek_lo',
    ...(closedCase === undefined
      ? []
      : [
          `WHEN ek_g_hi < ek_level AND ${isClosed} THEN ${dialect.greatest}(ek_lo + 1, ${least}(ek_hi, ${closedCase}))`,
        ]),
    'END',
  ].join(' ');

  // an integer search of (lo, hi] where g(lo) >= level > g(hi) and g is monotone: each stage
  // probes 7 evenly spaced milliseconds and keeps the eighth between the last one at or above
  // the level and the first one below it (3 bits a stage, so that the query stays shallow)
  const ARITY = 8;
  const stages = Math.ceil(Math.log(Math.max(2, last)) / Math.log(ARITY)) + 1;
  const bisection: string[] = [];
  const shapeList = shape.join(', ');
  if (families >= 2) {
    bisection.push(
      // a direct answer d rides along as the empty interval [d, d], which no stage changes
      `${cte('ek_search_0')} (\n  SELECT ${shapeList}, CASE WHEN ek_search = 1 THEN ek_lo ELSE ek_direct END AS ek_lo_0, CASE WHEN ek_search = 1 THEN ek_hi ELSE ek_direct END AS ek_hi_0 FROM ek_class WHERE ek_search = 1 OR ek_direct IS NOT NULL\n),`,
    );
    for (let j = 1; j <= stages; j++) {
      const p = j - 1;
      const probe = (i: number) =>
        `(ek_lo_${p} + ${extra.floor(`(ek_hi_${p} - ek_lo_${p}) * ${i} / ${ARITY}`)})`;
      const probes = Array.from({ length: ARITY - 1 }, (_, i) => i + 1);
      const lower = [
        'CASE',
        ...probes.map((i) => `WHEN ek_v${i} = 1 THEN ${i === 1 ? `ek_lo_${p}` : `ek_t${i - 1}`}`),
        `ELSE ek_t${ARITY - 1}`,
        'END',
      ].join(' ');
      const upper = [
        'CASE',
        ...probes.map((i) => `WHEN ek_v${i} = 1 THEN ek_t${i}`),
        `ELSE ek_hi_${p}`,
        'END',
      ].join(' ');
      bisection.push(
        [
          `${cte(`ek_search_${j}`)} (`,
          `  SELECT ${shapeList}, ${lower} AS ek_lo_${j}, ${upper} AS ek_hi_${j}`,
          `  FROM (SELECT ${shapeList}, ek_lo_${p}, ek_hi_${p}, ${probes.map((i) => `ek_t${i}`).join(', ')},`,
          ...probes.map(
            (i) =>
              `    CASE WHEN ${valueAt(`ek_t${i}`)} < ek_level THEN 1 ELSE 0 END AS ek_v${i}${i < ARITY - 1 ? ',' : ''}`,
          ),
          `    FROM (SELECT ${shapeList}, ek_lo_${p}, ek_hi_${p}, ${probes.map((i) => `${probe(i)} AS ek_t${i}`).join(', ')} FROM ek_search_${p}) AS ek_at_${j}) AS ek_probe_${j}`,
          '),',
        ].join('\n'),
      );
    }
  }

  const dropSegment = [
    'CASE',
    ...ladder.mins.flatMap((min, index) =>
      index === 0
        ? []
        : [
            `WHEN ${num(min)} < ek_level AND ek_value >= ${num(min)} THEN ${dialect.string(ladder.names[index]!)}`,
          ],
    ),
    `ELSE ${dialect.string(ladder.names.at(-1)!)}`,
    'END',
  ].join(' ');

  const liveCondition = compiled.behaviourIds
    .map((_, b) => {
      const end = input.ends[b]!;
      return Number.isFinite(end) ? `(ek_b = ${b} AND ek_age < ${num(end)})` : `ek_b = ${b}`;
    })
    .join(' OR ');

  const subColumns = [...pieceColumns, 'ek_from'];
  const shaped = halfLives.length === 0 ? 'ek_sub_forms' : 'ek_shapes';

  const lines = [
    `WITH ${cte('ek_now')} (`,
    input.scores,
    '),',
    `${cte('ek_events')} (`,
    '  SELECT',
    `    ${input.customer} AS ek_customer,`,
    `    CASE ${input.behaviour} ${compiled.behaviourIds.map((id, b) => `WHEN ${dialect.string(id)} THEN ${b}`).join(' ')} END AS ek_b,`,
    ...(input.weight === undefined ? [] : [`    ${dbl(`COALESCE(${input.weight}, 1)`)} AS ek_w,`]),
    `    ${dbl(dialect.millisBetween(input.occurredAt, input.atLiteral))} AS ek_age`,
    `  FROM ${input.table} AS src`,
    `  WHERE ${input.upperBound}`,
    ...(input.lowerBound === undefined ? [] : [`    AND ${input.lowerBound}`]),
    `    AND ${input.behaviour} IN (${compiled.behaviourIds.map(dialect.string).join(', ')})`,
    `    AND ${input.customer} IS NOT NULL`,
    '),',
    `${cte('ek_live')} (`,
    `  SELECT * FROM ek_events WHERE ${liveCondition}`,
    '),',
    `${cte('ek_changes')} (`,
    changeSelects.join('\n  UNION ALL\n'),
    '),',
    `${cte('ek_steps')} (`,
    `  SELECT ek_customer, ek_tau, ${parts.map(({ name }) => `SUM(ek_d${name}) AS ek_g${name}`).join(', ')}`,
    '  FROM ek_changes',
    '  GROUP BY ek_customer, ek_tau',
    '),',
    `${cte('ek_pieces')} (`,
    `  SELECT ek_customer, ek_tau AS ek_start, ${extra.lead('ek_tau', num(last + 1), window)} AS ek_end,`,
    `    ${parts.map(({ name }) => `SUM(ek_g${name}) OVER (${running}) AS ek_c${name}`).join(',\n    ')}`,
    '  FROM ek_steps',
    '),',
    `${cte('ek_forms')} (`,
    '  SELECT',
    '    ek_pieces.ek_customer AS ek_customer,',
    `    ${dbl('ek_now.score')} AS ek_score,`,
    '    ek_now.segment AS ek_segment,',
    `    ${level} AS ek_level,`,
    '    ek_pieces.ek_start AS ek_start,',
    '    ek_pieces.ek_end AS ek_end,',
    `    ${zeroed.join(',\n    ')}`,
    '  FROM ek_pieces',
    '  JOIN ek_now ON ek_now.customer_id = ek_pieces.ek_customer',
    `  WHERE ek_now.score >= ${num(bottom)}`,
    '),',
    `${cte('ek_cuts')} (`,
    `  SELECT ${pieceColumns.join(', ')}, ek_from, ek_sentinel FROM (`,
    `    SELECT ${pieceColumns.join(', ')}, ek_j, CASE WHEN ek_j = 1 THEN 1 ELSE 0 END AS ek_sentinel,`,
    `      CASE ek_j WHEN 0 THEN ek_start WHEN 1 THEN ek_end${cutExpressions.map((expression, i) => ` WHEN ${i + 2} THEN ${expression}`).join('')} END AS ek_from`,
    `    FROM ek_forms CROSS JOIN ${numbers(cutExpressions.length + 2)}`,
    '  ) AS ek_candidates',
    '  WHERE ek_j <= 1 OR (ek_from > ek_start AND ek_from < ek_end)',
    '),',
    `${cte('ek_subs')} (`,
    `  SELECT ${subColumns.join(', ')}, ek_sentinel, ${extra.lead('ek_from', '0', 'PARTITION BY ek_customer, ek_start ORDER BY ek_from, ek_sentinel')} AS ek_to`,
    '  FROM ek_cuts',
    '),',
    `${cte('ek_sub_forms')} (`,
    '  SELECT',
    `    ${carried.join(', ')}, ek_from, ek_to,`,
    `    ${sum(constantTerms)} AS ek_a,`,
    `    ${sum(slopeTerms)} AS ek_s${familyTerms.length === 0 ? '' : ','}`,
    ...familyTerms.map(
      (terms, k) => `    ${sum(terms)} AS ek_f${k}${k + 1 < familyTerms.length ? ',' : ''}`,
    ),
    `  FROM (SELECT ${subColumns.join(', ')}, ek_to, (ek_from + ek_to) / 2 AS ek_mid FROM ek_subs WHERE ek_sentinel = 0) AS ek_mids`,
    '),',
    ...(halfLives.length === 0
      ? []
      : [
          `${cte('ek_shapes')} (`,
          `  SELECT ${[...carried, 'ek_a', 'ek_s', ...familyColumns].join(', ')}, ek_from, ek_to,`,
          `    ${halfLives.map((halfLife, k) => `CASE WHEN ek_f${k} = 0 THEN ${num(-1)} ELSE ${num(halfLife)} * ${dialect.least}(${num(1000)}, ${num(1000)} + ${extra.ln(`ABS(ek_f${k})`)} / ${num(Math.LN2)}) END AS ek_z${k}`).join(',\n    ')}`,
          '  FROM ek_sub_forms',
          '),',
        ]),
    ...(turn === undefined
      ? [
          `${cte('ek_parts')} (`,
          `  SELECT ${shapeList}, ek_from AS ek_p, ek_to AS ek_q FROM ${shaped}`,
          '),',
        ]
      : [
          `${cte('ek_turns')} (`,
          `  SELECT ${shapeList}, ek_from, ek_to, ek_p, ek_sentinel FROM (`,
          `    SELECT ${shapeList}, ek_from, ek_to, ek_j, CASE WHEN ek_j = 2 THEN 1 ELSE 0 END AS ek_sentinel,`,
          `      CASE ek_j WHEN 0 THEN ek_from WHEN 1 THEN ${turn} ELSE ek_to END AS ek_p`,
          `    FROM ${shaped} CROSS JOIN ${numbers(3)}`,
          '  ) AS ek_turn',
          '  WHERE ek_j <> 1 OR (ek_p > ek_from AND ek_p < ek_to)',
          '),',
          `${cte('ek_parts')} (`,
          `  SELECT ${shapeList}, ek_p, ek_q FROM (SELECT ${shapeList}, ek_p, ek_sentinel, ${extra.lead('ek_p', '0', 'PARTITION BY ek_customer, ek_from, ek_to ORDER BY ek_p, ek_sentinel')} AS ek_q FROM ek_turns) AS ek_split WHERE ek_sentinel = 0`,
          '),',
        ]),
    `${cte('ek_bounds')} (`,
    `  SELECT ${shapeList}, ek_lo, ek_hi`,
    `  FROM (SELECT ${shapeList}, ${dialect.greatest}(${extra.ceil('ek_p')}, ${num(1)}) AS ek_lo, ${least}(${extra.ceil('ek_q')} - 1, ${num(last)}) AS ek_hi FROM ek_parts) AS ek_whole`,
    '  WHERE ek_lo <= ek_hi',
    '),',
    `${cte('ek_values')} (`,
    `  SELECT ${shapeList}, ek_lo, ek_hi, ${valueAt('ek_lo')} AS ek_g_lo, ${valueAt('ek_hi')} AS ek_g_hi FROM ek_bounds`,
    '),',
    `${cte('ek_class')} (`,
    `  SELECT ${shapeList}, ek_lo, ek_hi, ${direct} AS ek_direct, ${search} AS ek_search FROM ek_values`,
    '),',
    ...bisection,
    `${cte('ek_drops')} (`,
    families >= 2
      ? `  SELECT ${shapeList}, ek_hi_${stages} AS ek_drop FROM ek_search_${stages}`
      : `  SELECT ${shapeList}, ek_direct AS ek_drop FROM ek_class WHERE ek_direct IS NOT NULL`,
    '),',
    `${cte('ek_first')} (`,
    `  SELECT ${carried.join(', ')}, ek_drop, ${valueAt('ek_drop')} AS ek_value, ROW_NUMBER() OVER (PARTITION BY ek_customer ORDER BY ek_drop) AS ek_rank FROM ek_drops`,
    ')',
    'SELECT',
    '  ek_customer AS customer_id,',
    '  ek_score AS score,',
    '  ek_segment AS segment,',
    `  ${extra.addMillis(input.atLiteral, 'ek_drop')} AS drop_at,`,
    `  ${dropSegment} AS drop_segment`,
    'FROM ek_first',
    'WHERE ek_rank = 1',
    'ORDER BY drop_at, customer_id',
  ];
  return lines.join('\n');
}
