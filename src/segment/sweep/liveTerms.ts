import { finiteTotal } from '../../math/finiteTotal.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { behaviourTotals, cappedScore } from '../../score/_lib/behaviourTotals.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { REGIME_CONSTANT, REGIME_EXPONENTIAL, REGIME_NONE, REGIME_SLOPE } from './regimeChanges.js';
import { ruleScoreOf, type SweepRules } from './ruleSweep.js';

/** The unit roundoff of a double, 2^-53 (a literal, so that a bundler can drop it unused). */
const U = 1.1102230246251565e-16;

/**
 * The events alive during a stretch of the sweep and, per behaviour, their total in closed form
 * as a function of `tau = t - origin`: `constant + slope * tau + coef * exp(-rate * tau)`, kept up
 * to date as events change regime and the origin moves (each pair a Neumaier sum and its
 * compensation), with a bound on how far it may be from what `scoreAt` computes, so that most
 * instants are classified in O(behaviours) and only those within the bound of a threshold are
 * summed exactly, over the live events in the caller's order.
 */
export interface LiveTerms {
  // the first six are set anew when a later sweep reuses the terms (see createLiveTerms)
  compiled: CompiledModel;
  columns: EventColumns;
  fn: string;
  /** The model's rules, when it has any: the score is then their clamped sum of groups. */
  rules: SweepRules | undefined;
  /** Per behaviour: how many of its events are live. */
  readonly liveByBehaviour: Int32Array;
  /**
   * Per behaviour: how many of its live events are in each regime (constant, slope, exponential),
   * so that a part none of them is in any longer is exactly 0, not its sums' last rounding.
   */
  readonly inConstant: Int32Array;
  readonly inSlope: Int32Array;
  readonly inExponential: Int32Array;
  /** Per behaviour: how many of its live events in the constant regime have a fractional value. */
  readonly fractional: Int32Array;
  /**
   * Whether the events' `|weight * boost|` add up to at most 2^53: then any sum of integer values
   * among them, in any order, is exact, and so is the closed form of a behaviour whose live events
   * are all constant with integer values (see {@link approximate}).
   */
  small: boolean /** Per group, then the ungrouped behaviours last (rules only): scratch of {@link approximate}. */;
  readonly partValue: Float64Array;
  readonly partError: Float64Array;
  readonly partLive: Int32Array;
  /** Per part: how many of its behaviours with live events are not known exactly. */
  readonly partInexact: Int32Array;
  /** Regime of each event (`REGIME_*`). */
  readonly regime: Uint8Array;
  /** The live events, unordered, and the position of each event in it (-1 when not live). */
  readonly live: Int32Array;
  readonly slot: Int32Array;
  liveCount: number;
  /** The live events in the caller's order, when not stale. */
  sorted: Int32Array | undefined;
  origin: number;
  /** Term updates since the sums were last rebuilt from the live events. */
  updates: number;
  /** Per behaviour: the closed form's sums and compensations. */
  readonly constant: Float64Array;
  readonly constantError: Float64Array;
  readonly slope: Float64Array;
  readonly slopeError: Float64Array;
  readonly coef: Float64Array;
  readonly coefError: Float64Array;
  /** Per behaviour: the same sums of absolute values (bounds of the terms' sizes). */
  readonly absConstant: Float64Array;
  readonly absSlope: Float64Array;
  readonly absCoef: Float64Array;
  /** Per behaviour: bounds of the absolute error of the closed form's three parts. */
  readonly boundConstant: Float64Array;
  readonly boundSlope: Float64Array;
  readonly boundCoef: Float64Array;
  /** Per behaviour: relative error of `scoreAt`'s terms, for linear and exponential decays. */
  readonly slopeTermError: Float64Array;
  /**
   * The sum of every event's `|weight * boost|` times 2^-1070: more than all the terms that
   * `scoreAt` rounds to 0 as they underflow can add up to.
   */
  underflow: number;
  /** How many times an instant was summed exactly (for the tests that count work). */
  exactSums: number;
  /** How many event terms those exact sums added up. */
  exactTerms: number;
}

/** Sets every per-behaviour sum, bound and regime count of `terms` to 0 (not the live counts). */
function clearSums(terms: LiveTerms): void {
  // one loop over the behaviours (a handful), not a fill call per array
  for (let b = 0; b < terms.constant.length; b++) {
    terms.constant[b] = 0;
    terms.constantError[b] = 0;
    terms.slope[b] = 0;
    terms.slopeError[b] = 0;
    terms.coef[b] = 0;
    terms.coefError[b] = 0;
    terms.absConstant[b] = 0;
    terms.absSlope[b] = 0;
    terms.absCoef[b] = 0;
    terms.boundConstant[b] = 0;
    terms.boundSlope[b] = 0;
    terms.boundCoef[b] = 0;
    terms.inConstant[b] = 0;
    terms.inSlope[b] = 0;
    terms.inExponential[b] = 0;
    terms.fractional[b] = 0;
  }
}

