import { type Duration, milliseconds } from 'date-fns';
import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { addIssue, type Issues } from './issues.js';

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];

/**
 * A duration (milliseconds, or a date-fns `Duration` such as `{ minutes: 30 }`, converted as
 * date-fns `milliseconds()` does) as milliseconds >= 0; `fallback` when not given. Checked by
 * hand, so that the rates need no schema library.
 */
export function readMillis(
  value: unknown,
  fallback: number,
  issues: Issues,
  path: EngagekitErrorPath,
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    let fine = true;
    for (const [unit, amount] of Object.entries(value)) {
      if (!UNITS.includes(unit)) {
        addIssue(issues, [...path, unit], `is not a unit of a duration (${UNITS.join(', ')})`);
        fine = false;
      } else if (
        amount !== undefined &&
        !(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)
      ) {
        addIssue(
          issues,
          [...path, unit],
          `must be a finite number >= 0, got ${describeValue(amount)}`,
        );
        fine = false;
      }
    }
    const millis = fine ? milliseconds(value as Duration) : fallback;
    if (Number.isFinite(millis)) return millis;
    addIssue(issues, path, 'is too long to represent in milliseconds');
    return fallback;
  }
  addIssue(
    issues,
    path,
    `must be milliseconds or a date-fns Duration such as { minutes: 30 }, got ${describeValue(value)}`,
  );
  return fallback;
}
