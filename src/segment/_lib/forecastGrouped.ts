import type { CompiledModel } from '../../model/compileModel.js';
import { segmentIndexAt } from '../sweep/segmentIndexAt.js';
import { scoreOf } from '../sweep/sweepColumns.js';
import { sweepSegments } from '../sweep/sweepSegments.js';
import { customerView, type GroupedColumns } from './groupColumns.js';
import { classifyIndex, type Ladder } from './ladder.js';

/**
 * Every customer's score, segment and next change of segment, in typed arrays, see
 * {@link forecastColumns}.
 *
 * @category Fast paths
 */
export interface ColumnForecast<Name extends string = string> {
  /** The ladder's segments from the top down: `segment` and `nextSegment` index it. */
  readonly segments: readonly Name[];
  /** The score of each customer at `at`, as `scoreAt` gives it. */
  readonly score: Float64Array;
  /** The segment of each customer at `at`, as an index into `segments`. */
  readonly segment: Uint8Array;
  /**
   * The first whole millisecond after `at` at which each customer is in another segment if
   * nothing new happens; `Infinity` when there is none (up to `until`).
   */
  readonly nextAt: Float64Array;
  /** The segment each customer moves to at `nextAt`, an index into `segments`; -1 when none. */
  readonly nextSegment: Int16Array;
}

/** The forecast of grouped columns (events up to `time` only): `next` searched in `(time, until]`. */
export function forecastGrouped(
  compiled: CompiledModel,
  ladder: Ladder,
  grouped: GroupedColumns,
  time: number,
  until: number,
  fn: string,
): ColumnForecast {
  const count = grouped.customerCount;
  const score = new Float64Array(count);
  const segment = new Uint8Array(count);
  const nextAt = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const nextSegment = new Int16Array(count).fill(-1);
  const empty = classifyIndex(ladder, 0, -1);
  for (let c = 0; c < count; c++) {
    if (grouped.start[c] === grouped.start[c + 1]) {
      segment[c] = empty;
      continue;
    }
    const view = customerView(grouped, c);
    const value = scoreOf(compiled, view, time, fn);
    const state =
      ladder.band === 0
        ? classifyIndex(ladder, value, -1)
        : segmentIndexAt(compiled, view, ladder, time, -1, fn);
    score[c] = value;
    segment[c] = state;
    if (until > time) {
      const change = sweepSegments(compiled, view, ladder, time, state, until, 1, { fn })[0];
      if (change !== undefined) {
        nextAt[c] = change.at;
        nextSegment[c] = change.to;
      }
    }
  }
  return { segments: ladder.names, score, segment, nextAt, nextSegment };
}