/**
 * Empty live terms over `columns`, with their origin at `origin`; `magnitude` is the sum of the
 * events' `|weight * boost|` ({@link checkMagnitude}'s). With `reuse` (the terms of an earlier
 * sweep with the same model and rules), it is cleared and returned, its arrays reused when they
 * are long enough, so that a forecast of many customers allocates them once, not per customer.
 */
export function createLiveTerms(
  compiled: CompiledModel,
  columns: EventColumns,
  origin: number,
  fn: string,
  magnitude: number,
  rules?: SweepRules,
  reuse?: LiveTerms,
): LiveTerms {
  const count = compiled.behaviourIds.length;
  const n = columns.length;
  const parts = rules === undefined ? 0 : rules.rules.groupIds.length + 1;
  const small = magnitude <= 2 ** 53;
  const underflow = magnitude * 2 ** -1070;
  if (
    reuse !== undefined &&
    reuse.compiled === compiled &&
    reuse.regime.length >= n &&
    reuse.partValue.length === parts
  ) {
    clearSums(reuse);
    reuse.liveByBehaviour.fill(0);
    reuse.regime.fill(0, 0, n);
    reuse.slot.fill(-1, 0, n);
    reuse.columns = columns;
    reuse.fn = fn;
    reuse.rules = rules;
    reuse.small = small;
    reuse.liveCount = 0;
    reuse.sorted = undefined;
    reuse.origin = origin;
    reuse.updates = 0;
    reuse.underflow = underflow;
    reuse.exactSums = 0;
    reuse.exactTerms = 0;
    return reuse;
  }
  const capacity = Math.max(n, reuse === undefined ? 0 : 2 * reuse.regime.length);
  const slopeTermError = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    // scoreAt's `(duration - elapsed) / span`: elapsed within u * duration, then three roundings
    const span = compiled.span[b]!;
    slopeTermError[b] = span > 0 ? U * (compiled.end[b]! / span + 4) : 0;
  }
  const array = () => new Float64Array(count);
  return {
    compiled,
    columns,
    fn,
    rules,
    small,
    liveCount: 0,
    sorted: undefined,
    origin,
    updates: 0,
    underflow,
    exactSums: 0,
    exactTerms: 0,
    liveByBehaviour: new Int32Array(count),
    inConstant: new Int32Array(count),
    inSlope: new Int32Array(count),
    inExponential: new Int32Array(count),
    fractional: new Int32Array(count),
    partValue: new Float64Array(parts),
    partError: new Float64Array(parts),
    partLive: new Int32Array(parts),
    partInexact: new Int32Array(parts),
    regime: new Uint8Array(capacity),
    live: new Int32Array(capacity),
    slot: new Int32Array(capacity).fill(-1),
    constant: array(),
    constantError: array(),
    slope: array(),
    slopeError: array(),
    coef: array(),
    coefError: array(),
    absConstant: array(),
    absSlope: array(),
    absCoef: array(),
    boundConstant: array(),
    boundSlope: array(),
    boundCoef: array(),
    slopeTermError,
  };
}

/** Adds `value` to the Neumaier pair `(sums[b], errors[b])`. */
function addPair(sums: Float64Array, errors: Float64Array, b: number, value: number): void {
  const sum = sums[b]!;
  const next = sum + value;
  errors[b]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
  sums[b] = next;
}

/**
 * Sets behaviour `b`'s parts that no live event is in any longer to exactly 0: taking away the
 * last term of a part leaves its sums' roundings (say -3e-16), which the closed form would read as
 * a score just below 0 with no error bound, and so miss a threshold at 0 (issue 21).
 */
function clearEmptyParts(terms: LiveTerms, b: number): void {
  if (terms.inConstant[b] === 0 && terms.inSlope[b] === 0) {
    terms.constant[b] = 0;
    terms.constantError[b] = 0;
    terms.absConstant[b] = 0;
    terms.boundConstant[b] = 0;
  }
  if (terms.inSlope[b] === 0) {
    terms.slope[b] = 0;
    terms.slopeError[b] = 0;
    terms.absSlope[b] = 0;
    terms.boundSlope[b] = 0;
  }
  if (terms.inExponential[b] === 0) {
    terms.coef[b] = 0;
    terms.coefError[b] = 0;
    terms.absCoef[b] = 0;
    terms.boundCoef[b] = 0;
  }
}

