import { EngagekitError, type EngagekitErrorCode, type EngagekitIssue } from './EngagekitError.js';

/**
 * One {@link EngagekitError} for every problem found: its `path` is the first problem's, its
 * message the first problem's followed by the others (`(and 2 more problems: ...; ...)`), and its
 * `issues` all of them. Validate the whole input, collect the issues, then throw this.
 */
export function errorOfIssues(
  code: EngagekitErrorCode,
  issues: readonly [EngagekitIssue, ...EngagekitIssue[]],
): EngagekitError {
  const [first, ...rest] = issues;
  const more =
    rest.length === 0
      ? ''
      : ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''}: ${rest
          .map((issue) => issue.message.replace(/^[A-Za-z.]+: /, ''))
          .join('; ')})`;
  return new EngagekitError(code, `${first.message}${more}`, first.path, issues);
}
