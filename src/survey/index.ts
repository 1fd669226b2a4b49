// Asked-for feedback: NPS, CSAT and CES with honest uncertainty, and the Wilson interval.
export type { CsatResult, ScalePointCount } from './CsatResult.js';
export { type CesOptions, type CesResult, ces } from './ces.js';
export {
  type CompareNpsOptions,
  compareNps,
  type NpsComparison,
  type NpsSample,
} from './compareNps.js';
export { type CsatOptions, csat } from './csat.js';
export type { NpsIntervalMethod, NpsResult } from './NpsResult.js';
export { type NpsOptions, nps } from './nps.js';
export { type NpsCategory, npsCategory } from './npsCategory.js';
export {
  type CustomerNpsResponse,
  type CustomerSegment,
  type NpsCrossTab,
  type NpsCrossTabCell,
  type NpsCrossTabOptions,
  type NpsCrossTabRow,
  npsCrossTab,
} from './npsCrossTab.js';
export { type NpsCounts, npsFromCounts } from './npsFromCounts.js';
export type { SurveyInterval } from './SurveyInterval.js';
export { type WilsonIntervalOptions, wilsonInterval } from './wilsonInterval.js';
