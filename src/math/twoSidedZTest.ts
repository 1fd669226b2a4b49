import { normalUpperTail } from './normalDistribution.js';

/**
 * The two-sided z test of a `difference` against 0 with the standard error `testError`, without
 * validation: `z` and its p-value. When `testError` is 0 the test is degenerate: `z` is `null`
 * and the p-value is 1 for no difference, 0 for any other (R: `2 * pnorm(-abs(z))`).
 */
export function twoSidedZTest(
  difference: number,
  testError: number,
): { readonly z: number | null; readonly pValue: number } {
  if (!(testError > 0)) return { z: null, pValue: difference === 0 ? 1 : 0 };
  const z = difference / testError;
  return { z, pValue: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}
