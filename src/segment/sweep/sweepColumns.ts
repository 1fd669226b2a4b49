import type { CompiledModel } from '../../model/compileModel.js';
import { behaviourTotals, cappedScore } from '../../score/_lib/behaviourTotals.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';

/** One change of segment, with segments as indexes into the ladder. */
export interface IndexChange {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly score: number;
}

/**
 * The score at `at` exactly as {@link scoreAt} computes it; `OVERFLOW` (naming `fn`) when it is
 * beyond the range of a number.
 */
export function scoreOf(
  compiled: CompiledModel,
  columns: EventColumns,
  at: number,
  fn = 'scoreAt',
): number {
  return cappedScore(compiled, behaviourTotals(compiled, columns, at, fn), fn, at);
}

/** The events of `columns` at the given positions, as columns of their own. */
export function selectColumns(columns: EventColumns, positions: readonly number[]): EventColumns {
  const count = positions.length;
  const behaviour = new Int32Array(count);
  const at = new Float64Array(count);
  const weight = new Float64Array(count);
  const source = new Int32Array(count);
  positions.forEach((position, i) => {
    behaviour[i] = columns.behaviour[position]!;
    at[i] = columns.at[position]!;
    weight[i] = columns.weight[position]!;
    source[i] = columns.source[position]!;
  });
  return { length: count, behaviour, at, weight, source, ignoredUnknown: 0 };
}

/** The events that happened at or before `at`. */
export function columnsUpTo(columns: EventColumns, at: number): EventColumns {
  const positions: number[] = [];
  for (let i = 0; i < columns.length; i++) if (columns.at[i]! <= at) positions.push(i);
  return positions.length === columns.length ? columns : selectColumns(columns, positions);
}
