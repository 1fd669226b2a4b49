/**
 * The score between two breakpoints in closed form, as a function of `tau = t - origin`:
 * `constant + slope * tau + sum of coefs[k] * exp(-rates[k] * tau)` (rates distinct, > 0).
 */
export interface Piece {
  readonly constant: number;
  readonly slope: number;
  readonly rates: readonly number[];
  readonly coefs: readonly number[];
}

export function evaluate(piece: Piece, tau: number): number {
  let value = piece.constant + piece.slope * tau;
  for (let k = 0; k < piece.rates.length; k++) {
    value += piece.coefs[k]! * Math.exp(-piece.rates[k]! * tau);
  }
  return value;
}

/**
 * A zero of `g` between `a` and `b`, where `g(a) = ga` and `g(b) = gb` have opposite signs: the
 * bracket is narrowed until its ends are adjacent doubles (or `g` is 0), and its upper end
 * returned. Each step takes the Illinois variant of regula falsi (the bracket's chord, the end kept
 * twice in a row weighted down), which closes in on a smooth zero in a few dozen steps where
 * halving takes about sixty; a step that did not at least halve the bracket over two steps is
 * followed by a halving, so that it never takes more than about twice as many steps as halving.
 */
function bisect(g: (x: number) => number, a: number, b: number, ga: number, gb: number): number {
  let low = a;
  let high = b;
  let gLow = ga;
  let gHigh = gb;
  const lowNegative = ga < 0;
  /** Which end the last step kept: -1 low, 1 high, 0 none yet. */
  let kept = 0;
  /** The bracket's width two steps ago, and whether the next step must halve. */
  let before = Number.POSITIVE_INFINITY;
  let width = high - low;
  let halve = false;
  for (let i = 0; i < 2000; i++) {
    const half = low + (high - low) / 2;
    if (half <= low || half >= high) break;
    let middle = half;
    if (!halve) {
      const chord = low + (high - low) * (gLow / (gLow - gHigh));
      if (chord > low && chord < high) middle = chord;
    }
    const value = g(middle);
    if (value === 0) return middle;
    if (value < 0 === lowNegative) {
      low = middle;
      gLow = value;
      if (kept === 1) gHigh /= 2;
      kept = 1;
    } else {
      high = middle;
      gHigh = value;
      if (kept === -1) gLow /= 2;
      kept = -1;
    }
    const next = high - low;
    halve = next > before / 2;
    before = width;
    width = next;
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
    else if ((ga < 0 && gb > 0) || (ga > 0 && gb < 0)) zeros.push(bisect(g, a, b, ga, gb));
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
 * By Descartes' rule of signs for exponential sums, the sum has at most as many zeros as its
 * coefficients (by rate) change sign: none when they do not (the recursion is skipped: the
 * scaled sum's slowest term never underflows, so no computed value is 0 either), at most one when
 * they change once, which is then found on `[lo, hi]` directly.
 */
function exponentialSumZeros(
  rates: readonly number[],
  coefs: readonly number[],
  lo: number,
  hi: number,
): number[] {
  // the terms with a coefficient, by increasing rate (an insertion sort: a handful of terms)
  const rate: number[] = [];
  const coef: number[] = [];
  for (let k = 0; k < rates.length; k++) {
    const c = coefs[k]!;
    if (c === 0) continue;
    const r = rates[k]!;
    let j = rate.length;
    rate.push(r);
    coef.push(c);
    while (j > 0 && rate[j - 1]! > r) {
      rate[j] = rate[j - 1]!;
      coef[j] = coef[j - 1]!;
      j--;
    }
    rate[j] = r;
    coef[j] = c;
  }
  if (rate.length <= 1) return [];
  let signChanges = 0;
  for (let k = 1; k < coef.length; k++) if (coef[k]! < 0 !== coef[k - 1]! < 0) signChanges++;
  if (signChanges === 0) return [];
  const first = rate[0]!;
  // the sum times exp(first * tau): the same zeros and signs, and its slowest term never
  // underflows, so its sign far out is not lost to a 0 (a turning point missed, issue 21)
  const g = (tau: number): number => {
    let value = 0;
    for (let k = 0; k < rate.length; k++) value += coef[k]! * Math.exp(-(rate[k]! - first) * tau);
    return value;
  };
  if (signChanges === 1) return monotoneZeros(g, [lo, hi]);
  const restRates = rate.slice(1);
  const restCoefs = restRates.map((r, k) => (r - first) * coef[k + 1]!);
  const turning = exponentialSumZeros(restRates, restCoefs, lo, hi);
  return monotoneZeros(g, [lo, ...turning.filter((x) => x > lo && x < hi), hi]);
}

/**
 * The turning points of `piece` inside `(lo, hi)` (the zeros of its derivative, an exponential
 * sum with one term per rate plus the slope), in increasing order: between two of them, and
 * between them and `lo` or `hi`, the piece is monotone.
 */
export function turningPoints(piece: Piece, lo: number, hi: number): number[] {
  return exponentialSumZeros(
    [0, ...piece.rates],
    [piece.slope, ...piece.rates.map((rate, k) => -rate * piece.coefs[k]!)],
    lo,
    hi,
  ).filter((x) => x > lo && x < hi);
}

/**
 * Every zero of `piece - level` on `[lo, hi]`, in increasing order. `turning`, when given, is the
 * piece's turning points on a stretch around `[lo, hi]` (from {@link turningPoints}), so that a
 * caller who asks for several levels finds them once.
 */
export function levelCrossings(
  piece: Piece,
  level: number,
  lo: number,
  hi: number,
  turning?: readonly number[],
): number[] {
  if (!Number.isFinite(level)) return [];
  const inside =
    turning === undefined ? turningPoints(piece, lo, hi) : turning.filter((x) => x > lo && x < hi);
  return monotoneZeros((tau) => evaluate(piece, tau) - level, [lo, ...inside, hi]);
}
