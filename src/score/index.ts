// Scores from events: scoreAt, the column kernel (score/kernel), prepared columns and the
// incremental state (score/state).

export type { EngagementEvent, ScoreOptions } from './EngagementEvent.js';
export type {
  ArrowData,
  ArrowTableLike,
  CustomerId,
  EventColumnsInput,
} from './EventColumnsInput.js';
export type { EventColumns, EventColumnsOptions } from './eventColumns.js';
export { eventColumns } from './eventColumns.js';
export type { PreparedColumns } from './prepareColumns.js';
export { prepareColumns } from './prepareColumns.js';
export { scoreAt } from './scoreAt.js';
export { scoreColumns } from './scoreColumns.js';
export type { ScoreParts } from './scoreParts.js';
export { scoreParts } from './scoreParts.js';
export { scorePrepared } from './scorePrepared.js';
export { advanceState } from './state/advanceState.js';
export type { CustomerKey, StateColumnsInput } from './state/applyColumns.js';
export { applyColumns } from './state/applyColumns.js';
export { applyEvent } from './state/applyEvent.js';
export type { ScoreStateOptions } from './state/createScoreState.js';
export { createScoreState } from './state/createScoreState.js';
export type { HeldEventsReport } from './state/heldEvents.js';
export { heldEvents } from './state/heldEvents.js';
export { mergeStates } from './state/mergeStates.js';
export { parseState } from './state/parseState.js';
export type { ParseStateBinaryOptions } from './state/parseStateBinary.js';
export { parseStateBinary } from './state/parseStateBinary.js';
export { scoreCustomer } from './state/scoreCustomer.js';
export { scoreState } from './state/scoreState.js';
export type { ApplyOptions, ScoreState } from './state/scoreStateParts.js';
export { SCORE_STATE_FORMAT, serializeState } from './state/serializeState.js';
export { serializeStateBinary } from './state/serializeStateBinary.js';
