// Whether a score predicts an outcome: predictive validity, backtests and threshold suggestions.
export type {
  BacktestInstant,
  BacktestObservation,
  BacktestOptions,
  BacktestResult,
  OutcomeSpec,
} from './backtest.js';
export { backtest } from './backtest.js';
export type { DecileOutcome, OutcomeRate, SegmentOutcome } from './OutcomeRate.js';
export type { PredictiveValidity } from './predictiveValidity.js';
export { predictiveValidity } from './predictiveValidity.js';
export type {
  SuggestThresholdsOptions,
  ThresholdCut,
  ThresholdSuggestion,
} from './suggestThresholds.js';
export { suggestThresholds } from './suggestThresholds.js';
