// EngagekitError, its codes, and how problems are worded (paths, values, zod issues translated).
export type { EngagekitErrorCode, EngagekitErrorPath, EngagekitIssue } from './EngagekitError.js';
export { ENGAGEKIT_ERROR_CODES, EngagekitError, isEngagekitError } from './EngagekitError.js';
