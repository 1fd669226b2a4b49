// biome-ignore-all lint/correctness/noPrecisionLoss: coefficients keep the published digits of AS 241 and Cody (1969) so they can be checked against the papers; doubles round them as intended.
/**
 * The standard normal quantile: the z with P(Z <= z) = probability, for 0 < probability < 1.
 *
 * Wichura, M. J. (1988), "Algorithm AS 241: The Percentage Points of the Normal Distribution",
 * Applied Statistics 37(3), 477-484 (PPND16, accurate to about 1 part in 10^16). R's `qnorm` uses
 * the same algorithm, so the results agree with R to the last digit or two. Trusts its input.
 */
export function normalQuantile(probability: number): number {
  const q = probability - 0.5;
  return quantileOf(q, q < 0 ? probability : 1 - probability);
}

/**
 * AS 241 from `q = p - 0.5` and the smaller tail `min(p, 1 - p)`, each given exactly by the
 * caller (a probability near 0.5 or near 1 loses digits as `p` itself).
 */
function quantileOf(q: number, tail: number): number {
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(tail));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r +
        0.24178072517745061177) *
        r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r +
        0.0151986665636164571966) *
        r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
        0.0012426609473880784386) *
        r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r +
        1.8463183175100546818e-5) *
        r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/**
 * The two-sided critical value of the standard normal at a confidence level in (0, 1): the z with
 * P(|Z| <= z) = confidence, 1.959964 at 0.95 (R's `qnorm(0.975)`). AS 241 is given `confidence / 2`
 * and the tail `(1 - confidence) / 2`, both exact in floating point, never the probability
 * `0.5 + confidence / 2`, which rounds to 1 (an infinite z) for levels within 1e-16 of 1 and loses
 * digits for tiny levels: 8.29 at `1 - 2^-53`, `1.2533e-10` at `1e-10`. Trusts its input.
 */
export function normalCriticalValue(confidence: number): number {
  return quantileOf(confidence / 2, (1 - confidence) / 2);
}

const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
] as const;
const B = [
  47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956,
] as const;
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
] as const;
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
] as const;
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
] as const;
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
] as const;

/** `exp(-x^2 / 2) * factor`, with x^2 split so that the square loses no digits (Cody). */
function gaussianTail(x: number, factor: number): number {
  const head = Math.trunc(x * 16) / 16;
  const rest = (x - head) * (x + head);
  return Math.exp(-head * head * 0.5) * Math.exp(-rest * 0.5) * factor;
}

/**
 * The standard normal upper tail P(Z > z), accurate in the far tail (no `1 - cdf` cancellation).
 *
 * Cody, W. J. (1969), "Rational Chebyshev Approximations for the Error Function", Mathematics of
 * Computation 23(107), 631-637, arranged as in R's `pnorm` (pnorm_both), so the results agree with
 * R's `pnorm(z, lower.tail = FALSE)`. Trusts its input (finite or infinite, not NaN).
 */
export function normalUpperTail(z: number): number {
  const y = Math.abs(z);
  let lowerOfMinusY: number;
  if (y <= 0.67448975) {
    const square = y > 1.1102230246251565e-16 ? y * y : 0;
    let numerator = A[4] * square;
    let denominator = square;
    for (let i = 0; i < 3; i++) {
      numerator = (numerator + A[i]!) * square;
      denominator = (denominator + B[i]!) * square;
    }
    const temp = (z * (numerator + A[3])) / (denominator + B[3]);
    return 0.5 - temp;
  }
  if (y <= 5.656854249492380195) {
    let numerator = C[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]!) * y;
      denominator = (denominator + D[i]!) * y;
    }
    lowerOfMinusY = gaussianTail(y, (numerator + C[7]) / (denominator + D[7]));
  } else if (y < 40) {
    const inverseSquare = 1 / (y * y);
    let numerator = P[5] * inverseSquare;
    let denominator = inverseSquare;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + P[i]!) * inverseSquare;
      denominator = (denominator + Q[i]!) * inverseSquare;
    }
    const ratio = (inverseSquare * (numerator + P[4])) / (denominator + Q[4]);
    lowerOfMinusY = gaussianTail(y, (0.398942280401432677939946059934 - ratio) / y);
  } else {
    lowerOfMinusY = 0;
  }
  return z > 0 ? lowerOfMinusY : 1 - lowerOfMinusY;
}
