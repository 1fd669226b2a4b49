/** The 0.975 quantile of the standard normal distribution, for 95% intervals. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson's score interval for a proportion `successes / n` at 95% confidence (no continuity
 * correction): `(p + z^2/2n ± z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)`. Wilson (1927), JASA
 * 22(158), 209-212; equals R's `prop.test(successes, n, correct = FALSE)$conf.int`. Always inside
 * [0, 1], also for 0 and n successes. Trusts its input: `0 <= successes <= n`, `n > 0`.
 */
export function wilsonInterval(successes: number, n: number): { lower: number; upper: number } {
  const p = successes / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}
