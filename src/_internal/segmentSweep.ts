import { type CompiledModel, KIND_EXPONENTIAL, KIND_LINEAR } from '../model/compileModel.js';
import { behaviourTotals, cappedScore } from './behaviourTotals.js';
import { classifyIndex, type Ladder, stayRange } from './ladder.js';
import type { EventColumns } from './readEvents.js';

/** The latest instant a `Date` can hold (epoch milliseconds); forecasts look no further. */
export const LATEST_INSTANT = 8.64e15;

/** One change of segment, with segments as indexes into the ladder. */
export interface IndexChange {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly score: number;
}

/** The score at `at` exactly as {@link scoreAt} computes it. */
export function scoreOf(compiled: CompiledModel, columns: EventColumns, at: number): number {
  return cappedScore(compiled, behaviourTotals(compiled, columns, at));
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

/**
 * The score between two breakpoints in closed form, as a function of `tau = t - origin`:
 * `constant + slope * tau + sum of coefs[k] * exp(-rates[k] * tau)` (rates distinct, > 0).
 */
interface Piece {
  readonly constant: number;
  readonly slope: number;
  readonly rates: readonly number[];
  readonly coefs: readonly number[];
}

function evaluate(piece: Piece, tau: number): number {
  let value = piece.constant + piece.slope * tau;
  for (let k = 0; k < piece.rates.length; k++) {
    value += piece.coefs[k]! * Math.exp(-piece.rates[k]! * tau);
  }
  return value;
}

/** A zero of `g` between `a` and `b`, where `g(a)` and `g(b)` have opposite signs. */
function bisect(g: (x: number) => number, a: number, b: number): number {
  let low = a;
  let high = b;
  let lowNegative = g(low) < 0;
  for (let i = 0; i < 2000; i++) {
    const middle = low + (high - low) / 2;
    if (middle <= low || middle >= high) break;
    const value = g(middle);
    if (value === 0) return middle;
    if (value < 0 === lowNegative) {
      low = middle;
      lowNegative = value < 0;
    } else high = middle;
  }
  return high;
}

/** The zeros of `g` on `[lo, hi]`, given points between which `g` is monotone. */
function monotoneZeros(g: (x: number) => number, points: readonly number[]): number[] {
  const zeros: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const ga = g(a);
    const gb = g(b);
    if (ga === 0) zeros.push(a);
    else if ((ga < 0 && gb > 0) || (ga > 0 && gb < 0)) zeros.push(bisect(g, a, b));
  }
  const last = points[points.length - 1]!;
  if (g(last) === 0) zeros.push(last);
  return zeros;
}

/**
 * Every zero on `[lo, hi]` of the exponential sum `sum of coefs[k] * exp(-rates[k] * tau)`
 * (rates distinct, >= 0). Multiplying by `exp(rates[0] * tau)` keeps the zeros and leaves a
 * function whose derivative is an exponential sum with one term fewer; its zeros (found the same
 * way) split `[lo, hi]` into stretches where the sum is monotone, each holding at most one zero.
 */
function exponentialSumZeros(
  rates: readonly number[],
  coefs: readonly number[],
  lo: number,
  hi: number,
): number[] {
  const order = rates
    .map((rate, k) => ({ rate, coef: coefs[k]! }))
    .filter((term) => term.coef !== 0)
    .sort((a, b) => a.rate - b.rate);
  if (order.length <= 1) return [];
  const first = order[0]!.rate;
  const rest = order.slice(1);
  const turning = exponentialSumZeros(
    rest.map((term) => term.rate),
    rest.map((term) => (term.rate - first) * term.coef),
    lo,
    hi,
  );
  const g = (tau: number): number => {
    let value = 0;
    for (const term of order) value += term.coef * Math.exp(-term.rate * tau);
    return value;
  };
  return monotoneZeros(g, [lo, ...turning.filter((x) => x > lo && x < hi), hi]);
}

/** Every zero of `piece - level` on `[lo, hi]`, in increasing order. */
function levelCrossings(piece: Piece, level: number, lo: number, hi: number): number[] {
  if (!Number.isFinite(level)) return [];
  const turning = exponentialSumZeros(
    [0, ...piece.rates],
    [piece.slope, ...piece.rates.map((rate, k) => -rate * piece.coefs[k]!)],
    lo,
    hi,
  );
  return monotoneZeros(
    (tau) => evaluate(piece, tau) - level,
    [lo, ...turning.filter((x) => x > lo && x < hi), hi],
  );
}

