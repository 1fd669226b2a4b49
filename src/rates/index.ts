// Engagement rates with honest uncertainty: open, click-through and repeat purchase rates with
// their Wilson intervals and comparisons, visit frequency, session duration, and fatigue.

export { type CompareRatesOptions, compareRates, type RateSample } from './compareRates.js';
export { type EngagementRateOptions, engagementRate } from './engagementRate.js';
export { type EngagementRatesOptions, engagementRates } from './engagementRates.js';
export type {
  EngagementRate,
  RateCompareWith,
  RateComparison,
  RateCount,
  RateDifferenceMethod,
  RateGroup,
  RateGroupKey,
  RateInterval,
} from './RateResult.js';
