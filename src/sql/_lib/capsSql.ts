import { CAP_DAY, CAP_WINDOW, type CompiledRules } from '../../model/_lib/compileRules.js';
import { fixedOffset } from '../../time/zone.js';
import type { DialectWriter } from '../dialects.js';

const DAY = 86_400_000;

/**
 * How far before an event the events that decide whether a frequency cap counts it can lie: the
 * longest rolling window, and for a per-day cap three days (a local day lasts at most 25 hours and
 * UTC offsets span -12:00 to +14:00, so the first instant of an event's local day is less than
 * 24 + 26 hours before it). 0 without frequency caps.
 */
export function capReach(rules: CompiledRules): number {
  let reach = 0;
  rules.capKind.forEach((kind, b) => {
    if (kind === CAP_DAY) reach = Math.max(reach, 3 * DAY);
    else if (kind === CAP_WINDOW) reach = Math.max(reach, rules.capWindow[b]!);
  });
  return reach;
}

/** What {@link capsSql} needs besides the rules. */
export interface CapsSqlContext {
  readonly dialect: DialectWriter;
  /** The instant scored at, epoch milliseconds. */
  readonly at: number;
  /** The event time column, qualified (`src."occurred_at"`). */
  readonly occurredAt: string;
  /** The behaviour column, qualified (`src."behaviour"`). */
  readonly behaviour: string;
  /** The milliseconds from the event's millisecond to `at`, a 64-bit float (`ek_elapsed`'s SQL). */
  readonly elapsed: string;
  /** Whether the events carry a weight column (`ek_weight`). */
  readonly weighted: boolean;
}

/** The SQL pieces of a model's frequency caps. */
export interface CapsSql {
  /** The `ek_day` column of `scored_events` (days since 1970-01-01), when a cap is per day. */
  readonly day: string | undefined;
  /** The `ranked_events` and `counted_events` CTEs, each closed by `),`. */
  readonly lines: readonly string[];
}

/**
 * The frequency caps of issue 18 in SQL, or `undefined` for a model without one.
 *
 * @remarks
 * Canonical order (src/score/rules/canonicalOrder.ts) within a customer and behaviour is `at`
 * ascending, then weight descending: `ORDER BY ek_elapsed DESC, ek_weight DESC` (the elapsed time
 * is `at` minus the event's millisecond; events equal in both are interchangeable).
 * - Per day (selectCounted.ts): the first `count` events of a local day count, so
 *   `ROW_NUMBER() OVER (PARTITION BY customer, behaviour, ek_day ORDER BY ...) <= count`. The day
 *   is `floor((ms + offset) / 86400000)` as in time/zone.ts `dayReader`: plain arithmetic on the
 *   event's millisecond for UTC and fixed offsets, the dialect's time zone conversion for IANA
 *   zones (see dialects.ts).
 * - Rolling window: an event counts iff fewer than `count` events before it in canonical order
 *   have `at > event.at - window`. Those events are consecutive and end just before it, so this
 *   holds iff the event `count` places earlier is missing (`ROW_NUMBER() <= count`) or has
 *   `at <= event.at - window`: `LAG(ek_elapsed, count) - ek_elapsed >= window`. A behaviour
 *   without a per-day cap has a NULL `ek_day`, so its row number runs over the whole partition.
 *
 * Which events count depends only on earlier events, so reading only the events up to `at` (and
 * back to {@link capReach} before the oldest one that can still count) selects the same events as
 * the in-memory path.
 */
export function capsSql(
  behaviourIds: readonly string[],
  rules: CompiledRules,
  context: CapsSqlContext,
): CapsSql | undefined {
  const { dialect, at, occurredAt, weighted } = context;
  const days: string[] = [];
  const conditions: string[] = [];
  const lags = new Set<number>();
  behaviourIds.forEach((id, b) => {
    const kind = rules.capKind[b]!;
    const count = rules.capCount[b]!;
    const behaviour = `ek_behaviour = ${dialect.string(id)}`;
    if (kind === CAP_DAY) {
      const zone = rules.capZone[b]!;
      const offset = zone === 'UTC' ? 0 : fixedOffset(zone);
      const day =
        offset === undefined
          ? dialect.localDay(occurredAt, dialect.string(zone))
          : // The event's epoch millisecond is at - ek_elapsed; every operand is a whole number
            // below 2^53 in a 64-bit float, and the division and floor are those of dayReader.
            `FLOOR((${dialect.number(at + offset)} - ${context.elapsed}) / ${DAY})`;
      days.push(`      WHEN ${dialect.string(id)} THEN ${dialect.double(day)}`);
      conditions.push(`(${behaviour} AND ek_rank <= ${count})`);
    } else if (kind === CAP_WINDOW) {
      lags.add(count);
      conditions.push(
        `(${behaviour} AND (ek_rank <= ${count} OR ek_lag_${count} - ek_elapsed >= ${dialect.number(rules.capWindow[b]!)}))`,
      );
    }
  });
  if (conditions.length === 0) return undefined;
  const capped = behaviourIds.filter((_, b) => rules.capKind[b] !== 0);
  const order = `ORDER BY ek_elapsed DESC${weighted ? ', ek_weight DESC' : ''}`;
  const byBehaviour = 'PARTITION BY ek_customer, ek_behaviour';
  const kept = ['    ek_customer,', '    ek_behaviour,', ...(weighted ? ['    ek_weight,'] : [])];
  return {
    day:
      days.length === 0 ? undefined : [`CASE ${context.behaviour}`, ...days, '    END'].join('\n'),
    lines: [
      // Each event's place in canonical order among its customer's events of its behaviour (on
      // its local day for a per-day cap), and the elapsed time of the event `count` places earlier.
      'ranked_events AS (',
      '  SELECT',
      ...kept,
      '    ek_elapsed,',
      `    ROW_NUMBER() OVER (${byBehaviour}${days.length === 0 ? '' : ', ek_day'} ${order}) AS ek_rank${lags.size === 0 ? '' : ','}`,
      ...[...lags]
        .sort((x, y) => x - y)
        .map(
          (count, index) =>
            `    ${dialect.lag('ek_elapsed', count, `${byBehaviour} ${order}`)} AS ek_lag_${count}${index === lags.size - 1 ? '' : ','}`,
        ),
      '  FROM scored_events',
      '),',
      // The events the caps let count; the others add nothing, but still took their place above.
      'counted_events AS (',
      '  SELECT',
      ...kept,
      '    ek_elapsed',
      '  FROM ranked_events',
      `  WHERE ek_behaviour NOT IN (${capped.map(dialect.string).join(', ')})`,
      ...conditions.map((condition) => `    OR ${condition}`),
      '),',
    ],
  };
}
