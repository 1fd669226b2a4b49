export type { DurationInput } from './duration.js';
export { durationSchema, durationToMillis } from './duration.js';
export type { Instant } from './instant.js';
export { toMillis } from './instant.js';
