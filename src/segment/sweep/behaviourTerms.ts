import type { CompiledModel } from '../../model/compileModel.js';
import type { Piece } from './piece.js';

/** Per behaviour, its total between two breakpoints as `constant + slope * tau + coef * exp(-rate * tau)`. */
export interface BehaviourTerms {
  readonly constant: Float64Array;
  readonly slope: Float64Array;
  readonly coef: Float64Array;
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

/**
 * The closed form on a stretch where every capped behaviour is either clamped or free throughout;
 * with `groupOf`, of the behaviours of group `group` only (-1: the ungrouped ones).
 */
export function pieceAt(
  terms: BehaviourTerms,
  compiled: CompiledModel,
  tau: number,
  groupOf?: Int32Array,
  group = -1,
): Piece {
  let constant = 0;
  let slope = 0;
  // the coefficients summed per distinct rate, in the order the rates first appear
  const rates: number[] = [];
  const coefs: number[] = [];
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    if (groupOf !== undefined && groupOf[b] !== group) continue;
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
      const k = rates.indexOf(rate);
      if (k < 0) {
        rates.push(rate);
        coefs.push(coef);
      } else coefs[k]! += coef;
    }
  }
  return { constant, slope, rates, coefs };
}
