import { normalCriticalValue } from '../../math/normalDistribution.js';
import type { NpsIntervalMethod, NpsResult } from '../NpsResult.js';
import { clampedInterval } from './surveyInput.js';
import type { PointWeights } from './surveyStatistics.js';

/** What an NPS is computed from: raw counts, and the (weighted) totals per category. */
export interface NpsTally {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly promoterWeight: number;
  readonly passiveWeight: number;
  readonly detractorWeight: number;
  /** Kish effective sample size; the number of responses when unweighted. */
  readonly effectiveSampleSize: number;
}

function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += values[k]!;
  return sum;
}

/**
 * The tally of 0..10 answers from their count per point (`counts[k]` answers of `k`) and, with
 * survey weights, their weight per point ({@link PointWeights}, scaled: only the shares matter).
 */
export function npsTally(counts: Float64Array, weighted?: PointWeights): NpsTally {
  const totals = weighted?.sums ?? counts;
  const promoters = sumRange(counts, 9, 10);
  const passives = sumRange(counts, 7, 8);
  const detractors = sumRange(counts, 0, 6);
  return {
    promoters,
    passives,
    detractors,
    promoterWeight: sumRange(totals, 9, 10),
    passiveWeight: sumRange(totals, 7, 8),
    detractorWeight: sumRange(totals, 0, 6),
    effectiveSampleSize: weighted?.effectiveSampleSize ?? promoters + passives + detractors,
  };
}

/** The trinomial variance `(p + d - (p - d)^2)` of one response's -1/0/+1 score. */
export function trinomialVariance(promoterRate: number, detractorRate: number): number {
  const net = promoterRate - detractorRate;
  return Math.max(0, promoterRate + detractorRate - net * net);
}

/**
 * Centre and standard error (both in points, -100..100) of an NPS estimate: Wald around the
 * observed score, or adjusted-Wald (add 3 to n, 3/4 to promoters and to detractors; Sauro & Lewis).
 */
export function npsEstimate(
  promoterRate: number,
  detractorRate: number,
  effectiveSampleSize: number,
  method: NpsIntervalMethod,
): { centre: number; standardError: number } {
  let p = promoterRate;
  let d = detractorRate;
  let n = effectiveSampleSize;
  if (method === 'adjustedWald') {
    p = (promoterRate * effectiveSampleSize + 0.75) / (effectiveSampleSize + 3);
    d = (detractorRate * effectiveSampleSize + 0.75) / (effectiveSampleSize + 3);
    n = effectiveSampleSize + 3;
  }
  return {
    centre: 100 * (p - d),
    standardError: 100 * Math.sqrt(trinomialVariance(p, d) / n),
  };
}

/** The full {@link NpsResult} of a tally. */
export function npsSummary(
  tally: NpsTally,
  confidence: number,
  method: NpsIntervalMethod,
): NpsResult {
  const total = tally.promoterWeight + tally.passiveWeight + tally.detractorWeight;
  const promoterRate = tally.promoterWeight / total;
  const detractorRate = tally.detractorWeight / total;
  // within [-100, 100] as the shares are: with weights near 1e282, 100 * -D / D rounded to -100.00000000000001
  const score = Math.min(
    100,
    Math.max(-100, (100 * (tally.promoterWeight - tally.detractorWeight)) / total),
  );
  const { centre, standardError } = npsEstimate(
    promoterRate,
    detractorRate,
    tally.effectiveSampleSize,
    method,
  );
  const marginOfError = normalCriticalValue(confidence) * standardError;
  return {
    score,
    n: tally.promoters + tally.passives + tally.detractors,
    promoters: tally.promoters,
    passives: tally.passives,
    detractors: tally.detractors,
    promoterRate,
    passiveRate: tally.passiveWeight / total,
    detractorRate,
    effectiveSampleSize: tally.effectiveSampleSize,
    confidence,
    method,
    standardError,
    marginOfError,
    interval: clampedInterval(centre, marginOfError, -100, 100),
  };
}
