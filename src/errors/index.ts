export type { EngagekitErrorCode, EngagekitErrorPath } from './EngagekitError.js';
export { EngagekitError, isEngagekitError } from './EngagekitError.js';
