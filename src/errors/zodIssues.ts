import type * as z from 'zod/mini';
import {
  EngagekitError,
  type EngagekitErrorCode,
  type EngagekitErrorPath,
  type EngagekitIssue,
} from './EngagekitError.js';
import { describeValue, formatPath } from './formatPath.js';

/** Who is validating what, so that a translated zod issue reads as engagekit's own message. */
export interface ValidationContext {
  /** The public function that received the input, e.g. `defineModel`. */
  readonly fn: string;
  /** The error code to throw. */
  readonly code: EngagekitErrorCode;
  /** Where the validated value sits in the caller's arguments, e.g. `['options']`. */
  readonly path?: EngagekitErrorPath;
}

type Issue = z.core.$ZodIssue;

/** The issue of a union branch whose literal field (a discriminator such as `kind`) did not match. */
function missedLiteral(branch: readonly Issue[]): Issue | undefined {
  return branch.find((issue) => issue.code === 'invalid_value' && issue.path.length === 1);
}

const under = (issue: Issue, path: Issue['path']): Issue => ({
  ...issue,
  path: [...path, ...issue.path],
});

/**
 * The issues to report for one zod issue. In a union, the branch that got furthest is the one the
 * person meant. A branch whose literal field did not match was not meant, so a union of objects
 * tagged by `kind` reads as a discriminated union: the one branch whose tag matched reports every
 * problem it found, and when no tag matched, the union's own message (the tags it accepts) is
 * reported at the tag's path.
 */
function branchIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const meant = issue.errors.filter((branch) => missedLiteral(branch) === undefined);
  if (meant.length === 0) {
    return [{ ...issue, path: [...issue.path, ...missedLiteral(issue.errors[0]!)!.path] }];
  }
  if (meant.length === 1) {
    return meant[0]!.flatMap((inner) => branchIssues(inner).map((each) => under(each, issue.path)));
  }
  let best: Issue | undefined;
  for (const branch of meant) {
    for (const candidate of branch) {
      const [resolved] = branchIssues(candidate) as [Issue];
      if (best === undefined || resolved.path.length > best.path.length) best = resolved;
    }
  }
  if (best === undefined || best.path.length === 0) {
    // Every branch failed at the root: the branch expecting the input's own type was meant
    // (a NaN duration was meant to be a number, not a Duration object). When every branch
    // expects that type, the union's own message, if it has one, says more.
    const roots = issue.errors.flat();
    const sameType = roots.find(
      (candidate): candidate is z.core.$ZodIssueInvalidType =>
        candidate.code === 'invalid_type' &&
        candidate.path.length === 0 &&
        candidate.expected === typeof issue.input,
    );
    if (sameType === undefined) return [issue];
    const agreed = roots.every(
      (root) => root.code === 'invalid_type' && root.expected === sameType.expected,
    );
    const message =
      agreed && !issue.message.startsWith('Invalid input') ? issue.message : sameType.message;
    return [{ ...sameType, message, path: issue.path }];
  }
  return [under(best, issue.path)];
}

function describeIssue(issue: Issue): string {
  if ('input' in issue && issue.input === undefined && issue.code !== 'custom')
    return 'is required';
  switch (issue.code) {
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'is not a valid key';
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .map((key) => `"${key}"`)
        .join(', ')}; check the spelling`;
    case 'invalid_type':
      if (issue.message.startsWith('Invalid input')) {
        return `must be ${issue.expected === 'number' ? 'a finite number' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}, got ${describeValue(issue.input)}`;
      }
      return `${issue.message}, got ${describeValue(issue.input)}`;
    default:
      return 'input' in issue && issue.input !== undefined && typeof issue.input !== 'object'
        ? `${issue.message}, got ${describeValue(issue.input)}`
        : issue.message;
  }
}

/** Turns zod's issues into one {@link EngagekitError} that names the field and the fix. */
export function toEngagekitError(
  error: { readonly issues: readonly Issue[] },
  context: ValidationContext,
): EngagekitError {
  const first = error.issues[0];
  const basePath = context.path ?? [];
  if (first === undefined) {
    return new EngagekitError(context.code, `${context.fn}: invalid input`, basePath);
  }
  // every problem, each with its path (the whole input, when zod gives none, is `['input']`)
  const issues = error.issues.flatMap(branchIssues).map((issue): EngagekitIssue => {
    const found = [
      ...basePath,
      ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    ];
    const where = found.length > 0 ? formatPath(found) : 'the input';
    return {
      path: found.length > 0 ? found : ['input'],
      message: `${context.fn}: ${where} ${describeIssue(issue)}`,
    };
  });
  const [head, ...rest] = issues as [EngagekitIssue, ...EngagekitIssue[]];
  const more =
    rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return new EngagekitError(context.code, `${head.message}${more}`, head.path, issues);
}

/** Parses with a zod schema, throwing an {@link EngagekitError} instead of a `ZodError`. */
export function parseWith<Schema extends z.ZodMiniType>(
  schema: Schema,
  value: unknown,
  context: ValidationContext,
): z.output<Schema> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw toEngagekitError(result.error, context);
}