/** Adds (`sign` 1) or takes away (`sign` -1) event `i`'s term, in its regime, at the origin. */
function addTerm(terms: LiveTerms, i: number, sign: number): void {
  const { compiled, columns } = terms;
  const b = columns.behaviour[i]!;
  // the very product scoreAt starts each term with
  const value = columns.weight[i]! * compiled.boost[b]!;
  const regime = terms.regime[i]!;
  if (regime === REGIME_CONSTANT) {
    addPair(terms.constant, terms.constantError, b, sign * value);
    terms.absConstant[b]! += sign * Math.abs(value);
    terms.boundConstant[b]! += U * Math.abs(value);
    terms.inConstant[b]! += sign;
    if (!Number.isInteger(value)) terms.fractional[b]! += sign;
  } else if (regime === REGIME_SLOPE) {
    const span = compiled.span[b]!;
    const part = value * ((compiled.end[b]! - (terms.origin - columns.at[i]!)) / span);
    const slope = value / span;
    addPair(terms.constant, terms.constantError, b, sign * part);
    addPair(terms.slope, terms.slopeError, b, -sign * slope);
    terms.absConstant[b]! += sign * Math.abs(part);
    terms.absSlope[b]! += sign * Math.abs(slope);
    terms.boundConstant[b]! += (2 * terms.slopeTermError[b]! + 4 * U) * Math.abs(value);
    terms.boundSlope[b]! += 2 * U * Math.abs(slope);
    terms.inSlope[b]! += sign;
  } else if (regime === REGIME_EXPONENTIAL) {
    const exponent = (terms.origin - columns.at[i]!) / compiled.halfLife[b]!;
    const part = value * 2 ** -exponent;
    addPair(terms.coef, terms.coefError, b, sign * part);
    terms.absCoef[b]! += sign * Math.abs(part);
    terms.boundCoef[b]! += (4 + 2 * Math.abs(exponent)) * U * Math.abs(part);
    terms.inExponential[b]! += sign;
  }
  if (sign < 0) clearEmptyParts(terms, b);
  terms.updates++;
}

/** Moves event `i` into `regime` (`REGIME_NONE` takes it out), at the origin. */
export function changeRegime(terms: LiveTerms, i: number, regime: number): void {
  if (terms.regime[i] !== REGIME_NONE) addTerm(terms, i, -1);
  setRegime(terms, i, regime);
  if (regime !== REGIME_NONE) addTerm(terms, i, 1);
}

/** Sets the regime of event `i` and keeps the live list, without touching the sums. */
export function setRegime(terms: LiveTerms, i: number, regime: number): void {
  terms.regime[i] = regime;
  const at = terms.slot[i]!;
  if (regime !== REGIME_NONE && at < 0) {
    terms.liveByBehaviour[terms.columns.behaviour[i]!]!++;
    terms.slot[i] = terms.liveCount;
    terms.live[terms.liveCount++] = i;
    terms.sorted = undefined;
  } else if (regime === REGIME_NONE && at >= 0) {
    terms.liveByBehaviour[terms.columns.behaviour[i]!]!--;
    const last = terms.live[--terms.liveCount]!;
    terms.live[at] = last;
    terms.slot[last] = at;
    terms.slot[i] = -1;
    terms.sorted = undefined;
  }
}

/** Recomputes every sum from the live events at the origin, resetting the error bounds. */
export function rebuild(terms: LiveTerms): void {
  clearSums(terms);
  for (let k = 0; k < terms.liveCount; k++) addTerm(terms, terms.live[k]!, 1);
  terms.updates = 0;
}

/**
 * Moves the origin to `origin` (later): each linear part's constant takes its slope times the
 * distance, each exponential part decays by `2^(-distance / halfLife)`; the error bounds grow by
 * the roundings. Rebuilds the sums from the live events once they have had more updates than
 * twice the live events (so at amortised O(1) per update), which keeps the bounds tight.
 */
