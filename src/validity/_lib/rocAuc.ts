import { normalQuantile } from '../../math/normalDistribution.js';

/** The 0.975 quantile of the standard normal distribution, for 95% intervals. */
const Z_95 = /* @__PURE__ */ normalQuantile(0.975);

/** ROC AUC with DeLong's standard error; see {@link rocAuc}. */
export interface RocAuc {
  readonly auc: number;
  /** DeLong standard error; `null` with fewer than two positives or two negatives. */
  readonly standardError: number | null;
  /** `auc ± 1.96 standardError`, clamped to [0, 1]; `null` when `standardError` is. */
  readonly interval: { readonly lower: number; readonly upper: number } | null;
}

/**
 * ROC AUC of `predictor` for `outcome` (1 = positive) by Mann-Whitney: the share of
 * (positive, negative) pairs in which the positive scores higher, ties counting one half; with
 * DeLong's variance. O(n log n): one sort, then one pass over groups of tied values.
 *
 * In a group of tied values holding `a` positives and `b` negatives, with `below` negatives
 * under the group and `above` positives over it, each positive's placement value is
 * `V10 = (below + b/2) / negatives` and each negative's is `V01 = (above + a/2) / positives`;
 * `AUC` is the mean of either. DeLong, DeLong & Clarke-Pearson (1988), Biometrics 44(3), 837-845:
 * `Var(AUC) = S10 / positives + S01 / negatives` with `S10`, `S01` the sample variances
 * (denominator m - 1) of the placement values. Trusts its input: both classes present.
 */
export function rocAuc(
  predictor: Float64Array,
  outcome: Uint8Array,
  positives: number,
  negatives: number,
): RocAuc {
  const n = predictor.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => predictor[i]! - predictor[j]!);
  // First pass: AUC as an exact count of doubled pair wins (integers below 2^53 for n < ~9e7).
  let doubledWins = 0;
  let below = 0;
  for (let start = 0; start < n; ) {
    const value = predictor[order[start]!]!;
    let end = start;
    let a = 0;
    while (end < n && predictor[order[end]!]! === value) {
      a += outcome[order[end]!]!;
      end++;
    }
    const b = end - start - a;
    doubledWins += a * (2 * below + b);
    below += b;
    start = end;
  }
  const auc = doubledWins / (2 * positives * negatives);
  if (positives < 2 || negatives < 2) return { auc, standardError: null, interval: null };
  // Second pass: squared deviations of the placement values from the AUC.
  let squares10 = 0;
  let compensation10 = 0;
  let squares01 = 0;
  let compensation01 = 0;
  below = 0;
  let above = positives;
  for (let start = 0; start < n; ) {
    const value = predictor[order[start]!]!;
    let end = start;
    let a = 0;
    while (end < n && predictor[order[end]!]! === value) {
      a += outcome[order[end]!]!;
      end++;
    }
    const b = end - start - a;
    above -= a;
    const deviation10 = (below + b / 2) / negatives - auc;
    const deviation01 = (above + a / 2) / positives - auc;
    const term10 = a * deviation10 * deviation10;
    const term01 = b * deviation01 * deviation01;
    const next10 = squares10 + term10;
    compensation10 +=
      Math.abs(squares10) >= Math.abs(term10)
        ? squares10 - next10 + term10
        : term10 - next10 + squares10;
    squares10 = next10;
    const next01 = squares01 + term01;
    compensation01 +=
      Math.abs(squares01) >= Math.abs(term01)
        ? squares01 - next01 + term01
        : term01 - next01 + squares01;
    squares01 = next01;
    below += b;
    start = end;
  }
  const s10 = (squares10 + compensation10) / (positives - 1);
  const s01 = (squares01 + compensation01) / (negatives - 1);
  const standardError = Math.sqrt(s10 / positives + s01 / negatives);
  return {
    auc,
    standardError,
    interval: {
      lower: Math.max(0, auc - Z_95 * standardError),
      upper: Math.min(1, auc + Z_95 * standardError),
    },
  };
}
