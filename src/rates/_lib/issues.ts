import {
  EngagekitError,
  type EngagekitErrorCode,
  type EngagekitErrorPath,
  type EngagekitIssue,
} from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import { formatPath } from '../../errors/formatPath.js';

/** The most problems one error lists; past it, one more issue says how many were left out. */
const MOST = 50;

/** The problems found while validating one call, so that one error reports them all. */
export interface Issues {
  /** The public function validating its input, e.g. `engagementRate`. */
  readonly fn: string;
  readonly list: EngagekitIssue[];
  /** Problems found beyond {@link MOST}, counted only. */
  more: number;
}

/** An empty list of problems for `fn`. */
export function issuesOf(fn: string): Issues {
  return { fn, list: [], more: 0 };
}

/** Records a problem: `fn: <path> <problem>`. */
export function addIssue(issues: Issues, path: EngagekitErrorPath, problem: string): void {
  if (issues.list.length >= MOST) {
    issues.more++;
    return;
  }
  const where = path.length > 0 ? `${formatPath(path)} ` : '';
  issues.list.push({ path, message: `${issues.fn}: ${where}${problem}` });
}

/** Records the problems of an {@link EngagekitError} a lower layer threw; rethrows anything else. */
export function addError(issues: Issues, error: unknown): void {
  if (!(error instanceof EngagekitError)) throw error;
  for (const issue of error.issues) {
    if (issues.list.length >= MOST) issues.more++;
    else issues.list.push(issue);
  }
}

/** Throws one error with every problem recorded, if there is any. */
export function throwIssues(issues: Issues, code: EngagekitErrorCode): void {
  const [first, ...rest] = issues.list;
  if (first === undefined) return;
  if (issues.more > 0) {
    rest.push({
      path: [],
      message: `${issues.fn}: ${issues.more} more problem${issues.more > 1 ? 's' : ''} of the same kinds, not listed`,
    });
  }
  throw errorOfIssues(code, [first, ...rest]);
}
