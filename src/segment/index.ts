export { segmentAt } from './segmentAt.js';
export { segmentOf } from './segmentOf.js';
