// Engagement rates with honest uncertainty: open, click-through and repeat purchase rates with
// their Wilson intervals and comparisons, visit frequency, session duration, and fatigue.

export type { CustomerRateOptions } from './CustomerRateOptions.js';
export { clickThroughRate } from './clickThroughRate.js';
export { clickToOpenRate } from './clickToOpenRate.js';
export { type CompareRatesOptions, compareRates, type RateSample } from './compareRates.js';
export type { EmailRateOptions } from './EmailRateOptions.js';
export { type EngagementRateOptions, engagementRate } from './engagementRate.js';
export { type EngagementRatesOptions, engagementRates } from './engagementRates.js';
export { type Fatigue, type FatigueOptions, type FatiguePoint, fatigue } from './fatigue.js';
export { openRate } from './openRate.js';
export type {
  EngagementRate,
  EventRate,
  RateCompareWith,
  RateComparison,
  RateCount,
  RateDifferenceMethod,
  RateEvent,
  RateGroup,
  RateGroupKey,
  RateInterval,
} from './RateResult.js';
export { type ReferralRateOptions, referralRate } from './referralRate.js';
export { type RepeatPurchaseRateOptions, repeatPurchaseRate } from './repeatPurchaseRate.js';
export {
  type SessionDuration,
  type SessionDurationOptions,
  sessionDuration,
} from './sessionDuration.js';
export {
  type TimeBetweenVisits,
  type TimeBetweenVisitsOptions,
  timeBetweenVisits,
} from './timeBetweenVisits.js';
export type { VisitOptions } from './VisitOptions.js';
export { type VisitFrequency, visitFrequency } from './visitFrequency.js';
