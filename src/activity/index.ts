export type { ActivityRow } from './ActivityRow.js';
export type { RetentionMode, RetentionOptions, RetentionRow } from './retention.js';
export { retention } from './retention.js';
