import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { predictiveValidity } from './predictiveValidity.js';

/** Hanley & McNeil (1982), Radiology 143(1), Table 1: CT ratings 1..5, 58 normal, 51 abnormal. */
function hanleyMcNeil(): { predictor: number[]; outcome: boolean[] } {
  const normal = [33, 6, 6, 11, 2];
  const abnormal = [3, 2, 2, 11, 33];
  const predictor: number[] = [];
  const outcome: boolean[] = [];
  normal.forEach((count, k) => {
    for (let i = 0; i < count; i++) {
      predictor.push(k + 1);
      outcome.push(false);
    }
  });
  abnormal.forEach((count, k) => {
    for (let i = 0; i < count; i++) {
      predictor.push(k + 1);
      outcome.push(true);
    }
  });
  return { predictor, outcome };
}

/*
 * The R numbers below come from base R (pROC is not installed), DeLong by hand:
 *
 *   delong <- function(x, y) {
 *     pos <- x[y == 1]; neg <- x[y == 0]
 *     psi <- function(a, b) (a > b) + 0.5 * (a == b)
 *     V10 <- sapply(pos, function(p) mean(psi(p, neg)))
 *     V01 <- sapply(neg, function(q) mean(psi(pos, q)))
 *     auc <- mean(V10); se <- sqrt(var(V10) / length(pos) + var(V01) / length(neg))
 *     z <- qnorm(0.975)
 *     c(auc = auc, se = se, lower = max(0, auc - z * se), upper = min(1, auc + z * se),
 *       r = cor(x, y),
 *       w = unname(wilcox.test(pos, neg, exact = FALSE)$statistic) / (length(pos) * length(neg)))
 *   }
 *   print(delong(x, y), digits = 15)
 */
const close = (actual: number | null | undefined, expected: number, digits = 12) =>
  expect(actual).toBeCloseTo(expected, digits);

