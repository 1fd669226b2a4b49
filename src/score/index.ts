export type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
export type { EventColumnsInput } from './EventColumnsInput.js';
export type {
  BehaviourContribution,
  EventContribution,
  ScoreExplanation,
} from './explainScore.js';
export { explainScore } from './explainScore.js';
export type { PreparedColumns } from './prepareColumns.js';
export { prepareColumns } from './prepareColumns.js';
export { scoreAt } from './scoreAt.js';
export { scoreColumns } from './scoreColumns.js';
export { scorePrepared } from './scorePrepared.js';
export type { ScoreTimelineOptions, TimelinePoint } from './scoreTimeline.js';
export { MAX_TIMELINE_POINTS, scoreTimeline } from './scoreTimeline.js';
