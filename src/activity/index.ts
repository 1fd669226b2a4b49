// Activity analytics on { userId, at } rows: retention, cohorts, active users, stickiness, power
// users, lifecycle and survival.
export type { ActivityRow } from './ActivityRow.js';
export { activeUsers } from './activeUsers.js';
export { churnRate } from './churnRate.js';
export type { CohortCell, CohortRow, CohortTableOptions } from './cohortTable.js';
export { cohortTable } from './cohortTable.js';
export type { KaplanMeierRow } from './kaplanMeier.js';
export { kaplanMeier } from './kaplanMeier.js';
export type { LifecycleOptions, LifecycleRow } from './lifecycle.js';
export { lifecycle } from './lifecycle.js';
export type { LifetimeValueOptions } from './lifetimeValue.js';
export { lifetimeValue } from './lifetimeValue.js';
export { medianSurvivalTime } from './medianSurvivalTime.js';
export type { PowerUserCurveOptions } from './powerUserCurve.js';
export { powerUserCurve } from './powerUserCurve.js';
export type { RetentionMode, RetentionOptions, RetentionRow } from './retention.js';
export { retention } from './retention.js';
export type { RetentionCurveOptions } from './retentionCurve.js';
export { retentionCurve } from './retentionCurve.js';
export type { ActivityWindowOptions } from './stickiness.js';
export { stickiness } from './stickiness.js';
export type { TripwireOptions, TripwireResult } from './tripwire.js';
export { tripwire } from './tripwire.js';