/** The instants after `after` at which some event's decay changes regime or an event begins. */
function breakpoints(compiled: CompiledModel, columns: EventColumns, after: number): number[] {
  const points: number[] = [];
  const add = (point: number): void => {
    if (point > after && point <= LATEST_INSTANT) points.push(point);
  };
  for (let i = 0; i < columns.length; i++) {
    const a = columns.at[i]!;
    const b = columns.behaviour[i]!;
    add(a);
    const kind = compiled.kind[b]!;
    if (kind === KIND_LINEAR && compiled.grace[b]! > 0) add(a + compiled.grace[b]!);
    if (Number.isFinite(compiled.end[b]!)) add(a + compiled.end[b]!);
  }
  points.sort((x, y) => x - y);
  return points.filter((point, i) => i === 0 || point !== points[i - 1]);
}

/** Per behaviour, its total between two breakpoints as `constant + slope * tau + coef * exp(-rate * tau)`. */
interface BehaviourTerms {
  readonly constant: Float64Array;
  readonly slope: Float64Array;
  readonly coef: Float64Array;
}

function behaviourTerms(
  compiled: CompiledModel,
  columns: EventColumns,
  active: readonly number[],
  origin: number,
  middle: number,
): BehaviourTerms {
  const count = compiled.behaviourIds.length;
  const constant = new Float64Array(count);
  const slope = new Float64Array(count);
  const coef = new Float64Array(count);
  for (const i of active) {
    const a = columns.at[i]!;
    if (a > middle) continue;
    const b = columns.behaviour[i]!;
    const age = middle - a;
    if (age >= compiled.end[b]!) continue;
    const value = columns.weight[i]! * compiled.boost[b]!;
    const kind = compiled.kind[b]!;
    if (kind === KIND_LINEAR && age > compiled.grace[b]!) {
      const span = compiled.span[b]!;
      constant[b]! += (value * (compiled.end[b]! - (origin - a))) / span;
      slope[b]! -= value / span;
    } else if (kind === KIND_EXPONENTIAL) {
      coef[b]! += value * 2 ** (-(origin - a) / compiled.halfLife[b]!);
    } else {
      constant[b]! += value;
    }
  }
  return { constant, slope, coef };
}

function termValue(terms: BehaviourTerms, compiled: CompiledModel, b: number, tau: number): number {
  const coef = terms.coef[b]!;
  return (
    terms.constant[b]! +
    terms.slope[b]! * tau +
    (coef === 0 ? 0 : coef * Math.exp(-compiled.rate[b]! * tau))
  );
}

/** Where a capped behaviour's total meets its cap (either sign) inside `(lo, hi)`. */
function capCrossings(
  terms: BehaviourTerms,
  compiled: CompiledModel,
  lo: number,
  hi: number,
): number[] {
  const crossings: number[] = [];
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    const cap = compiled.cap[b]!;
    if (!Number.isFinite(cap)) continue;
    for (const bound of [cap, -cap]) {
      const slope = terms.slope[b]!;
      const coef = terms.coef[b]!;
      let tau = Number.NaN;
      if (slope !== 0) tau = (bound - terms.constant[b]!) / slope;
      else if (coef !== 0) {
        const ratio = (bound - terms.constant[b]!) / coef;
        if (ratio > 0) tau = -Math.log(ratio) / compiled.rate[b]!;
      }
      if (tau > lo && tau < hi) crossings.push(tau);
    }
  }
  return crossings.sort((x, y) => x - y);
}

/** The closed form on a stretch where every capped behaviour is either clamped or free throughout. */
function pieceAt(terms: BehaviourTerms, compiled: CompiledModel, tau: number): Piece {
  let constant = 0;
  let slope = 0;
  const byRate = new Map<number, number>();
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    const cap = compiled.cap[b]!;
    const value = termValue(terms, compiled, b, tau);
    if (value > cap || value < -cap) {
      constant += value > 0 ? cap : -cap;
      continue;
    }
    constant += terms.constant[b]!;
    slope += terms.slope[b]!;
    const coef = terms.coef[b]!;
    if (coef !== 0) {
      const rate = compiled.rate[b]!;
      byRate.set(rate, (byRate.get(rate) ?? 0) + coef);
    }
  }
  return { constant, slope, rates: [...byRate.keys()], coefs: [...byRate.values()] };
}

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

/**
 * The ladder index of the segment at `at`. Without a hysteresis band (or given the `previous`
 * segment just before `at`) it follows from the score alone; with a band the customer's history
 * is replayed from score 0 before their first event.
 */
export function segmentIndexAt(
  compiled: CompiledModel,
  columns: EventColumns,
  ladder: Ladder,
  at: number,
  previous = -1,
): number {
  const value = scoreOf(compiled, columns, at);
  if (previous >= 0 || ladder.band === 0) return classifyIndex(ladder, value, previous);
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) first = Math.min(first, columns.at[i]!);
  let state = classifyIndex(ladder, 0, -1);
  if (first <= at) {
    const start = Math.floor(first) - 1;
    const changes = sweepSegments(compiled, columnsUpTo(columns, at), ladder, start, state, at);
    state = changes.length === 0 ? state : changes[changes.length - 1]!.to;
  }
  return classifyIndex(ladder, value, state);
}
