import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { classifyIndex, type Ladder, stayRange } from '../_lib/ladder.js';
import { behaviourTerms, breakpoints, capCrossings, pieceAt } from './behaviourTerms.js';
import { evaluate, levelCrossings } from './piece.js';
import { type IndexChange, LATEST_INSTANT, scoreOf, selectColumns } from './sweepColumns.js';

/**
 * Every change of segment at a whole millisecond in `(start, end]`, starting from segment `state`
 * at `start`, with the events of `columns` counting from their instants on; stops after `limit`
 * changes.
 *
 * @remarks
 * Between consecutive breakpoints (an event's instant, the end of a grace period, a duration or a
 * cutoff) and the instants where a capped behaviour meets its cap, the score is
 * `constant + slope * t + sum of exponentials` in closed form. Its crossings of the current
 * segment's stay range are isolated exactly ({@link exponentialSumZeros}) and located by bisection;
 * the whole millisecond of each change is then settled with the same arithmetic as `scoreAt`, so
 * that `segmentAt` agrees with the result on both sides of every change.
 */
export function sweepSegments(
  compiled: CompiledModel,
  columns: EventColumns,
  ladder: Ladder,
  start: number,
  state: number,
  end: number,
  limit = Number.POSITIVE_INFINITY,
): IndexChange[] {
  const changes: IndexChange[] = [];
  const last = Math.floor(Math.min(end, LATEST_INSTANT));
  if (!(last > start)) return changes;
  const live: number[] = [];
  for (let i = 0; i < columns.length; i++) {
    if (columns.at[i]! + compiled.end[columns.behaviour[i]!]! > start) live.push(i);
  }
  const alive = live.length === columns.length ? columns : selectColumns(columns, live);
  const bounds = [start, ...breakpoints(compiled, alive, start).filter((x) => x <= last), last + 1];
  let current = state;
  let cursor = start;
  const score = (at: number): number => scoreOf(compiled, columns, at);
  const leaves = (at: number): boolean => classifyIndex(ladder, score(at), current) !== current;
  /** The first whole millisecond in `[from, to]` where the customer leaves, or NaN. */
  const firstExit = (from: number, to: number): number => {
    if (from > to) return Number.NaN;
    let before = from - 1;
    let probe = from;
    let stride = 1;
    while (!leaves(probe)) {
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
    for (let k = 0; k < 64 && probe - 1 > cursor && leaves(probe - 1); k++) probe--;
    return probe;
  };
  // events in time order enter the active list as the sweep reaches them and leave it once expired
  const byTime = Array.from({ length: alive.length }, (_, i) => i).sort(
    (x, y) => alive.at[x]! - alive.at[y]!,
  );
  let entered = 0;
  let active: number[] = [];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const origin = bounds[p]!;
    const stop = bounds[p + 1]!;
    const middle = origin + (stop - origin) / 2;
    while (entered < byTime.length && alive.at[byTime[entered]!]! <= middle) {
      active.push(byTime[entered]!);
      entered++;
    }
    active = active.filter((i) => middle - alive.at[i]! < compiled.end[alive.behaviour[i]!]!);
    const terms = behaviourTerms(compiled, alive, active, origin, middle);
    const width = stop - origin;
    const stretches = [0, ...capCrossings(terms, compiled, 0, width), width];
    for (let s = 0; s + 1 < stretches.length; s++) {
      const lo = stretches[s]!;
      const hi = stretches[s + 1]!;
      const piece = pieceAt(terms, compiled, lo + (hi - lo) / 2);
      let from = lo;
      for (;;) {
        const range = stayRange(ladder, current);
        const edges = [
          from,
          ...levelCrossings(piece, range.lower, from, hi),
          ...levelCrossings(piece, range.upper, from, hi),
          hi,
        ].sort((x, y) => x - y);
        let found = Number.NaN;
        for (let e = 0; e + 1 < edges.length && Number.isNaN(found); e++) {
          const left = edges[e]!;
          const right = edges[e + 1]!;
          const value = evaluate(piece, left + (right - left) / 2);
          const inside = value >= range.lower && value < range.upper;
          if (inside && right > left) continue;
          const first = Math.max(Math.ceil(origin + left), Math.floor(cursor) + 1);
          const lastWhole = right === width ? Math.ceil(stop) - 1 : Math.floor(origin + right) + 1;
          found = firstExit(first, Math.min(lastWhole, last));
        }
        if (Number.isNaN(found)) break;
        const value = score(found);
        const next = classifyIndex(ladder, value, current);
        changes.push({ at: found, from: current, to: next, score: value });
        if (changes.length >= limit) return changes;
        current = next;
        cursor = found;
        from = Math.max(lo, Math.min(hi, found - origin));
      }
    }
  }
  return changes;
}
