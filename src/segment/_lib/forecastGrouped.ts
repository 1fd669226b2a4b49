import type { CompiledModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import { customerArray } from '../../score/kernel/checkColumns.js';
import { ruleScoreOf, sweepInput } from '../sweep/ruleSweep.js';
import { segmentIndexAt } from '../sweep/segmentIndexAt.js';
import { scoreOf } from '../sweep/sweepColumns.js';
import { type SweepReuse, sweepSegments } from '../sweep/sweepSegments.js';
import {
  type ColumnsOfEvents,
  customerView,
  type GroupedColumns,
  groupColumns,
} from './groupColumns.js';
import { classifyIndex, type Ladder, stayRange } from './ladder.js';

/** The columns of a customer without events. */
const NO_EVENTS = {
  length: 0,
  behaviour: new Int32Array(0),
  at: new Float64Array(0),
  weight: new Float64Array(0),
  source: new Int32Array(0),
  ignoredUnknown: 0,
};

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

/**
 * The forecast of checked columns at `time` (events up to `time` only), with `next` searched in
 * `(time, until]`, and the columns grouped by customer. The results are allocated first, so that
 * a `customerCount` the runtime cannot hold is `INVALID_OPTION` before any work.
 */
export function forecastGrouped(
  compiled: CompiledModel,
  ladder: Ladder,
  columns: ColumnsOfEvents,
  count: number,
  time: number,
  until: number,
  fn: string,
): { readonly result: ColumnForecast; readonly grouped: GroupedColumns } {
  const score = customerArray(fn, count, count);
  const nextAt = customerArray(fn, count, count).fill(Number.POSITIVE_INFINITY);
  const segment = new Uint8Array(count);
  const grouped = groupColumns(columns, count, time);
  const nextSegment = new Int16Array(count).fill(-1);
  const rules = compiled.rules;
  // a customer without events: 0, or what the rules' bounds make of no events
  const emptyScore =
    rules === undefined
      ? 0
      : ruleScoreOf(compiled, NO_EVENTS, { rules, until: new Float64Array(0) }, time, fn, []);
  const empty = classifyIndex(ladder, emptyScore, -1);
  // the sweeps' arrays, allocated once for all customers
  const reuse: SweepReuse = {};
  for (let c = 0; c < count; c++) {
    if (grouped.start[c] === grouped.start[c + 1]) {
      score[c] = emptyScore;
      segment[c] = empty;
      continue;
    }
    const input = sweepInput(compiled, customerView(grouped, c));
    const view = input.columns;
    const value =
      input.rules === undefined
        ? scoreOf(compiled, view, time, fn)
        : ruleScoreOf(compiled, view, input.rules, time, fn);
    const state =
      ladder.band === 0
        ? classifyIndex(ladder, value, -1)
        : segmentIndexAt(compiled, view, ladder, time, -1, fn, input.rules);
    score[c] = value;
    segment[c] = state;
    if (until > time && !staysPut(compiled, grouped, c, value, ladder, state, time, until)) {
      const change = sweepSegments(compiled, view, ladder, time, state, until, 1, {
        fn,
        rules: input.rules,
        reuse,
      })[0];
      if (change !== undefined) {
        nextAt[c] = change.at;
        nextSegment[c] = change.to;
      }
    }
  }
  return { result: { segments: ladder.names, score, segment, nextAt, nextSegment }, grouped };
}

/**
 * Whether customer `c` surely stays in segment `state` all through `(time, until]`: a cheap bound
 * that spares the sweep. Every decay is non-increasing, so event `i` moves by at most
 * `|boost * weight| * (f(time - t_i) - f(until - t_i))` in the window; the per-behaviour caps clamp
 * (1-Lipschitz), so the score moves by at most the sum `reach` of those. When `score - reach` and
 * `score + reach` both lie inside the segment's stay range with a margin for rounding, no change
 * can happen and the sweep would find none. Models with rules always take the sweep.
 */
function staysPut(
  compiled: CompiledModel,
  grouped: GroupedColumns,
  c: number,
  score: number,
  ladder: Ladder,
  state: number,
  time: number,
  until: number,
): boolean {
  if (compiled.rules !== undefined) return false;
  const { lower, upper } = stayRange(ladder, state);
  const decays = compiled.decays;
  const boost = compiled.boost;
  let reach = 0;
  let size = Math.abs(score);
  for (let i = grouped.start[c]!; i < grouped.start[c + 1]!; i++) {
    const b = grouped.behaviour[i]!;
    const amount = Math.abs(boost[b]! * grouped.weight[i]!);
    const now = decayFactor(decays[b]!, time - grouped.at[i]!);
    reach += amount * (now - decayFactor(decays[b]!, until - grouped.at[i]!));
    size += amount * now;
  }
  const margin = 1e-9 * (size + reach) + Number.MIN_VALUE;
  return score - reach - margin >= lower && score + reach + margin < upper;
}
