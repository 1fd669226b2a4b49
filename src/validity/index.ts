export type { PredictiveValidity } from './predictiveValidity.js';
export { predictiveValidity } from './predictiveValidity.js';
