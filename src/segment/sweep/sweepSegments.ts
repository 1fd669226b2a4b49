import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { MAX_INSTANT } from '../../time/instant.js';
import { classifyIndex, type Ladder, stayRange } from '../_lib/ladder.js';
import { type BehaviourTerms, capCrossings, pieceAt } from './behaviourTerms.js';
import {
  type Approximation,
  approximate,
  changeRegime,
  checkMagnitude,
  constant,
  createLiveTerms,
  exactScore,
  type LiveTerms,
  moveOrigin,
  rebuild,
  setRegime,
} from './liveTerms.js';
import { evaluate, levelCrossings, turningPoints } from './piece.js';
import { type RegimeScratch, regimeChanges, regimeScratch } from './regimeChanges.js';
import { rulePieceAt, rulePieceRounding, ruleStretches, rulesSurelyStay } from './rulePieces.js';
import type { SweepRules } from './ruleSweep.js';
import type { IndexChange } from './sweepColumns.js';

/**
 * How many milliseconds (plus 16 per event) a sweep checks one by one, instead of by doubling
 * strides or back from the change bisection found, where the closed form's bound cannot decide
 * them: scoreAt's own roundings may flicker there, at a flat peak over hundreds of them.
 */
const AMBIGUOUS = 1 << 14;

/**
 * How many event terms (plus 32 n log2 n) a sweep may sum exactly to classify the instants its
 * closed form's bound cannot decide; past it, such an instant keeps the current segment, so that
 * a score sitting within the bound of a threshold over many stretches costs O(n log n), not a sum
 * of the live events at each of them (issue 21).
 */
const EXACT_TERMS = 1 << 20;

/** Options of {@link sweepSegments}. */
export interface SweepOptions {
  /** The public function whose errors these are (default `'transitions'`). */
  readonly fn?: string;
  /** When given, receives the sweep's counts of work, for the tests that check its complexity. */
  readonly work?: SweepWork;
  /**
   * Report each change's `score` as `scoreAt`'s own at its instant (an exact sum of the events
   * alive then) rather than the closed form's, for `transitions`, as long as those sums add up to
   * at most `4n + 1024` event terms in all (so the sweep stays O(n log n)); past that budget, the
   * closed form's.
   */
  readonly exactScores?: boolean;
  /**
   * The model's rules as they apply to `columns` (built by {@link sweepInput}): the score is then
   * the rules' clamped sum of groups, and each event stops counting at its reset.
   */
  readonly rules?: SweepRules | undefined;
  /**
   * Arrays a sweep of another customer left, to reuse instead of allocating (a forecast of many
   * customers passes one object to every sweep); the sweep leaves its own in it.
   */
  readonly reuse?: SweepReuse | undefined;
}

/** What one sweep leaves for the next to reuse, see {@link SweepOptions.reuse}. */
export interface SweepReuse {
  terms?: LiveTerms;
  schedule?: RegimeScratch;
  folded?: BehaviourTerms;
}

/** What a sweep did, counted (for the tests of its complexity, not its time). */
export interface SweepWork {
  /** Regime changes of events applied. */
  regimeChanges: number;
  /** Stretches between regime changes analysed. */
  pieces: number;
  /** Instants classified (each O(behaviours)). */
  probes: number;
  /** Instants summed exactly, and the event terms those sums added. */
  exactSums: number;
  exactTerms: number;
  /**
   * Undecided instants that kept the current segment because the exact sums' budget was spent,
   * plus 1 when the milliseconds checked one by one ran out: while 0 every instant was decided as
   * `scoreAt` decides it (see {@link sweepSegments}).
   */
  budgetStops?: number;
}