export function moveOrigin(terms: LiveTerms, origin: number): void {
  const distance = origin - terms.origin;
  terms.origin = origin;
  if (terms.updates > 2 * terms.liveCount + 64) {
    rebuild(terms);
    return;
  }
  const { compiled } = terms;
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    if (terms.absSlope[b] !== 0) {
      const slope = terms.slope[b]! + terms.slopeError[b]!;
      const step = slope * distance;
      addPair(terms.constant, terms.constantError, b, step);
      terms.boundConstant[b]! +=
        terms.boundSlope[b]! * distance + 2 * U * (Math.abs(step) + Math.abs(terms.constant[b]!));
      terms.absConstant[b] = Math.max(0, terms.absConstant[b]! - terms.absSlope[b]! * distance);
    }
    if (terms.absCoef[b] !== 0) {
      const exponent = distance / compiled.halfLife[b]!;
      const factor = 2 ** -exponent;
      terms.coef[b]! *= factor;
      terms.coefError[b]! *= factor;
      terms.absCoef[b]! *= factor;
      terms.boundCoef[b] =
        terms.boundCoef[b]! * factor +
        (4 + 2 * exponent) * U * Math.abs(terms.coef[b]!) +
        Number.MIN_VALUE;
    }
  }
  terms.updates++;
}

/**
 * Where {@link approximate} writes: the closed form's score, a bound of its distance to scoreAt's,
 * and an interval `[low, high]` that surely holds scoreAt's score (tighter than `value -+ error`
 * where the rules' bounds clamp a part: a part surely beyond its bound is the bound exactly).
 */
export interface Approximation {
  value: number;
  error: number;
  low: number;
  high: number;
}

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/**
 * The score at `origin + tau` from the closed form, with a bound of how far `scoreAt`'s score
 * may be from it: the closed form's accumulated roundings, the roundings of `scoreAt`'s own terms
 * (a linear term's `(duration - elapsed) / span`, an exponential's `2 ** (-elapsed / halfLife)`
 * whose exponent is at most 1075 for a term that is not 0) and of its compensated sums, doubled.
 * With rules, each group's part and the total are clamped to their bounds, which only brings
 * values closer (a clamp moves no two values apart), so the bound still holds. O(behaviours).
 */
export function approximate(terms: LiveTerms, tau: number, into: Approximation): Approximation {
  const { compiled, rules } = terms;
  let value = 0;
  let error = 0;
  let magnitude = 0;
  if (rules !== undefined) {
    terms.partValue.fill(0);
    terms.partError.fill(0);
    terms.partLive.fill(0);
    terms.partInexact.fill(0);
  }
  /** Whether every behaviour's clamped total is known exactly, an integer, and so their sum. */
  let exact = terms.small;
  for (let b = 0; b < compiled.behaviourIds.length; b++) {
    // a behaviour without live events is exactly 0 (its sums cleared), known, and adds nothing
    if (terms.liveByBehaviour[b] === 0) continue;
    const constant = terms.constant[b]! + terms.constantError[b]!;
    const slope = terms.slope[b]! + terms.slopeError[b]!;
    const coef = terms.coef[b]! + terms.coefError[b]!;
    const rate = compiled.rate[b]!;
    const decay = terms.absCoef[b] === 0 ? 0 : Math.exp(-rate * tau);
    const total = constant + slope * tau + coef * decay;
    const absolute =
      Math.max(0, terms.absConstant[b]! - terms.absSlope[b]! * tau) + terms.absCoef[b]! * decay;
    const termError =
      terms.boundConstant[b]! +
      terms.boundSlope[b]! * tau +
      terms.boundCoef[b]! * decay +
      U * (Math.abs(constant) + 2 * Math.abs(slope * tau) + 2 * Math.abs(total)) +
      Math.abs(coef * decay) * (4 + 2 * rate * tau) * U +
      terms.slopeTermError[b]! * terms.absSlope[b]! * compiled.span[b]! +
      (4 + 2 * Math.LN2 * 1076) * U * terms.absCoef[b]! * decay +
      3 * U * absolute;
    const cap = compiled.cap[b]!;
    const clamped = Math.min(cap, Math.max(total, -cap));
    // constant terms of integer values (step, permanent, a grace period) sum exactly, in the
    // closed form as in scoreAt, when they add up to at most 2^53: a score that sits exactly on
    // a threshold for days is then decided without summing the live events at each instant
    const known =
      terms.small &&
      terms.inSlope[b] === 0 &&
      terms.inExponential[b] === 0 &&
      terms.fractional[b] === 0 &&
      Number.isInteger(clamped);
    if (!known) exact = false;
    if (rules !== undefined) {
      const g = rules.rules.groupOf[b]!;
      const part = g >= 0 ? g : terms.partValue.length - 1;
      terms.partValue[part]! += clamped;
      terms.partError[part]! += 2 * (termError + 4 * U * Math.abs(clamped));
      terms.partLive[part]! += terms.liveByBehaviour[b]!;
      if (!known && terms.liveByBehaviour[b]! > 0) terms.partInexact[part]!++;
    }
    error += termError;
    value += clamped;
    magnitude += Math.abs(clamped);
  }
  into.error = exact ? 0 : 2 * (error + 4 * U * magnitude) + terms.underflow + Number.MIN_VALUE;
  if (rules === undefined) {
    into.value = value;
    into.low = value - into.error;
    into.high = value + into.error;
    return into;
  }
  rulesInterval(terms, rules, into);
  return into;
}

