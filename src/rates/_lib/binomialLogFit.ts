/** A binomial GLM with log link and one covariate, `log p = intercept + slope * t`, fitted. */
export interface BinomialLogFit {
  readonly intercept: number;
  readonly slope: number;
  /** The inverse of the Fisher information: var(intercept), cov, var(slope). */
  readonly varianceIntercept: number;
  readonly covariance: number;
  readonly varianceSlope: number;
  readonly deviance: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * `x * log(x / (n * p))` for `x, n, p > 0`: the quotient's log where the quotient is a normal
 * number (exact near 1, where the deviance's terms cancel), the difference of logs where it or
 * `n * p` underflows or overflows (a count of 5e-324 against an expected 14 gave
 * `5e-324 * log(0) = -Infinity`).
 */
function xLogRatio(x: number, n: number, p: number): number {
  const ratio = x / (n * p);
  if (ratio >= 2.2250738585072014e-308 && ratio < Number.POSITIVE_INFINITY) {
    return x * Math.log(ratio);
  }
  return x * (Math.log(x) - Math.log(n) - Math.log(p));
}

/** Binomial deviance `2 sum [y log(y / n mu) + (n - y) log((n - y) / (n (1 - mu)))]`. */
export function binomialDeviance(
  successes: Float64Array,
  trials: Float64Array,
  rate: (i: number) => number,
): number {
  let deviance = 0;
  for (let i = 0; i < trials.length; i++) {
    const n = trials[i]!;
    if (n === 0) continue;
    const y = successes[i]!;
    const mu = rate(i);
    if (y > 0) deviance += xLogRatio(y, n, mu);
    if (n - y > 0) deviance += xLogRatio(n - y, n, 1 - mu);
  }
  return 2 * deviance;
}

/**
 * Fits `log p_i = intercept + slope * t_i` to `successes_i` of `trials_i` by iteratively
 * reweighted least squares, as R's `glm.fit` does for `binomial(link = "log")`: the same start
 * (`mu = (y + 0.5) / (n + 1)`), working response `z = eta + (y/n - mu) / mu` and weights
 * `n mu / (1 - mu)`, step halving while a fitted rate leaves (0, 1) or the deviance is not finite,
 * and the same stopping rule (`|dev - dev_old| / (|dev| + 0.1) < 1e-8`). Covariates are centred
 * for the solve and the result mapped back. Trusts its input: at least two distinct `t` with
 * trials, `0 <= successes <= trials`.
 */
export function binomialLogFit(
  t: Float64Array,
  successes: Float64Array,
  trials: Float64Array,
  maxIterations = 100,
): BinomialLogFit {
  const count = t.length;
  let weightSum = 0;
  let weightedT = 0;
  for (let i = 0; i < count; i++) {
    weightSum += trials[i]!;
    weightedT += trials[i]! * t[i]!;
  }
  const centre = weightedT / weightSum;
  const eta = new Float64Array(count);
  const mu = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    mu[i] = (successes[i]! + 0.5) / (trials[i]! + 1);
    eta[i] = Math.log(mu[i]!);
  }
  let a = 0; // intercept at the centre
  let b = 0;
  let previousA = Number.NaN;
  let previousB = Number.NaN;
  let devianceOld = Number.POSITIVE_INFINITY;
  let deviance = Number.POSITIVE_INFINITY;
  let sww = 0;
  let swx = 0;
  let swxx = 0;
  let iterations = 0;
  let converged = false;
  const valid = (intercept: number, slope: number): boolean => {
    for (let i = 0; i < count; i++) {
      if (trials[i] === 0) continue;
      const m = Math.exp(intercept + slope * (t[i]! - centre));
      if (!(m > 0 && m < 1)) return false;
    }
    return true;
  };
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    // Weighted least squares of z on (1, t - centre).
    sww = 0;
    swx = 0;
    swxx = 0;
    let swz = 0;
    let swxz = 0;
    for (let i = 0; i < count; i++) {
      const n = trials[i]!;
      if (n === 0) continue;
      const m = mu[i]!;
      const w = (n * m) / (1 - m);
      const z = eta[i]! + (successes[i]! / n - m) / m;
      const x = t[i]! - centre;
      sww += w;
      swx += w * x;
      swxx += w * x * x;
      swz += w * z;
      swxz += w * x * z;
    }
    const determinant = sww * swxx - swx * swx;
    let nextA = (swxx * swz - swx * swxz) / determinant;
    let nextB = (sww * swxz - swx * swz) / determinant;
    if (!valid(nextA, nextB)) {
      if (Number.isNaN(previousA)) {
        // R would stop here ("no valid set of coefficients"); start from the pooled rate instead.
        previousA = Math.log(successes.reduce((s, y) => s + y, 0) / weightSum);
        previousB = 0;
      }
      for (let halving = 0; halving < 60 && !valid(nextA, nextB); halving++) {
        nextA = (nextA + previousA) / 2;
        nextB = (nextB + previousB) / 2;
      }
    }
    a = nextA;
    b = nextB;
    for (let i = 0; i < count; i++) {
      eta[i] = a + b * (t[i]! - centre);
      mu[i] = Math.exp(eta[i]!);
    }
    deviance = binomialDeviance(successes, trials, (i) => mu[i]!);
    previousA = a;
    previousB = b;
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < 1e-8) {
      converged = true;
      break;
    }
    devianceOld = deviance;
  }
  // The inverse information of the last weighted least squares, as R's summary.glm takes it.
  const determinant = sww * swxx - swx * swx;
  const varA = swxx / determinant;
  const cov = -swx / determinant;
  const varB = sww / determinant;
  // Back from the centred intercept: intercept = a - b * centre.
  return {
    intercept: a - b * centre,
    slope: b,
    varianceIntercept: varA - 2 * centre * cov + centre * centre * varB,
    covariance: cov - centre * varB,
    varianceSlope: varB,
    deviance,
    iterations: Math.min(iterations, maxIterations),
    converged,
  };
}
