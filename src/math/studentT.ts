import { normalCriticalValue } from './normalDistribution.js';

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = coefficients[0]!;
  for (let i = 1; i < 9; i++) sum += coefficients[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the regularised incomplete beta (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    result *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return result;
}

/** The regularised incomplete beta function I_x(a, b), 0 <= x <= 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/**
 * The critical value of Student's t with `df` degrees of freedom at a two-sided confidence level
 * in (0, 1): the `t` with P(|T| <= t) = confidence, e.g. R's `qt(0.975, df)` for 0.95.
 *
 * Starts from the normal critical value with the Cornish-Fisher expansion to `1/df^4`
 * (Abramowitz & Stegun 26.7.5), which is the answer itself from `df = 1e4` on (error below 1e-12
 * relative there, where the incomplete beta of huge arguments starts to lose digits). Below that, Newton steps on the exact CDF (incomplete beta), on the log of the
 * tail `P(T > t) = I_x(df/2, 1/2) / 2` with `x = df / (df + t^2)` for levels of 0.5 and more and
 * on the log of the centre `P(|T| <= t) = I_y(1/2, df/2)` with `y = t^2 / (df + t^2)` below, each
 * against `log t` (nearly straight lines, also in the power-law tail), to about 1e-12 relative;
 * checked against R's `qt`. The tail is `(1 - confidence) / 2`, exact in floating point, so a
 * level such as `1 - 2^-53` keeps its digits: 5.7e15 for one degree of freedom
 * (`cot(pi 2^-54)`).
 */
export function studentTCriticalValue(confidence: number, df: number): number {
  const z = normalCriticalValue(confidence);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92_160;
  const start = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  if (df >= 1e4 || !(start > 0)) return Math.max(0, start);
  const inTail = confidence >= 0.5;
  const target = Math.log(inTail ? (1 - confidence) / 2 : confidence);
  const logDensityConstant =
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  let logT = Math.log(start);
  for (let i = 0; i < 100; i++) {
    const t = Math.exp(logT);
    const square = t * t;
    const probability = inTail
      ? 0.5 * incompleteBeta(df / (df + square), df / 2, 0.5)
      : incompleteBeta(square / (df + square), 0.5, df / 2);
    const logDensity = logDensityConstant - ((df + 1) / 2) * Math.log1p(square / df);
    // d log P / d log t: -t f(t) / P(T > t) in the tail, 2 t f(t) / P(|T| <= t) in the centre.
    const slope = (inTail ? -1 : 2) * Math.exp(logT + logDensity - Math.log(probability));
    // One Newton step of log P against log t, at most a factor e^2 in t.
    const step = Math.max(-2, Math.min(2, (target - Math.log(probability)) / slope));
    if (!Number.isFinite(step)) break;
    logT += step;
    if (Math.abs(step) <= 1e-14) break;
  }
  return Math.exp(logT);
}