/**
 * Every change of segment at a whole millisecond in `(start, end]`, starting from segment `state`
 * at `start`, with the events of `columns` counting from their instants on; stops after `limit`
 * changes.
 *
 * @remarks
 * The events' regime changes (an event starts counting, leaves a grace period, expires) are
 * sorted once; between two of them every event's term has a closed form, and the sweep keeps each
 * behaviour's total as `constant + slope * tau + coef * exp(-rate * tau)` up to date as it
 * advances ({@link LiveTerms}), instead of summing the events again. On each stretch, the instants
 * where a capped behaviour meets its cap and where the total comes within the closed form's error
 * bound of the current segment's stay range are isolated exactly ({@link levelCrossings}); the
 * whole millisecond of a change is then found by probing, where a probe classifies the closed
 * form's score when its bound decides, and otherwise sums `scoreAt`'s terms exactly over the live
 * events, so that `segmentAt` agrees with the result on both sides of every change. Each change's
 * `score` is the closed form's (within its bound, about 1e-13 of the terms' magnitude, of
 * `scoreAt`'s), or `scoreAt`'s own where that decided the segment or `options.exactScores` asks
 * for it, so that it always falls in the segment reported. A stretch on which every live event
 * keeps its value is decided at one instant; a behaviour whose live events are all constant with
 * integer values is exact in the closed form (error 0). Work: O(n log n) for n events,
 * O(behaviours) per stretch and probe, plus exact sums of the live events only for instants whose
 * score is within the bound of a threshold, at most `2^20 + 32 n log2 n` terms in all; past that,
 * such an instant keeps the current segment.
 */
