import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import type { IssueList } from '../../errors/issueList.js';
import { readFields } from '../../errors/readFields.js';
import { readInstant } from '../../time/instant.js';
import { dayReader, readTimeZone } from '../../time/zone.js';
import { readUserDays } from './userDays.js';

/** The longest window, in days, the usage functions accept (about 27 years). */
export const MAX_WINDOW_DAYS = 10_000;

/** What the usage functions read: the instant, the window and the time zone. */
interface WindowQuery {
  readonly until: number;
  readonly days: number;
  readonly timeZone: string;
}

/**
 * Reads the window of a usage function, recording every problem on `issues` (with those the
 * caller found before) and then throwing `INVALID_OPTION`: `at` (at `atPath`), `options` with
 * `timeZone` and, when `withDays`, `days` (default `fallbackDays`); when `atPath` is inside
 * `options`, `at` is read from there.
 */
export function readWindow(
  issues: IssueList,
  at: unknown,
  atPath: EngagekitErrorPath,
  options: unknown,
  withDays: boolean,
  fallbackDays = 30,
): WindowQuery {
  const { fn } = issues;
  const atInOptions = atPath[0] === 'options';
  const fields = readFields(issues, ['options'], options, {
    known: [...(atInOptions ? ['at'] : []), ...(withDays ? ['days'] : []), 'timeZone'],
    required: atInOptions ? ['at'] : [],
    optional: !atInOptions,
  });
  const instant = atInOptions ? fields?.at : at;
  const until =
    atInOptions && fields === undefined
      ? undefined
      : issues.attempt(() => readInstant(instant, { fn, path: atPath, code: 'INVALID_OPTION' }));
  const days =
    fields?.days === undefined
      ? fallbackDays
      : issues.number(['options', 'days'], fields.days, {
          integer: true,
          min: 1,
          max: MAX_WINDOW_DAYS,
          expected: `a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
        });
  const timeZone = issues.attempt(() =>
    readTimeZone(fields?.timeZone, fn, ['options', 'timeZone']),
  );
  issues.throwIfAny('INVALID_OPTION');
  // Every problem was thrown above: the values read are all there.
  return { until: until!, days: days!, timeZone: timeZone! };
}

/**
 * For the window of `days` local calendar days ending with the day of `at` (activity after `at`
 * left out): each user's number of distinct active days in the window, as a list over all users
 * seen (zeros included). One pass over the activity.
 */
export function activeDayCounts(fn: string, activity: unknown, window: WindowQuery): Int32Array {
  const { until, days } = window;
  const dayOf = dayReader(window.timeZone);
  const data = readUserDays(activity, { fn, dayOf, until, emptyWhen: 'rows' });
  const first = dayOf(until) - days + 1;
  const counts = new Int32Array(data.userIds.length);
  for (let u = 0; u < counts.length; u++) {
    const end = data.offsets[u + 1]!;
    let low = data.offsets[u]!;
    let high = end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (data.days[middle]! < first) low = middle + 1;
      else high = middle;
    }
    counts[u] = end - low;
  }
  return counts;
}
