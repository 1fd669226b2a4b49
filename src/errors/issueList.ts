import {
  EngagekitError,
  type EngagekitErrorCode,
  type EngagekitErrorPath,
  type EngagekitIssue,
} from './EngagekitError.js';
import { errorOfIssues } from './errorOfIssues.js';
import { describeValue, formatPath } from './formatPath.js';

/** The most problems one error lists; those past it are counted in one closing issue. */
export const MAX_LISTED_ISSUES = 100;

/**
 * What a valid number is, for {@link IssueList.number}: finite always, then whole, bounds
 * inclusive (`min`, `max`) or exclusive (`above`, `below`).
 */
export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly above?: number;
  readonly below?: number;
  /** A valid value in words, completing "must be ...": `'a whole number of days from 1 to 100'`. */
  readonly expected: string;
}

/**
 * The problems found in one call's input, collected so that one {@link EngagekitError} reports
 * them all. zod-free, so that a function validating its options by hand pulls in no schema library.
 */
export interface IssueList {
  /** The public function whose input is read; every message starts with it. */
  readonly fn: string;
  /** Problems recorded so far (listed or not). */
  readonly count: number;
  /**
   * Records a problem at `path`, worded `fn: <where> <text>`; `where` is the path as a person
   * reads it (`options.weights[2]`) unless given (a Map entry reads `segments.get("a")`).
   */
  add(path: EngagekitErrorPath, text: string, where?: string): void;
  /** Records problems already worded, e.g. the issues of an error another reader threw. */
  push(...found: readonly EngagekitIssue[]): void;
  /**
   * Runs a reader that throws an {@link EngagekitError} on bad input (`readInstant`), returning its
   * value, or recording its problems and returning `undefined`. Other errors pass through.
   */
  attempt<T>(read: () => T): T | undefined;
  /**
   * `value` when it is a number that keeps `rule`; otherwise records "must be <expected>, got
   * <value>" (or "is required" when `undefined`) and returns `undefined`.
   */
  number(path: EngagekitErrorPath, value: unknown, rule: NumberRule): number | undefined;
  /** `value` when it is one of `values`; otherwise records the choices and returns `undefined`. */
  oneOf<T extends string>(
    path: EngagekitErrorPath,
    value: unknown,
    values: readonly T[],
  ): T | undefined;
  /** Throws one error with `code` and every problem recorded, when there is one. */
  throwIfAny(code: EngagekitErrorCode): void;
}

function breaks(value: number, rule: NumberRule): boolean {
  return (
    !Number.isFinite(value) ||
    (rule.integer === true && !Number.isInteger(value)) ||
    (rule.min !== undefined && value < rule.min) ||
    (rule.max !== undefined && value > rule.max) ||
    (rule.above !== undefined && value <= rule.above) ||
    (rule.below !== undefined && value >= rule.below)
  );
}

/**
 * An empty {@link IssueList} for the input of `fn`. The first {@link MAX_LISTED_ISSUES} problems
 * are listed with their paths; more are counted, and said in one last issue.
 */
export function issueList(fn: string): IssueList {
  const issues: EngagekitIssue[] = [];
  let count = 0;
  const add = (path: EngagekitErrorPath, text: string, where = formatPath(path)): void => {
    count++;
    if (count <= MAX_LISTED_ISSUES) issues.push({ path, message: `${fn}: ${where} ${text}` });
  };
  const push = (...found: readonly EngagekitIssue[]): void => {
    for (const issue of found) {
      count++;
      if (count <= MAX_LISTED_ISSUES) issues.push(issue);
    }
  };
  return {
    fn,
    get count() {
      return count;
    },
    add,
    push,
    attempt(read) {
      try {
        return read();
      } catch (error) {
        if (!(error instanceof EngagekitError)) throw error;
        push(...error.issues);
        return undefined;
      }
    },
    number(path, value, rule) {
      if (typeof value === 'number' && !breaks(value, rule)) return value;
      add(
        path,
        value === undefined
          ? `is required: ${rule.expected}`
          : `must be ${rule.expected}, got ${describeValue(value)}${typeof value === 'string' ? ' (a string; convert it with Number(...) first)' : ''}`,
      );
      return undefined;
    },
    oneOf(path, value, values) {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) {
        return value as (typeof values)[number];
      }
      const choices = values.map((choice) => `'${choice}'`);
      const last = choices.pop();
      add(
        path,
        `${value === undefined ? 'is required:' : 'must be'} ${choices.length > 0 ? `${choices.join(', ')} or ${last}` : last}${value === undefined ? '' : `, got ${describeValue(value)}`}`,
      );
      return undefined;
    },
    throwIfAny(code) {
      const [first, ...rest] = issues;
      if (first === undefined) return;
      const more = count - issues.length;
      if (more > 0) {
        rest.push({
          path: first.path.slice(0, 1),
          message: `${fn}: ${more} more problem${more > 1 ? 's' : ''} not listed`,
        });
      }
      throw errorOfIssues(code, [first, ...rest]);
    },
  };
}
