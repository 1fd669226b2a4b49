// Instants, durations and calendar days in a time zone.
export { calendarDay } from './calendarDay.js';
export { calendarWeek } from './calendarWeek.js';
export type { DurationInput } from './duration.js';
export { durationSchema, durationToMillis } from './duration.js';
export { epochDay } from './epochDay.js';
export type { Instant } from './instant.js';
export { toMillis } from './instant.js';
export type { CalendarOptions, CalendarPeriod } from './zone.js';
