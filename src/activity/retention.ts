import type { EngagekitErrorPath } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { type IssueList, issueList, type NumberRule } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { type Instant, readInstant } from '../time/instant.js';
import { type CalendarOptions, dayReader, readTimeZone } from '../time/zone.js';
import { activeBetween, readUserDays } from './_lib/userDays.js';
import type { ActivityRow } from './ActivityRow.js';

/** The most days after day 0 a retention question may ask about (about 270 years). */
const MAX_DAY = 100_000;

/**
 * How a user counts as retained on day N.
 *
 * @category Activity
 */
export type RetentionMode = 'on' | 'onOrAfter' | 'within';

/**
 * Options of {@link retention}.
 *
 * @category Activity
 */
export interface RetentionOptions extends Pick<CalendarOptions, 'timeZone'> {
  /**
   * Days after day 0 to report, e.g. `[1, 7, 30]`; with `mode: 'within'`, brackets of days such as
   * `[[1, 3], [4, 7]]` (a single number N is the bracket `[N, N]`).
   */
  readonly days: readonly (number | readonly [number, number])[];
  /**
   * `'on'` (default): active on day N; `'onOrAfter'`: active on day N or any later day up to
   * `asOf` (unbounded retention); `'within'`: active on some day of the bracket.
   */
  readonly mode?: RetentionMode;
  /** The instant of the report: activity after it is ignored and unfinished days are censored. */
  readonly asOf: Instant;
  /**
   * Each user's own day 0 (e.g. sign-up) instead of the first activity. Only these users are
   * counted, activity on days before a user's start is ignored, and for a user listed more than
   * once the earliest start counts.
   */
  readonly start?: readonly ActivityRow[];
}

/**
 * One row of {@link retention}.
 *
 * @category Activity
 */
export interface RetentionRow {
  /** Day after day 0 (first day of the bracket in `'within'` mode). */
  readonly day: number;
  /** Last day of the bracket; only in `'within'` mode. */
  readonly lastDay?: number;
  /** Users whose day (or whole bracket) had completely elapsed by `asOf`. */
  readonly eligible: number;
  /** Eligible users who were active as the mode asks. */
  readonly retained: number;
  /** `retained / eligible`, or `null` when no user is eligible yet (never a fake 0%). */
  readonly rate: number | null;
}

const DAY: NumberRule = {
  integer: true,
  min: 0,
  max: MAX_DAY,
  expected: 'a whole number of days from 0 to 100000', // MAX_DAY, as a literal a bundler can drop
};

/** Reads one day number, saying which bound a whole number breaks. */
function readDay(issues: IssueList, path: EngagekitErrorPath, value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && (value < 0 || value > MAX_DAY)) {
    issues.add(
      path,
      `${value < 0 ? 'must not be negative' : `must be at most ${MAX_DAY}`}, got ${value}`,
    );
    return undefined;
  }
  return issues.number(path, value, DAY);
}

/** What {@link retentionRows} needs, read and checked. @internal */
export interface RetentionQuery {
  readonly brackets: readonly (readonly [number, number])[];
  readonly mode: RetentionMode;
  /** Epoch milliseconds. */
  readonly asOf: number;
  readonly timeZone: string;
  readonly start: unknown;
}

/**
 * Reads the options every retention function shares (`asOf`, `timeZone`, `start`, and `mode`
 * among `modes`) into `issues`. @internal
 */
export function readRetentionOptions(
  issues: IssueList,
  fields: Partial<Record<'mode' | 'asOf' | 'timeZone' | 'start', unknown>>,
  modes: readonly RetentionMode[],
): { mode: RetentionMode | undefined; asOf: number | undefined; timeZone: string | undefined } {
  const { fn } = issues;
  return {
    mode: fields.mode === undefined ? 'on' : issues.oneOf(['options', 'mode'], fields.mode, modes),
    asOf: issues.attempt(() =>
      readInstant(fields.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' }),
    ),
    timeZone: issues.attempt(() => readTimeZone(fields.timeZone, fn, ['options', 'timeZone'])),
  };
}

/** Reads `options.days`: days, or with `mode: 'within'` brackets `[first, last]`. */
function readDays(
  issues: IssueList,
  value: unknown,
  mode: RetentionMode | undefined,
): [number, number][] | undefined {
  const path: EngagekitErrorPath = ['options', 'days'];
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(
      path,
      value === undefined
        ? 'is required: an array of days such as [1, 7, 30]'
        : `must be an array of days such as [1, 7, 30], with at least one, got ${Array.isArray(value) ? 'an empty array' : describeValue(value)}`,
    );
    return undefined;
  }
  const brackets: [number, number][] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!Array.isArray(entry)) {
      const day = readDay(issues, [...path, i], entry);
      if (day !== undefined) brackets.push([day, day]);
      continue;
    }
    if (mode !== undefined && mode !== 'within') {
      issues.add([...path, i], "is a bracket; brackets need mode: 'within', or pass single days");
      continue;
    }
    if (entry.length !== 2) {
      issues.add(
        [...path, i],
        `must be a bracket [first, last] of two days, got ${entry.length} values`,
      );
      continue;
    }
    const first = readDay(issues, [...path, i, 0], entry[0]);
    const last = readDay(issues, [...path, i, 1], entry[1]);
    if (first === undefined || last === undefined) continue;
    if (last < first) {
      issues.add([...path, i], 'ends before it starts; write brackets as [first, last]');
      continue;
    }
    brackets.push([first, last]);
  }
  return brackets;
}

