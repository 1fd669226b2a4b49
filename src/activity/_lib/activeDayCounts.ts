import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { readInstant } from '../../time/instant.js';
import { dayReader, readTimeZone } from '../../time/zone.js';
import { readUserDays } from './userDays.js';

/** The longest window, in days, the usage functions accept (about 27 years). */
export const MAX_WINDOW_DAYS = 10_000;

/** Reads a window length in whole days. */
export function readWindowDays(value: unknown, fn: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_WINDOW_DAYS
  ) {
    return value;
  }
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: options.days must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}, got ${describeValue(value)}`,
    ['options', 'days'],
  );
}

/**
 * For the window of `days` local calendar days ending with the day of `at` (activity after `at`
 * left out): each user's number of distinct active days in the window, as a list over all users
 * seen (zeros included). One pass over the activity.
 */
export function activeDayCounts(
  fn: string,
  activity: unknown,
  at: unknown,
  atPath: readonly (string | number)[],
  timeZone: unknown,
  days: number,
): Int32Array {
  const until = readInstant(at, { fn, path: atPath, code: 'INVALID_OPTION' });
  const dayOf = dayReader(readTimeZone(timeZone, fn, ['options', 'timeZone']));
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
