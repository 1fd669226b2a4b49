export { applyColumns } from './applyColumns.js';
export { applyEvent } from './applyEvent.js';
export type { ScoreState } from './createScoreState.js';
export { createScoreState } from './createScoreState.js';
export type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
export type { EventColumnsInput } from './EventColumnsInput.js';
export type {
  BehaviourContribution,
  EventContribution,
  ScoreExplanation,
} from './explainScore.js';
export { explainScore } from './explainScore.js';
export type { Forecast, ForecastOptions } from './forecast.js';
export { forecast } from './forecast.js';
export { mergeStates } from './mergeStates.js';
export { parseState } from './parseState.js';
export type { PreparedColumns } from './prepareColumns.js';
export { prepareColumns } from './prepareColumns.js';
export { scoreAt } from './scoreAt.js';
export { scoreColumns } from './scoreColumns.js';
export type { CustomerScore } from './scorePopulation.js';
export { scorePopulation } from './scorePopulation.js';
export { scorePrepared } from './scorePrepared.js';
export { scoreState } from './scoreState.js';
export type { ScoreTimelineOptions, TimelinePoint } from './scoreTimeline.js';
export { MAX_TIMELINE_POINTS, scoreTimeline } from './scoreTimeline.js';
export { SCORE_STATE_FORMAT, serializeState } from './serializeState.js';