/**
 * The rules' score of the closed form's parts and an interval that surely holds scoreAt's: each
 * group's part within its error, clamped to the group's bounds (a part with no live event is 0
 * exactly, a part surely beyond a bound is that bound exactly); their sum within its roundings,
 * clamped to the model's bounds. When every part is known exactly, so is the score: the very sum
 * of `scoreAt`, clamped.
 */
function rulesInterval(terms: LiveTerms, rules: SweepRules, into: Approximation): void {
  const { groupMin, groupMax, min, max } = rules.rules;
  const ungrouped = terms.partValue.length - 1;
  let value = 0;
  let low = 0;
  let high = 0;
  let size = 0;
  let exact = true;
  /** The parts' exact sum as scoreAt adds them (the ungrouped part first), when all are exact. */
  let sum = 0;
  let compensation = 0;
  for (let step = 0; step <= ungrouped; step++) {
    // scoreAt starts from the ungrouped part, then adds the groups in order
    const part = step === 0 ? ungrouped : step - 1;
    const lower = part === ungrouped ? Number.NEGATIVE_INFINITY : groupMin[part]!;
    const upper = part === ungrouped ? Number.POSITIVE_INFINITY : groupMax[part]!;
    const raw = terms.partValue[part]!;
    let least = 0;
    let most = 0;
    if (terms.partLive[part]! > 0 && terms.partInexact[part] === 0) {
      // every behaviour of the part known exactly, integers: so is their sum
      least = clamp(raw, lower, upper);
      most = least;
    } else if (terms.partLive[part]! > 0) {
      const spread = terms.partError[part]! + terms.underflow + Number.MIN_VALUE;
      least = clamp(raw - spread, lower, upper);
      most = clamp(raw + spread, lower, upper);
    } else {
      least = clamp(0, lower, upper);
      most = least;
    }
    value += clamp(raw, lower, upper);
    low += least;
    high += most;
    size += Math.abs(least) + Math.abs(most);
    if (least !== most) exact = false;
    else {
      const next = sum + least;
      compensation += Math.abs(sum) >= Math.abs(least) ? sum - next + least : least - next + sum;
      sum = next;
    }
  }
  if (exact) {
    low = sum + compensation;
    high = low;
  } else {
    const rounding = 8 * U * size + Number.MIN_VALUE;
    low -= rounding;
    high += rounding;
  }
  into.value = exact ? clamp(low, min, max) : clamp(value, min, max);
  into.low = clamp(low, min, max);
  into.high = clamp(high, min, max);
}

/**
 * The score at whole millisecond `t` (inside the current stretch: every event in its regime) as
 * `scoreAt` computes it, bit for bit: the same terms in the caller's order, over the live events
 * only (the others add exactly 0). O(live events); the order is sorted once per stretch.
 */
export function exactScore(terms: LiveTerms, t: number): number {
  let sorted = terms.sorted;
  if (sorted === undefined) {
    sorted = terms.live.slice(0, terms.liveCount).sort();
    terms.sorted = sorted;
  }
  terms.exactSums++;
  terms.exactTerms += sorted.length;
  if (terms.rules !== undefined) {
    return ruleScoreOf(terms.compiled, terms.columns, terms.rules, t, terms.fn, sorted);
  }
  const totals = behaviourTotals(terms.compiled, terms.columns, t, terms.fn, sorted);
  return cappedScore(terms.compiled, totals, terms.fn, t);
}

/** Whether every live event is in the constant regime, so that the score is the same all along. */
export function constant(terms: LiveTerms): boolean {
  for (let b = 0; b < terms.compiled.behaviourIds.length; b++) {
    if (terms.inSlope[b] !== 0 || terms.inExponential[b] !== 0) return false;
  }
  return true;
}

/**
 * The sum of the events' `|weight * boost|`; throws `OVERFLOW` (path `['events']`) when it is
 * beyond the range of a number: below it no sum of their terms, in any order, can overflow.
 */
export function checkMagnitude(compiled: CompiledModel, columns: EventColumns, fn: string): number {
  let sum = 0;
  for (let i = 0; i < columns.length; i++) {
    sum += Math.abs(columns.weight[i]! * compiled.boost[columns.behaviour[i]!]!);
  }
  finiteTotal(sum, fn, ['events'], "the sum of the events' |weight x boost|");
  return sum;
}
