import { wilson } from '../../math/wilson.js';
import type { OutcomeRate } from '../OutcomeRate.js';

/** {@link OutcomeRate} of `positives` out of `n`, lift against `overallRate` (> 0). */
export function outcomeRate(n: number, positives: number, overallRate: number): OutcomeRate {
  if (n === 0) return { n, positives, rate: null, interval: null, lift: null };
  const rate = positives / n;
  return { n, positives, rate, interval: wilson(positives, n, 0.95), lift: rate / overallRate };
}
