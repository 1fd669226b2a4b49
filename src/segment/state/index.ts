// Reads of an incremental state that turn its scores into segments: one customer's forecast, every
// customer's forecast, segment counts and at-risk lists, on the segment sweep.
export { forecastCustomer } from './forecastCustomer.js';
export type { ForecastStateOptions, StateForecast } from './forecastState.js';
export { forecastState } from './forecastState.js';
export type { StateAtRiskOptions } from './stateAtRisk.js';
export { stateAtRisk } from './stateAtRisk.js';
export { stateSegmentCounts } from './stateSegmentCounts.js';
