import type {
  RateCompareWith,
  RateDifferenceMethod,
  RateGroup,
  RateGroupKey,
} from '../RateResult.js';
import { compareSamples, wilsonOfRate } from './rateOf.js';

/** The checked totals of one group. */
export interface GroupTotals {
  readonly key: RateGroupKey;
  readonly successes: number;
  readonly trials: number;
  readonly effectiveTrials: number;
}

/** Each group's rate and interval, and its comparison with the previous or the first group. */
export function rateGroups(
  groups: readonly GroupTotals[],
  confidence: number,
  compareWith: RateCompareWith | undefined,
  method: RateDifferenceMethod,
): RateGroup[] {
  const rates = groups.map((group) =>
    group.trials > 0
      ? group.successes === group.trials
        ? 1
        : Math.min(1, group.successes / group.trials)
      : null,
  );
  return groups.map((group, index) => {
    const rate = rates[index]!;
    const other = compareWith === 'first' ? 0 : index - 1;
    const otherRate =
      compareWith === undefined || other < 0 || other === index ? null : rates[other]!;
    return {
      group: group.key,
      rate,
      successes: group.successes,
      trials: group.trials,
      effectiveTrials: group.effectiveTrials,
      confidence,
      interval: rate === null ? null : wilsonOfRate(rate, group.effectiveTrials, confidence),
      comparison:
        rate === null || otherRate === null
          ? null
          : compareSamples(
              otherRate,
              groups[other]!.effectiveTrials,
              rate,
              group.effectiveTrials,
              confidence,
              method,
            ),
    };
  });
}
