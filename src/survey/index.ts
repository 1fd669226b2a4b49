export { type CesOptions, type CesResult, ces } from './ces.js';
export {
  type CompareNpsOptions,
  compareNps,
  type NpsComparison,
  type NpsSample,
} from './compareNps.js';
export { type CsatOptions, type CsatResult, csat, type ScalePointCount } from './csat.js';
export {
  type NpsIntervalMethod,
  type NpsOptions,
  type NpsResult,
  nps,
  type SurveyInterval,
} from './nps.js';
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
export { type WilsonIntervalOptions, wilsonInterval } from './wilsonInterval.js';
