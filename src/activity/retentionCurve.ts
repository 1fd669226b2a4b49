import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import type { Instant } from '../time/instant.js';
import type { CalendarOptions } from '../time/zone.js';
import type { ActivityRow } from './ActivityRow.js';
import { type RetentionRow, readRetentionOptions, retentionRows } from './retention.js';

/** The most days a curve may have. */
const MAX_LAST_DAY = 10_000;

/**
 * Options of {@link retentionCurve}.
 *
 * @category Activity
 */
export interface RetentionCurveOptions extends Pick<CalendarOptions, 'timeZone'> {
  /** The curve runs from day 0 to this day, included. */
  readonly lastDay: number;
  /** `'on'` (default) or `'onOrAfter'`, as in {@link retention}. */
  readonly mode?: 'on' | 'onOrAfter';
  /** The instant of the report; unfinished days are censored. */
  readonly asOf: Instant;
  /** Each user's own day 0, as in {@link retention}. */
  readonly start?: readonly ActivityRow[];
}

/**
 * The retention curve: day-N retention for every day from 0 to `lastDay`, each with its own
 * eligible users.
 *
 * @remarks
 * Row N is {@link retention} for day N. Every day has its own denominator (the users whose day N
 * is over by `asOf`), so the curve is not biased downwards by recent users at long horizons; the
 * `eligible` column shows how much each point rests on, and days nobody is eligible for yet have
 * `rate: null`.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `lastDay`, `mode`, `asOf`, `timeZone`, `start`.
 * @returns `lastDay + 1` rows, day 0 first.
 * @throws {@link EngagekitError} as {@link retention}.
 *
 * @example
 * ```ts
 * import { retentionCurve } from 'engagekit';
 *
 * const activity = [
 *   { userId: 'ann', at: Date.parse('2026-03-01T09:00:00Z') },
 *   { userId: 'ann', at: Date.parse('2026-03-02T09:00:00Z') },
 *   { userId: 'bob', at: Date.parse('2026-03-02T09:00:00Z') },
 * ];
 * retentionCurve(activity, { lastDay: 3, asOf: Date.parse('2026-03-04T12:00:00Z') });
 * // => [
 * //   { day: 0, eligible: 2, retained: 2, rate: 1 },
 * //   { day: 1, eligible: 2, retained: 1, rate: 0.5 },
 * //   { day: 2, eligible: 1, retained: 0, rate: 0 },
 * //   { day: 3, eligible: 0, retained: 0, rate: null },
 * // ]
 * ```
 * @category Activity
 */
export function retentionCurve(
  activity: readonly ActivityRow[],
  options: RetentionCurveOptions,
): RetentionRow[] {
  const issues = issueList('retentionCurve');
  const fields = readFields(issues, ['options'], options, {
    known: ['lastDay', 'mode', 'asOf', 'timeZone', 'start'],
    required: ['lastDay', 'asOf'],
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const { mode, asOf, timeZone } = readRetentionOptions(issues, fields!, ['on', 'onOrAfter']);
  const given = fields!.lastDay;
  const lastDay =
    typeof given === 'number' && given < 0
      ? issues.add(['options', 'lastDay'], `must not be negative, got ${given}`)
      : issues.number(['options', 'lastDay'], given, {
          integer: true,
          min: 0,
          max: MAX_LAST_DAY,
          expected: `a whole number of days from 0 to ${MAX_LAST_DAY}`,
        });
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  const brackets = Array.from({ length: lastDay! + 1 }, (_, day): [number, number] => [day, day]);
  return retentionRows('retentionCurve', activity, {
    brackets,
    mode: mode!,
    asOf: asOf!,
    timeZone: timeZone!,
    start: fields!.start,
  });
}
