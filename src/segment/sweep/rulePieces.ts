import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { type BehaviourTerms, capCrossings, pieceAt } from './behaviourTerms.js';
import { evaluate, levelCrossings, type Piece } from './piece.js';

/** The unit roundoff of a double, 2^-53. */
const U = 2 ** -53;

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

const constantPiece = (constant: number): Piece => ({ constant, slope: 0, rates: [], coefs: [] });

/**
 * The sum of the ungrouped behaviours' piece and each group's piece, a group taken as its bound
 * where its part at `tau` is beyond it: the model's total before its own bounds, on a stretch where
 * no cap and no group bound is met.
 */
function totalPieceAt(
  rules: CompiledRules,
  terms: BehaviourTerms,
  compiled: CompiledModel,
  tau: number,
): Piece {
  let constant = 0;
  let slope = 0;
  const byRate = new Map<number, number>();
  for (let g = -1; g < rules.groupIds.length; g++) {
    const piece = pieceAt(terms, compiled, tau, rules.groupOf, g);
    if (g >= 0) {
      const value = evaluate(piece, tau);
      if (value > rules.groupMax[g]!) {
        constant += rules.groupMax[g]!;
        continue;
      }
      if (value < rules.groupMin[g]!) {
        constant += rules.groupMin[g]!;
        continue;
      }
    }
    constant += piece.constant;
    slope += piece.slope;
    piece.rates.forEach((rate, k) => {
      byRate.set(rate, (byRate.get(rate) ?? 0) + piece.coefs[k]!);
    });
  }
  return { constant, slope, rates: [...byRate.keys()], coefs: [...byRate.values()] };
}

/**
 * The score's closed form under the rules on a stretch of {@link ruleStretches}, as it is at
 * `tau`: each behaviour clamped to its cap or free, each group clamped to a bound or free, and the
 * total clamped to a bound (a constant) or free.
 */
export function rulePieceAt(
  rules: CompiledRules,
  terms: BehaviourTerms,
  compiled: CompiledModel,
  tau: number,
): Piece {
  const total = totalPieceAt(rules, terms, compiled, tau);
  const value = evaluate(total, tau);
  if (value > rules.max) return constantPiece(rules.max);
  if (value < rules.min) return constantPiece(rules.min);
  return total;
}

/**
 * A bound on the rounding of {@link evaluate} on a rules piece over `[0, width]`: 8 units of
 * roundoff of its magnitude. The live terms' error bound does not see the bounds a rules piece
 * adds as constants (a group held at its minimum of 102), so without this a piece of
 * `102 - 1e-15` would round to 102 and pass for "at least 102" where the score is below it.
 */
export function rulePieceRounding(piece: Piece, width: number): number {
  let size = Math.abs(piece.constant) + Math.abs(piece.slope * width);
  for (const coef of piece.coefs) size += Math.abs(coef);
  return 8 * U * size;
}

/** `points` (sorted) with the crossings each stretch between two of them adds, sorted. */
function split(
  points: readonly number[],
  crossings: (lo: number, hi: number, middle: number) => number[],
): number[] {
  const out = [points[0]!];
  for (let s = 0; s + 1 < points.length; s++) {
    const lo = points[s]!;
    const hi = points[s + 1]!;
    if (hi > lo) {
      for (const x of crossings(lo, hi, lo + (hi - lo) / 2)) if (x > lo && x < hi) out.push(x);
    }
    out.push(hi);
  }
  return out.sort((x, y) => x - y);
}

/**
 * The breakpoints in `[lo, hi]` (both included, sorted) between which the rules' score has one
 * closed form: where a capped behaviour meets its cap, then where a group's part meets one of its
 * bounds, then where the total meets one of the model's bounds. The clamps are monotone, so a
 * threshold crossing of the score happens inside one of these stretches, where the score is the
 * closed form {@link rulePieceAt} gives (or a bound, constant), solved as the rule-free sweep does.
 */
export function ruleStretches(
  rules: CompiledRules,
  terms: BehaviourTerms,
  compiled: CompiledModel,
  lo: number,
  hi: number,
): number[] {
  const capped = [lo, ...capCrossings(terms, compiled, lo, hi), hi];
  const grouped = split(capped, (from, to, middle) => {
    const found: number[] = [];
    for (let g = 0; g < rules.groupIds.length; g++) {
      const piece = pieceAt(terms, compiled, middle, rules.groupOf, g);
      found.push(...levelCrossings(piece, rules.groupMin[g]!, from, to));
      found.push(...levelCrossings(piece, rules.groupMax[g]!, from, to));
    }
    return found;
  });
  return split(grouped, (from, to, middle) => {
    const piece = totalPieceAt(rules, terms, compiled, middle);
    return [
      ...levelCrossings(piece, rules.min, from, to),
      ...levelCrossings(piece, rules.max, from, to),
    ];
  });
}

/**
 * Whether the rules' score surely stays in `[range.lower, range.upper)` over `[0, width]`: each
 * behaviour's linear and exponential parts are monotone, so each lies between its values at the
 * two ends, and so do its cap, its group's sum and bounds, and the model's (all monotone); `slack`
 * bounds the closed form's error, counted on each part. O(behaviours).
 */
export function rulesSurelyStay(
  rules: CompiledRules,
  terms: BehaviourTerms,
  compiled: CompiledModel,
  width: number,
  slack: number,
  range: { readonly lower: number; readonly upper: number },
): boolean {
  const parts = rules.groupIds.length + 1;
  const lows = new Float64Array(parts);
  const highs = new Float64Array(parts);
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    const constant = terms.constant[b]!;
    const line = constant + terms.slope[b]! * width;
    const coef = terms.coef[b]!;
    const decayed = coef === 0 ? 0 : coef * Math.exp(-compiled.rate[b]! * width);
    const cap = compiled.cap[b]!;
    const g = rules.groupOf[b]!;
    const part = g >= 0 ? g : parts - 1;
    lows[part]! += clamp(Math.min(constant, line) + Math.min(coef, decayed), -cap, cap);
    highs[part]! += clamp(Math.max(constant, line) + Math.max(coef, decayed), -cap, cap);
  }
  let low = 0;
  let high = 0;
  let size = 0;
  for (let part = 0; part < parts; part++) {
    const lower = part < parts - 1 ? rules.groupMin[part]! : Number.NEGATIVE_INFINITY;
    const upper = part < parts - 1 ? rules.groupMax[part]! : Number.POSITIVE_INFINITY;
    const least = clamp(lows[part]! - slack, lower, upper);
    const most = clamp(highs[part]! + slack, lower, upper);
    low += least;
    high += most;
    size += Math.abs(least) + Math.abs(most);
  }
  const rounding = 8 * U * size;
  return (
    clamp(low - rounding, rules.min, rules.max) >= range.lower &&
    clamp(high + rounding, rules.min, rules.max) < range.upper
  );
}
