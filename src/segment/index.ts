export { segmentAt } from './segmentAt.js';
export { segmentOf } from './segmentOf.js';
export type { Transition, TransitionsOptions } from './transitions.js';
export { transitions } from './transitions.js';
