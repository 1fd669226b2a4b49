import { type CompiledModel, KIND_EXPONENTIAL, KIND_LINEAR } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import type { Piece } from './piece.js';
import { LATEST_INSTANT } from './sweepColumns.js';

/** The instants after `after` at which some event's decay changes regime or an event begins. */
export function breakpoints(
  compiled: CompiledModel,
  columns: EventColumns,
  after: number,
): number[] {
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
export interface BehaviourTerms {
  readonly constant: Float64Array;
  readonly slope: Float64Array;
  readonly coef: Float64Array;
}

export function behaviourTerms(
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
export function capCrossings(
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
export function pieceAt(terms: BehaviourTerms, compiled: CompiledModel, tau: number): Piece {
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
