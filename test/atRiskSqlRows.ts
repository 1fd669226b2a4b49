/** One row of an `atRiskSql` query as an engine returns it. */
export interface AtRiskRow {
  readonly customer_id: unknown;
  readonly score: unknown;
  readonly segment: string;
  readonly drop_at: unknown;
  readonly drop_segment: string;
}

/** A `drop_at` as epoch milliseconds: a Date (DuckDB, PostgreSQL) or UTC text (ClickHouse). */
export function millisOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(`${value.replace(' ', 'T')}Z`);
  throw new Error(`not an instant: ${String(value)}`);
}

/** The rows in `atRisk`'s shape: `{ customerId, score, segment, drop: { at, segment } }`. */
export function asAtRisk(rows: readonly unknown[]) {
  return (rows as AtRiskRow[]).map((row) => ({
    customerId: String(row.customer_id),
    score: Number(row.score),
    segment: row.segment,
    drop: { at: millisOf(row.drop_at), segment: row.drop_segment },
  }));
}
