import { compiledDecayFactor } from '../../model/_lib/compiledDecayFactor.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { customerArray } from '../../score/kernel/checkColumns.js';
import { ruleScoreOf, type SweepInput, sweepInput } from '../sweep/ruleSweep.js';
import { segmentIndexAt } from '../sweep/segmentIndexAt.js';
import { scoreOf } from '../sweep/sweepColumns.js';
import { type SweepReuse, sweepSegments } from '../sweep/sweepSegments.js';
import {
  type ColumnsOfEvents,
  customerView,
  type GroupedColumns,
  groupColumns,
} from './groupColumns.js';
import { customerGather, groupIndexes } from './groupIndexes.js';
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
  const result = forecastArrays(ladder, count, fn);
  const grouped = groupColumns(columns, count, time);
  forecastEach(compiled, ladder, result, grouped.start, (c) => customerView(grouped, c), {
    time,
    until,
    fn,
  });
  return { result, grouped };
}

/**
 * {@link forecastGrouped}'s forecast without the grouped copy of the columns: the events' positions
 * are grouped by customer (4 bytes an event instead of 24) and each customer's events gathered in
 * turn into arrays reused for all of them. The same events in the same order, so the same doubles.
 * With `from`, only the customers `from` to `count - 1` are forecast (element `c - from` of the
 * result): a thread's part of the customers, read from columns shared with the other threads.
 */
export function forecastIndexed(
  compiled: CompiledModel,
  ladder: Ladder,
  columns: ColumnsOfEvents,
  count: number,
  time: number,
  until: number,
  fn: string,
  from = 0,
): ColumnForecast {
  const result = forecastArrays(ladder, count - from, fn, count);
  const grouped = groupIndexes(columns, from, count, time);
  forecastEach(compiled, ladder, result, grouped.start, customerGather(columns, grouped), {
    time,
    until,
    fn,
  });
  return result;
}

/**
 * The result arrays of a forecast of `length` customers (of `count` in all): `INVALID_OPTION`
 * when too many.
 */
function forecastArrays(
  ladder: Ladder,
  length: number,
  fn: string,
  count = length,
): ColumnForecast {
  const score = customerArray(fn, length, count);
  const nextAt = customerArray(fn, length, count).fill(Number.POSITIVE_INFINITY);
  const segment = new Uint8Array(length);
  const nextSegment = new Int16Array(length).fill(-1);
  return { segments: ladder.names, score, segment, nextAt, nextSegment };
}

/**
 * Fills `result` customer by customer: customer `c` has events when `start[c] < start[c + 1]`,
 * and `eventsOf(c)` gives them (in the caller's order; valid until the next call).
 */
