export type { EngagekitErrorCode, EngagekitErrorPath } from './EngagekitError.js';
export { ENGAGEKIT_ERROR_CODES, EngagekitError, isEngagekitError } from './EngagekitError.js';