export function sweepSegments(
  compiled: CompiledModel,
  columns: EventColumns,
  ladder: Ladder,
  start: number,
  state: number,
  end: number,
  limit = Number.POSITIVE_INFINITY,
  options: SweepOptions = {},
): IndexChange[] {
  const changes: IndexChange[] = [];
  const first = Math.floor(start) + 1;
  const last = Math.floor(Math.min(end, MAX_INSTANT));
  if (!(first <= last) || limit < 1) return changes;
  const fn = options.fn ?? 'transitions';
  const magnitude = checkMagnitude(compiled, columns, fn);
  const rules = options.rules;
  const reuse = options.reuse;
  if (reuse !== undefined) reuse.schedule ??= regimeScratch();
  const schedule = regimeChanges(compiled, columns, rules?.until, reuse?.schedule);
  const terms = createLiveTerms(compiled, columns, first, fn, magnitude, rules, reuse?.terms);
  if (reuse !== undefined) reuse.terms = terms;
  let next = 0;
  while (next < schedule.length && schedule.instant[next]! <= first) {
    setRegime(terms, schedule.event[next]!, schedule.regime[next]!);
    next++;
  }
  rebuild(terms);
  const count = compiled.behaviourIds.length;
  const folded: BehaviourTerms =
    reuse?.folded !== undefined && reuse.folded.constant.length === count
      ? reuse.folded
      : {
          constant: new Float64Array(count),
          slope: new Float64Array(count),
          coef: new Float64Array(count),
        };
  if (reuse !== undefined) reuse.folded = folded;
  const scratch: Approximation = { value: 0, error: 0, low: 0, high: 0 };
  let probes = 0;
  let pieces = 0;
  let budgetStops = 0;
  let current = state;
  let cursor = first - 1;
  let origin = first;
  /** The score of the last instant classified: the closed form's, or scoreAt's when it decided. */
  let score = 0;
  /** Whether `score` is scoreAt's own (summed exactly). */
  let exact = false;
  const exactScores = options.exactScores === true;
  /** Event terms the exact scores of changes may still add up: O(n) in all. */
  let scoreBudget = 4 * columns.length + 1024;
  /** Event terms the exact classifications may add up to: O(n log n) in all. */
  const exactLimit = EXACT_TERMS + 32 * columns.length * Math.ceil(Math.log2(columns.length + 2));
  /** The segment at whole millisecond `t` of the current stretch, given the current one. */
  const classify = (t: number): number => {
    probes++;
    approximate(terms, t - origin, scratch);
    score = scratch.value;
    exact = false;
    const low = classifyIndex(ladder, scratch.low, current);
    if (low === classifyIndex(ladder, scratch.high, current)) return low;
    // past the budget, an instant the bound cannot decide keeps the current segment: a change
    // is then reported where the score leaves the bound's reach of the threshold, never one
    // that scoreAt does not make
    if (terms.exactTerms + terms.liveCount > exactLimit) {
      budgetStops++;
      return current;
    }
    score = exactScore(terms, t);
    exact = true;
    return classifyIndex(ladder, score, current);
  };
  const leaves = (t: number): boolean => classify(t) !== current;
  /** Milliseconds the bound cannot decide that the sweep may still check one by one: O(n). */
  let ambiguous = AMBIGUOUS + 16 * columns.length;
  /** The first whole millisecond in `[from, to]` where the customer leaves, or NaN. */
  const firstExit = (from: number, to: number): number => {
    if (from > to) return Number.NaN;
    let before = from - 1;
    let probe = from;
    let stride = 1;
    while (!leaves(probe)) {
      if (exact && ambiguous > 0) {
        // scoreAt's roundings may flicker where the bound cannot decide (issue 21): no more
        // strides until it decides again, and the milliseconds a stride skipped checked back to
        // the last one it decided
        let earliest = Number.NaN;
        for (let t = probe - 1; t > before && ambiguous > 0; t--) {
          ambiguous--;
          if (classify(t) !== current) earliest = t;
          else if (!exact) break;
        }
        if (!Number.isNaN(earliest)) {
          probe = earliest;
          before = probe - 1;
          break;
        }
        ambiguous--;
        stride = 1;
      }
      if (probe >= to) return Number.NaN;
      before = probe;
      probe = Math.min(to, probe + stride);
      stride *= 2;
    }
    while (probe - before > 1) {
      const middle = Math.floor(before + (probe - before) / 2);
      if (leaves(middle)) probe = middle;
      else before = middle;
    }
    // where the closed form's bound cannot decide, scoreAt's own roundings may make the customer
    // leave, come back and leave again (at a flat peak, over hundreds of milliseconds): every
    // millisecond back to the last one the closed form surely keeps in the segment is summed
    // exactly (within the sweep's budget), so the first of them that leaves is found (issue 21)
    for (let t = probe - 1; ambiguous > 0 && t > cursor && t >= origin; t--) {
      ambiguous--;
      if (classify(t) !== current) probe = t;
      else if (!exact) break;
    }
    return probe;
  };
  for (;;) {
    const stop = Math.min(
      next < schedule.length ? schedule.instant[next]! : Number.POSITIVE_INFINITY,
      last + 1,
    );
    pieces++;
    if (analyse(stop)) break;
    if (stop > last) break;
    moveOrigin(terms, stop);
    origin = stop;
    while (next < schedule.length && schedule.instant[next]! <= stop) {
      changeRegime(terms, schedule.event[next]!, schedule.regime[next]!);
      next++;
    }
  }
  if (options.work !== undefined) {
    options.work.regimeChanges += next;
    options.work.pieces += pieces;
    options.work.probes += probes;
    options.work.exactSums += terms.exactSums;
    options.work.exactTerms += terms.exactTerms;
    options.work.budgetStops =
      (options.work.budgetStops ?? 0) + budgetStops + (ambiguous <= 0 ? 1 : 0);
  }
  return changes;

  /**
   * Whether the score surely stays in the current segment's range over the whole stretch: each
   * behaviour's linear part and exponential part are monotone, so each lies between its values at
   * the two ends, and so does its clamp. O(behaviours), and true for most stretches.
   */
  function surelyStays(width: number, margin: number): boolean {
    let low = 0;
    let high = 0;
    let size = 0;
    for (let b = 0; b < count; b++) {
      const constant = folded.constant[b]!;
      const slope = folded.slope[b]!;
      const coef = folded.coef[b]!;
      const line = constant + slope * width;
      const decayed = coef === 0 ? 0 : coef * Math.exp(-compiled.rate[b]! * width);
      const cap = compiled.cap[b]!;
      const least = Math.min(
        cap,
        Math.max(Math.min(constant, line) + Math.min(coef, decayed), -cap),
      );
      const most = Math.min(
        cap,
        Math.max(Math.max(constant, line) + Math.max(coef, decayed), -cap),
      );
      low += least;
      high += most;
      size += Math.abs(least) + Math.abs(most) + Math.abs(slope * width);
    }
    const slack = margin + 8 * 2 ** -53 * size;
    const range = stayRange(ladder, current);
    if (rules !== undefined)
      return rulesSurelyStay(rules.rules, folded, compiled, width, slack, range);
    return low - slack >= range.lower && high + slack < range.upper;
  }

  /** Reports a change at whole millisecond `found`; true once `limit` changes are found. */
  function report(found: number): boolean {
    const segment = classify(found);
    cursor = found;
    // the exact terms' budget may have run out since the search classified `found`: it then
    // keeps the current segment, and a change to the same segment is no change
    if (segment === current) return false;
    if (exactScores && !exact && terms.liveCount <= scoreBudget) {
      scoreBudget -= terms.liveCount;
      score = exactScore(terms, found);
    }
    changes.push({ at: found, from: current, to: segment, score });
    current = segment;
    return changes.length >= limit;
  }

  /** Finds the changes in `[origin, stop)`; true once `limit` changes are found. */
  function analyse(stop: number): boolean {
    const width = stop - origin;
    if (constant(terms)) {
      // every live event keeps its value over the stretch (a step, a permanent boost, a grace
      // period), and so does scoreAt's score: one instant decides it all, at most one change
      const t = Math.max(origin, cursor + 1);
      if (t > Math.min(stop - 1, last) || classify(t) === current) return false;
      return report(t);
    }
    fold(terms, folded);
    // the closed form's error bound over the stretch: each of its parts is monotone in tau
    const margin = approximate(terms, 0, scratch).error + approximate(terms, width, scratch).error;
    if (surelyStays(width, margin)) return false;
    const stretches =
      rules === undefined
        ? [0, ...capCrossings(folded, compiled, 0, width), width]
        : ruleStretches(rules.rules, folded, compiled, 0, width);
    for (let s = 0; s + 1 < stretches.length; s++) {
      const lo = stretches[s]!;
      const hi = stretches[s + 1]!;
      const piece =
        rules === undefined
          ? pieceAt(folded, compiled, lo + (hi - lo) / 2)
          : rulePieceAt(rules.rules, folded, compiled, lo + (hi - lo) / 2);
      // the piece is monotone between its turning points, so the customer's stay is monotone on
      // each stretch between them and the crossings: firstExit's doubling cannot step over a
      // narrow exit beside a peak (issue 21)
      const turning = turningPoints(piece, lo, hi);
      // a rules piece adds bounds as constants: its own rounding at their magnitude counts too
      const pieceMargin = rules === undefined ? margin : margin + rulePieceRounding(piece, hi);
      let from = Math.max(lo, cursor + 1 - origin);
      while (from <= hi) {
        const range = stayRange(ladder, current);
        const lower = range.lower + pieceMargin;
        const upper = range.upper - pieceMargin;
        const edges = [from];
        for (const x of turning) if (x > from) edges.push(x);
        if (lower < upper) {
          edges.push(...levelCrossings(piece, lower, from, hi, turning));
          edges.push(...levelCrossings(piece, upper, from, hi, turning));
        }
        edges.push(hi);
        sortAscending(edges);
        let found = Number.NaN;
        for (let e = 0; e + 1 < edges.length && Number.isNaN(found); e++) {
          const left = edges[e]!;
          const right = edges[e + 1]!;
          const value = evaluate(piece, left + (right - left) / 2);
          if (lower < upper && value >= lower && value < upper && right > left) continue;
          const firstWhole = Math.max(Math.ceil(origin + left) - 1, cursor + 1, origin);
          const lastWhole = right === width ? stop - 1 : Math.floor(origin + right) + 1;
          found = firstExit(firstWhole, Math.min(lastWhole, stop - 1, last));
        }
        if (Number.isNaN(found)) break;
        if (report(found)) return true;
        from = Math.max(lo, found + 1 - origin);
      }
    }
    return false;
  }
}

/** Sorts a few numbers in place, ascending (an insertion sort: no comparison callback). */
function sortAscending(values: number[]): void {
  for (let k = 1; k < values.length; k++) {
    const value = values[k]!;
    let j = k - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

/** Each behaviour's closed form at the origin, its sums and compensations added. */
function fold(terms: LiveTerms, into: BehaviourTerms): void {
  for (let b = 0; b < into.constant.length; b++) {
    into.constant[b] = terms.constant[b]! + terms.constantError[b]!;
    into.slope[b] = terms.slope[b]! + terms.slopeError[b]!;
    into.coef[b] = terms.coef[b]! + terms.coefError[b]!;
  }
}