/** Retention rows for brackets `[first, last]` of days; shared by the retention functions. @internal */
export function retentionRows(
  fn: string,
  activity: readonly ActivityRow[],
  query: RetentionQuery,
): RetentionRow[] {
  const { asOf, brackets, mode } = query;
  const dayOf = dayReader(query.timeZone);
  const data = readUserDays(activity, {
    fn,
    dayOf,
    until: asOf,
    starts: query.start as readonly ActivityRow[] | undefined,
  });
  const asOfDay = dayOf(asOf);
  const eligible = new Float64Array(brackets.length);
  const retained = new Float64Array(brackets.length);
  for (let u = 0; u < data.userIds.length; u++) {
    const day0 = data.day0[u]!;
    const lastActive =
      data.offsets[u + 1]! > data.offsets[u]! ? data.days[data.offsets[u + 1]! - 1]! : -Infinity;
    for (let b = 0; b < brackets.length; b++) {
      const [first, last] = brackets[b]!;
      // Day N is over only once the next local midnight has passed: asOf is on a later day.
      if (day0 + last >= asOfDay) continue;
      eligible[b]!++;
      const active =
        mode === 'onOrAfter'
          ? lastActive >= day0 + first
          : activeBetween(data, u, day0 + first, day0 + last);
      if (active) retained[b]!++;
    }
  }
  return brackets.map(([first, last], b) => {
    const counts = {
      eligible: eligible[b]!,
      retained: retained[b]!,
      rate: eligible[b]! > 0 ? retained[b]! / eligible[b]! : null,
    };
    return mode === 'within' ? { day: first, lastDay: last, ...counts } : { day: first, ...counts };
  });
}

/**
 * Day-N retention: of the users whose day N is over, the share that came back.
 *
 * @remarks
 * Days are calendar days in `timeZone` (default UTC); day 0 is the day of a user's first activity
 * (or of its `start`), day N the N-th local day after it. With `mode: 'on'` a user is retained on
 * day N when active on that day (classic D1/D7/D30); with `'onOrAfter'` when active on day N or
 * any later day up to `asOf`; with `'within'` when active on some day of a bracket `[a, b]`, so
 * `[[7, 13]]` gives W1 retention (active in the week after the first).
 *
 * Censoring: a user is eligible for day N (or a bracket ending on day N) only once that local day
 * has completely elapsed by `asOf`, so users who signed up recently never sit in a denominator
 * they could not yet leave; a day nobody is eligible for has `rate: null`, not 0. Activity after
 * `asOf` is ignored.
 *
 * Calendar days, not 24-hour spans: a sign-up at 23:45 and a visit at 00:01 are day 0 and day 1,
 * as in most analytics tools; the same instants may both be on day 0 in another time zone.
 *
 * One pass over the activity (users in a Map, days in typed arrays), then a binary search per
 * user and day: O(n log n) in the rows.
 *
 * @param activity - `{ userId, at }` rows, in any order.
 * @param options - `days`, `mode`, `asOf`, `timeZone`, `start`.
 * @returns One row per requested day (or bracket), in the order asked.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options (a bracket in `'on'` mode, a
 * bracket ending before it starts, an unknown time zone, `asOf` outside the range of a Date);
 * `INVALID_ACTIVITY` for malformed rows (an instant outside +-8.64e15 ms included); `EMPTY_INPUT`
 * when no user has activity (or a start) at or before `asOf`. `error.issues` lists every problem
 * found, not only the first.
 *
 * @example
 * ```ts
 * import { retention } from 'engagekit';
 *
 * const activity = [
 *   { userId: 'ann', at: Date.parse('2026-03-01T09:00:00Z') },
 *   { userId: 'ann', at: Date.parse('2026-03-02T10:00:00Z') },
 *   { userId: 'bob', at: Date.parse('2026-03-01T23:45:00Z') },
 *   { userId: 'bob', at: Date.parse('2026-03-04T08:00:00Z') },
 *   { userId: 'cy', at: Date.parse('2026-03-03T12:00:00Z') },
 * ];
 * const asOf = Date.parse('2026-03-04T12:00:00Z');
 * // cy started on 3 March: its day 1 (4 March) is not over at asOf, so cy is not eligible.
 * retention(activity, { days: [1, 2], asOf });
 * // => [
 * //   { day: 1, eligible: 2, retained: 1, rate: 0.5 },
 * //   { day: 2, eligible: 2, retained: 0, rate: 0 },
 * // ]
 * retention(activity, { days: [1], mode: 'onOrAfter', asOf });
 * // => [{ day: 1, eligible: 2, retained: 2, rate: 1 }]
 * retention(activity, { days: [[1, 3]], mode: 'within', asOf: Date.parse('2026-03-05T00:00:00Z') });
 * // => [{ day: 1, lastDay: 3, eligible: 2, retained: 2, rate: 1 }]
 * ```
 * @category Activity
 */
export function retention(
  activity: readonly ActivityRow[],
  options: RetentionOptions,
): RetentionRow[] {
  const issues = issueList('retention');
  const fields = readFields(issues, ['options'], options, {
    known: ['days', 'mode', 'asOf', 'timeZone', 'start'],
    required: ['days', 'asOf'],
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const { mode, asOf, timeZone } = readRetentionOptions(issues, fields!, [
    'on',
    'onOrAfter',
    'within',
  ]);
  const brackets = readDays(issues, fields!.days, mode);
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  return retentionRows('retention', activity, {
    brackets: brackets!,
    mode: mode!,
    asOf: asOf!,
    timeZone: timeZone!,
    start: fields!.start,
  });
}
