import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { classifyIndex, type Ladder } from '../_lib/ladder.js';
import { columnsUpTo, scoreOf } from './sweepColumns.js';
import { sweepSegments } from './sweepSegments.js';

/**
 * The ladder index of the segment at `at`. Without a hysteresis band (or given the `previous`
 * segment just before `at`) it follows from the score alone; with a band the customer's history
 * is replayed from score 0 before their first event, by one sweep: O(n log n). Errors name `fn`.
 */
export function segmentIndexAt(
  compiled: CompiledModel,
  columns: EventColumns,
  ladder: Ladder,
  at: number,
  previous = -1,
  fn = 'segmentAt',
): number {
  const value = scoreOf(compiled, columns, at, fn);
  if (previous >= 0 || ladder.band === 0) return classifyIndex(ladder, value, previous);
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) first = Math.min(first, columns.at[i]!);
  let state = classifyIndex(ladder, 0, -1);
  if (first <= at) {
    const start = Math.floor(first) - 1;
    const past = columnsUpTo(columns, at);
    const changes = sweepSegments(
      compiled,
      past,
      ladder,
      start,
      state,
      at,
      Number.POSITIVE_INFINITY,
      {
        fn,
      },
    );
    state = changes.length === 0 ? state : changes[changes.length - 1]!.to;
  }
  return classifyIndex(ladder, value, state);
}
