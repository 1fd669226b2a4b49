import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { addIssue, type Issues } from './issues.js';

/**
 * The options object of a call as a record (`{}` when not given); records a problem for a value
 * that is not an object and for every field not in `allowed` (a misspelt option is not ignored).
 */
export function readOptionsObject(
  options: unknown,
  issues: Issues,
  allowed: readonly string[],
  path: EngagekitErrorPath = ['options'],
): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    addIssue(issues, path, `must be an object, got ${describeValue(options)}`);
    return {};
  }
  const record = options as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key) && record[key] !== undefined) {
      addIssue(
        issues,
        [...path, key],
        `is not an option of ${issues.fn} (known: ${allowed.join(', ')}); check the spelling`,
      );
    }
  }
  return record;
}

/** A confidence level strictly between 0 and 1; 0.95 when not given. */
export function readConfidence(value: unknown, issues: Issues, path: EngagekitErrorPath): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  addIssue(
    issues,
    path,
    `must be a confidence level between 0 and 1 (exclusive), e.g. 0.95, got ${describeValue(value)}`,
  );
  return 0.95;
}

/** One of `choices`; `fallback` when not given. */
export function readChoice<Choice extends string>(
  value: unknown,
  choices: readonly Choice[],
  fallback: Choice,
  issues: Issues,
  path: EngagekitErrorPath,
): Choice {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) {
    return value as Choice;
  }
  addIssue(
    issues,
    path,
    `must be ${choices.map((choice) => `'${choice}'`).join(' or ')}, got ${describeValue(value)}`,
  );
  return fallback;
}

/** A non-empty string (a behaviour or field name); `fallback` when not given. */
export function readName(
  value: unknown,
  fallback: string,
  issues: Issues,
  path: EngagekitErrorPath,
): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && value !== '') return value;
  addIssue(issues, path, `must be a non-empty string, got ${describeValue(value)}`);
  return fallback;
}

/** `true` or `false`; `fallback` when not given. */
export function readBoolean(
  value: unknown,
  fallback: boolean,
  issues: Issues,
  path: EngagekitErrorPath,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  addIssue(issues, path, `must be true or false, got ${describeValue(value)}`);
  return fallback;
}
