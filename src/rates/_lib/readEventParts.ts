import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { MAX_INSTANT } from '../../time/instant.js';
import { addIssue, type Issues } from './issues.js';

/** An instant as epoch milliseconds, or `undefined` after recording a problem. */
export function readAt(
  value: unknown,
  issues: Issues,
  path: EngagekitErrorPath,
): number | undefined {
  const millis =
    typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isFinite(millis) && Math.abs(millis) <= MAX_INSTANT) return millis;
  addIssue(
    issues,
    path,
    `must be a point in time (a valid Date or epoch milliseconds), got ${describeValue(value)}${typeof value === 'string' ? '; parse strings first, e.g. Date.parse(...)' : ''}`,
  );
  return undefined;
}

/**
 * An id (customer, user, campaign) as the text that identifies it, or `undefined` after recording
 * a problem: a non-empty string, a finite number or a bigint (`7`, `7n` and `'7'` are one id, as
 * a database would have it).
 */
export function readId(
  value: unknown,
  issues: Issues,
  path: EngagekitErrorPath,
): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  addIssue(
    issues,
    path,
    `must be an id (a non-empty string, a finite number or a bigint), got ${describeValue(value)}`,
  );
  return undefined;
}

/** The object at `path`, or `undefined` after recording a problem. */
export function readRecord(
  value: unknown,
  issues: Issues,
  path: EngagekitErrorPath,
  what: string,
): Readonly<Record<string, unknown>> | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Readonly<Record<string, unknown>>;
  }
  addIssue(issues, path, `must be ${what}, got ${describeValue(value)}`);
  return undefined;
}
