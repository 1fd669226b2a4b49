export type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
export type {
  BehaviourContribution,
  EventContribution,
  ScoreExplanation,
} from './explainScore.js';
export { explainScore } from './explainScore.js';
export type { Forecast, ForecastOptions } from './forecast.js';
export { forecast } from './forecast.js';
export { scoreAt } from './scoreAt.js';
export type { CustomerScore } from './scorePopulation.js';
export { scorePopulation } from './scorePopulation.js';
export type { ScoreTimelineOptions, TimelinePoint } from './scoreTimeline.js';
export { MAX_TIMELINE_POINTS, scoreTimeline } from './scoreTimeline.js';
