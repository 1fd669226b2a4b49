export type { ActivityRow } from './ActivityRow.js';
export type { KaplanMeierRow } from './kaplanMeier.js';
export { kaplanMeier } from './kaplanMeier.js';
export { medianSurvivalTime } from './medianSurvivalTime.js';
export type { RetentionMode, RetentionOptions, RetentionRow } from './retention.js';
export { retention } from './retention.js';