describe('predictiveValidity', () => {
  it('gives the textbook AUC of 0.75 (scikit-learn roc_auc_score docs example)', () => {
    // https://scikit-learn.org/0.13/modules/generated/sklearn.metrics.auc_score.html:
    // y_true = [0, 0, 1, 1], y_scores = [0.1, 0.4, 0.35, 0.8] -> 0.75. By hand: of the 4
    // (positive, negative) pairs only (0.35, 0.4) is ordered wrongly, 3/4 = 0.75.
    const result = predictiveValidity([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
    expect(result.auc).toBe(0.75);
    expect(result).toMatchObject({ n: 4, positives: 2, negatives: 2, outcomeRate: 0.5 });
    // Confirmed in R (delong() above): se 0.353553390593274,
    // interval clamped to [0.0570480878251612, 1]; cor(x, y) = 0.647576125802733.
    close(result.standardError, 0.353553390593274);
    close(result.interval?.lower, 0.0570480878251612);
    expect(result.interval?.upper).toBe(1);
    close(result.correlation, 0.647576125802733);
  });

  it('reproduces Hanley & McNeil (1982) AUC 0.893 with ties, and DeLong numbers from R', () => {
    const { predictor, outcome } = hanleyMcNeil();
    const result = predictiveValidity(predictor, outcome);
    // Published: AUC 0.893 (Hanley-McNeil SE 0.032). R, DeLong placement values by hand and
    // wilcox.test W / (51 * 58): auc 0.8931710615280595, se 0.0307244083793811,
    // interval 0.8329523276581718..0.9533897953979471, cor 0.6881031909290257.
    close(result.auc, 0.8931710615280595, 14);
    close(result.standardError, 0.0307244083793811);
    close(result.interval?.lower, 0.8329523276581718);
    close(result.interval?.upper, 0.9533897953979471);
    close(result.correlation, 0.6881031909290257);
    expect(result).toMatchObject({ n: 109, positives: 51, negatives: 58 });
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs: (5,1)=1, (5,3)=1, (3,1)=1, (3,3)=1/2 -> 3.5 / 4.
    expect(predictiveValidity([5, 1, 3, 3], [true, false, true, false]).auc).toBe(0.875);
    // All tied: every pair is one half.
    const tied = predictiveValidity([2, 2, 2, 2], [true, false, true, false]);
    expect(tied.auc).toBe(0.5);
    expect(tied.correlation).toBeNull();
    // R: auc 0.944444444444444, se 0.0785674201318386, cor 0.757936728959867.
    const mixed = predictiveValidity([5, 1, 3, 3, 7, 2], [true, false, true, false, true, false]);
    close(mixed.auc, 0.944444444444444);
    close(mixed.standardError, 0.0785674201318386);
    close(mixed.correlation, 0.757936728959867);
  });

  it('gives 1 for a perfect predictor and 0 for an inverted one', () => {
    const outcome = [false, false, false, true, true];
    const perfect = predictiveValidity([1, 2, 3, 4, 5], outcome);
    expect(perfect.auc).toBe(1);
    expect(perfect.standardError).toBe(0);
    expect(perfect.interval).toEqual({ lower: 1, upper: 1 });
    const inverted = predictiveValidity([5, 4, 3, 2, 1], outcome);
    expect(inverted.auc).toBe(0);
    expect(inverted.interval).toEqual({ lower: 0, upper: 0 });
    expect(inverted.correlation).toBeCloseTo(-(perfect.correlation ?? 0), 14);
  });

  it('gives the point-biserial correlation as Pearson r with the outcome coded 1/0', () => {
    // By hand: x = [1, 2, 4, 7], y = [0, 0, 1, 1]; means 3.5 and 0.5; sum of products
    // (-2.5)(-0.5) + (-1.5)(-0.5) + (0.5)(0.5) + (3.5)(0.5) = 4; sum x^2 dev = 6.25 + 2.25 + 0.25
    // + 12.25 = 21; sum y^2 dev = 1; r = 4 / sqrt(21) = 0.872871560943970.
    close(
      predictiveValidity([1, 2, 4, 7], [false, false, true, true]).correlation,
      4 / Math.sqrt(21),
    );
  });

  it('gives no interval with a single positive or negative', () => {
    const result = predictiveValidity([1, 2, 3], [false, false, true]);
    expect(result.auc).toBe(1);
    expect(result.standardError).toBeNull();
    expect(result.interval).toBeNull();
  });

  it.each([
    [
      'a NaN score',
      [1, Number.NaN],
      [true, false],
      'INVALID_OPTION',
      ['predictor', 1],
      'predictor[1]',
    ],
    ['a string score', ['1', 2], [true, false], 'INVALID_OPTION', ['predictor', 0], 'predictor[0]'],
    ['a non-boolean outcome', [1, 2], [true, 1], 'INVALID_OPTION', ['outcome', 1], 'outcome[1]'],
    [
      'arrays of different lengths',
      [1, 2, 3],
      [true, false],
      'INVALID_OPTION',
      ['outcome'],
      'outcome',
    ],
    ['a predictor that is not an array', 'x', [true], 'INVALID_OPTION', ['predictor'], 'predictor'],
    ['no pairs', [], [], 'EMPTY_INPUT', ['predictor'], 'predictor'],
    ['only positives', [1, 2], [true, true], 'EMPTY_INPUT', ['outcome'], 'outcome'],
    ['only negatives', [1, 2], [false, false], 'EMPTY_INPUT', ['outcome'], 'outcome'],
  ])(
    'rejects %s with its code, naming the field',
    (_name, predictor, outcome, code, path, field) => {
      expect(() =>
        predictiveValidity(predictor as unknown as number[], outcome as unknown as boolean[]),
      ).toThrowError(
        expect.objectContaining({
          code,
          path,
          message: expect.stringMatching(
            new RegExp(`^predictiveValidity: .*${field.replace(/[[\]]/g, '\\$&')}`),
          ),
        }),
      );
    },
  );
});

describe('predictiveValidity at the edges (hostile input)', () => {
  it('reports every bad score and outcome, a hole of a sparse array included', () => {
    let error: unknown;
    try {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      predictiveValidity([1, , Number.NaN, 4] as number[], [true, false, 'yes' as never, false]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EngagekitError);
    expect((error as EngagekitError).code).toBe('INVALID_OPTION');
    expect((error as EngagekitError).issues.map((issue) => issue.path)).toEqual([
      ['predictor', 1],
      ['predictor', 2],
      ['outcome', 2],
    ]);
  });

  it('stays finite and exact at the largest scores', () => {
    const result = predictiveValidity(
      [Number.MAX_VALUE, -Number.MAX_VALUE, 0, Number.MAX_VALUE],
      [true, false, false, true],
    );
    expect(result.auc).toBe(1);
    expect(Number.isFinite(result.correlation!)).toBe(true);
    expect(Number.isFinite(result.standardError!)).toBe(true);
  });
});
