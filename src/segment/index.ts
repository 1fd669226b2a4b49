// Segments and their changes: ladders, segmentOf, the segment sweep (segment/sweep) behind
// forecast, transitions and atRisk, and population views.
export type { AtRiskCustomer, AtRiskOptions } from './atRisk.js';
export { atRisk } from './atRisk.js';
export type {
  BehaviourContribution,
  EventContribution,
  ScoreExplanation,
} from './explainScore.js';
export { explainScore } from './explainScore.js';
export type { Forecast, ForecastOptions } from './forecast.js';
export { forecast } from './forecast.js';
export type { ColumnForecast, ForecastColumnsOptions } from './forecastColumns.js';
export { forecastColumns } from './forecastColumns.js';
export type {
  GroupContribution,
  RemovedEvents,
  RulesExplanation,
} from './rules/RulesExplanation.js';
export type { SaveListEntry, SaveListOptions } from './saveList.js';
export { saveList } from './saveList.js';
export type { CustomerScore } from './scorePopulation.js';
export { scorePopulation } from './scorePopulation.js';
export type { ScoreTimelineOptions, TimelinePoint } from './scoreTimeline.js';
export { MAX_TIMELINE_POINTS, scoreTimeline } from './scoreTimeline.js';
export { segmentAt } from './segmentAt.js';
export type { SegmentCounts } from './segmentCounts.js';
export { segmentCounts } from './segmentCounts.js';
export type { SegmentFlows, SegmentFlowsOptions } from './segmentFlows.js';
export { segmentFlows } from './segmentFlows.js';
export { segmentOf } from './segmentOf.js';
export { atRiskOfState } from './state/atRiskOfState.js';
export { forecastCustomer } from './state/forecastCustomer.js';
export { forecastState } from './state/forecastState.js';
export { segmentCountsOfState } from './state/segmentCountsOfState.js';
export type { Transition, TransitionsOptions } from './transitions.js';
export { transitions } from './transitions.js';
