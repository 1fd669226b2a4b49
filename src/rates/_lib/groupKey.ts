import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { RateGroupKey } from '../RateResult.js';
import { addIssue, type Issues } from './issues.js';

/**
 * Reads a group key and the text that identifies it (the kind and the value, so that `1` and
 * `'1'` stay apart and two equal `Date`s are one group); records a problem for anything else.
 */
export function readGroupKey(
  value: unknown,
  issues: Issues,
  path: EngagekitErrorPath,
): { key: RateGroupKey; id: string } {
  if (value === null) return { key: null, id: 'null' };
  if (typeof value === 'string') return { key: value, id: `s${value}` };
  if (typeof value === 'number' && Number.isFinite(value)) return { key: value, id: `n${value}` };
  if (typeof value === 'bigint') return { key: String(value), id: `n${value}` };
  if (value instanceof Date && Number.isFinite(value.getTime())) {
    return { key: value, id: `d${value.getTime()}` };
  }
  addIssue(
    issues,
    path,
    `must be a group key (a string, a finite number, a bigint, a valid Date or null), got ${describeValue(value)}`,
  );
  return { key: null, id: 'null' };
}