function forecastEach(
  compiled: CompiledModel,
  ladder: Ladder,
  result: ColumnForecast,
  start: Uint32Array,
  eventsOf: (c: number) => EventColumns,
  window: { readonly time: number; readonly until: number; readonly fn: string },
): void {
  const { time, until, fn } = window;
  const { score, segment, nextAt, nextSegment } = result;
  const count = score.length;
  const rules = compiled.rules;
  // a customer without events: 0, or what the rules' bounds make of no events
  const emptyScore =
    rules === undefined
      ? 0
      : ruleScoreOf(compiled, NO_EVENTS, { rules, until: new Float64Array(0) }, time, fn, []);
  const empty = classifyIndex(ladder, emptyScore, -1);
  // the sweeps' arrays, and the sums of the score and its reach, allocated once for all customers
  const reuse: SweepReuse = {};
  const sums = scoreSums(compiled);
  const ahead = until > time;
  for (let c = 0; c < count; c++) {
    if (start[c] === start[c + 1]) {
      score[c] = emptyScore;
      segment[c] = empty;
      continue;
    }
    const events = eventsOf(c);
    let value: number;
    let stays = false;
    let input: SweepInput;
    if (rules === undefined) {
      input = { columns: events };
      value = scoreAndReach(compiled, events, time, ahead ? until : time, sums);
      if (Number.isNaN(value)) value = scoreOf(compiled, events, time, fn); // throws its OVERFLOW
    } else {
      input = sweepInput(compiled, events);
      value = ruleScoreOf(compiled, input.columns, input.rules!, time, fn);
    }
    const view = input.columns;
    const state =
      ladder.band === 0
        ? classifyIndex(ladder, value, -1)
        : segmentIndexAt(compiled, view, ladder, time, -1, fn, input.rules);
    score[c] = value;
    segment[c] = state;
    if (rules === undefined && ahead) stays = staysPut(ladder, state, value, sums);
    if (ahead && !stays) {
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
}

/** The per-behaviour sums {@link scoreAndReach} keeps, and the reaches and size it finds. */
interface ScoreSums {
  readonly sums: Float64Array;
  readonly compensations: Float64Array;
  /** How far the events of positive value can bring the score down by `until`. */
  fall: number;
  /** How far the events of negative value can bring the score up by `until`. */
  rise: number;
  size: number;
}

function scoreSums(compiled: CompiledModel): ScoreSums {
  const count = compiled.behaviourIds.length;
  return {
    sums: new Float64Array(count),
    compensations: new Float64Array(count),
    fall: 0,
    rise: 0,
    size: 0,
  };
}

/**
 * The score at `time` of events all at or before it, the very doubles of {@link scoreOf} (each
 * behaviour's Neumaier sum of `weight * boost * decay` in column order, capped, the caps' Neumaier
 * sum), in the same pass as the bounds {@link staysPut} reads (into `into.fall`, `into.rise` and `into.size`),
 * without allocating; NaN when a total is not finite (then `scoreOf` throws its `OVERFLOW`).
 */
function scoreAndReach(
  compiled: CompiledModel,
  events: EventColumns,
  time: number,
  until: number,
  into: ScoreSums,
): number {
  const { sums, compensations } = into;
  const { boost, cap } = compiled;
  sums.fill(0);
  compensations.fill(0);
  let fall = 0;
  let rise = 0;
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const at = events.at[i]!;
    const b = events.behaviour[i]!;
    const weight = events.weight[i]!;
    const now = compiledDecayFactor(compiled, b, time - at);
    const value = weight * boost[b]! * now;
    const sum = sums[b]!;
    const next = sum + value;
    compensations[b]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sums[b] = next;
    if (until !== time) {
      const amount = boost[b]! * weight;
      const change = Math.abs(amount) * (now - compiledDecayFactor(compiled, b, until - at));
      if (amount > 0) fall += change;
      else rise += change;
      size += Math.abs(amount) * now;
    }
  }
  let total = 0;
  let compensation = 0;
  for (let b = 0; b < sums.length; b++) {
    const behaviourTotal = sums[b]! + compensations[b]!;
    if (behaviourTotal - behaviourTotal !== 0) return Number.NaN;
    const part = Math.min(cap[b]!, Math.max(behaviourTotal, -cap[b]!));
    const next = total + part;
    compensation += Math.abs(total) >= Math.abs(part) ? total - next + part : part - next + total;
    total = next;
  }
  const score = total + compensation;
  if (score - score !== 0) return Number.NaN;
  into.fall = fall;
  into.rise = rise;
  into.size = size;
  return score;
}

/**
 * Whether a customer surely stays in segment `state` all through `(time, until]`: a cheap bound
 * that spares the sweep. Every decay is non-increasing, so an event of positive value
 * (`boost * weight > 0`) can only bring the score down, by at most
 * `boost * weight * (f(time - t_i) - f(until - t_i))` in the window, and one of negative value can
 * only bring it up, by as much in size; the per-behaviour caps clamp (monotone and 1-Lipschitz),
 * so the score stays within `[score - fall, score + rise]`, the sums {@link scoreAndReach} finds.
 * When both ends lie inside the segment's stay range with a margin for rounding, no change can
 * happen and the sweep would find none. Models with rules always take the sweep.
 */
function staysPut(ladder: Ladder, state: number, score: number, sums: ScoreSums): boolean {
  const { lower, upper } = stayRange(ladder, state);
  const { fall, rise } = sums;
  const size = Math.abs(score) + sums.size;
  const margin = 1e-9 * (size + fall + rise) + Number.MIN_VALUE;
  return score - fall - margin >= lower && score + rise + margin < upper;
}
