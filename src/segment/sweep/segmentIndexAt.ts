import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { classifyIndex, type Ladder } from '../_lib/ladder.js';
import { ruleScoreOf, type SweepRules, sweepInputUpTo } from './ruleSweep.js';
import { scoreOf } from './sweepColumns.js';
import { sweepSegments } from './sweepSegments.js';

/**
 * The ladder index of the segment at `at`. Without a hysteresis band (or given the `previous`
 * segment just before `at`) it follows from the score alone; with a band the customer's history
 * is replayed from before their first event (score 0, or what the rules make of no events), by
 * one sweep: O(n log n). With `rules`, `columns` are the sweep's columns of {@link sweepInput}.
 * Errors name `fn`.
 */
export function segmentIndexAt(
  compiled: CompiledModel,
  columns: EventColumns,
  ladder: Ladder,
  at: number,
  previous = -1,
  fn = 'segmentAt',
  rules?: SweepRules,
): number {
  const value =
    rules === undefined
      ? scoreOf(compiled, columns, at, fn)
      : ruleScoreOf(compiled, columns, rules, at, fn);
  if (previous >= 0 || ladder.band === 0) return classifyIndex(ladder, value, previous);
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) first = Math.min(first, columns.at[i]!);
  const empty = rules === undefined ? 0 : ruleScoreOf(compiled, columns, rules, at, fn, []);
  let state = classifyIndex(ladder, empty, -1);
  if (first <= at) {
    const start = Math.floor(first) - 1;
    const past = sweepInputUpTo({ columns, rules }, at);
    const changes = sweepSegments(
      compiled,
      past.columns,
      ladder,
      start,
      state,
      at,
      Number.POSITIVE_INFINITY,
      { fn, rules: past.rules },
    );
    state = changes.length === 0 ? state : changes[changes.length - 1]!.to;
  }
  return classifyIndex(ladder, value, state);
}
