import * as fc from 'fast-check';
import type { ActivityRow } from '../activity/index.js';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { idsArbitrary } from './_lib/amount.js';
import {
  oneOfIds,
  readIdArbitrary,
  readLengths,
  readSize,
  readTimeRange,
} from './_lib/readArbitraryOptions.js';

const DAY = 86_400_000;

/**
 * Options of {@link activityArbitrary}.
 *
 * @category Testing
 */
export interface ActivityArbitraryOptions {
  /** How many distinct users at most (default 20, at most 1,000,000). */
  readonly users?: number;
  /**
   * Where user ids come from: by default the fixed ids `u0`, `u1`, ...; pass an arbitrary (e.g.
   * `fc.uuid()`, or the id format of the host's database) to draw up to `users` distinct ids from
   * it (fewer when it repeats itself).
   */
  readonly userIds?: fc.Arbitrary<string>;
  /** Earliest activity, epoch milliseconds (default 2026-01-01T00:00:00Z). */
  readonly from?: number;
  /** Latest activity, epoch milliseconds (default 90 days after `from`). */
  readonly to?: number;
  /** Fewest rows (default 0). */
  readonly minLength?: number;
  /** Most rows (default 200, at least `minLength`, at most 1,000,000). */
  readonly maxLength?: number;
}

/**
 * Activity logs: `{ userId, at }` rows at whole-millisecond instants in `[from, to]`, users
 * `u0`, `u1`, ..., several rows per user and day as real logs have, in random order.
 *
 * @param options - Users, user ids, time range and number of rows.
 * @returns An arbitrary of activity row arrays for `retention`, `stickiness`, `powerUserCurve`...
 * @throws `EngagekitError` `INVALID_OPTION` at the call (not when fast-check draws) for
 * options that are not an object, a size that is not a whole number from 0 (1 for `users`) to
 * 1,000,000, `minLength > maxLength`, an instant that is not whole milliseconds within the range
 * of a `Date`, `to` before `from`, or a `userIds` that is not an arbitrary; every problem is listed.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { EngagekitError, retention } from 'engagekit';
 * import { activityArbitrary } from 'engagekit/testing';
 *
 * // D1 retention 'on or after' is never below 'on'.
 * const asOf = Date.UTC(2026, 5, 1);
 * fc.assert(
 *   fc.property(activityArbitrary({ minLength: 1 }), (activity) => {
 *     const [on] = retention(activity, { days: [1], mode: 'on', asOf });
 *     const [later] = retention(activity, { days: [1], mode: 'onOrAfter', asOf });
 *     return (later?.retained ?? 0) >= (on?.retained ?? 0);
 *   }),
 * );
 * fc.sample(activityArbitrary({ users: 3 }), { numRuns: 30, seed: 9 }).flat().every((row) => /^u[0-2]$/.test(row.userId)); // => true
 * fc.sample(activityArbitrary({ userIds: fc.uuid() }), { numRuns: 30, seed: 9 }).flat().every((row) => row.userId.length === 36); // => true
 * try {
 *   activityArbitrary({ minLength: 5, maxLength: 2 });
 * } catch (error) {
 *   if (error instanceof EngagekitError) error.path; // => ['options', 'maxLength']
 * }
 * ```
 * @category Testing
 */
export function activityArbitrary(
  options: ActivityArbitraryOptions = {},
): fc.Arbitrary<ActivityRow[]> {
  const issues = issueList('activityArbitrary');
  const fields = readFields(issues, ['options'], options, {
    known: ['users', 'userIds', 'from', 'to', 'minLength', 'maxLength'],
    optional: true,
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const { users: usersOption, userIds: idsOption, minLength: least, maxLength: most } = fields!;
  const range = readTimeRange(issues, ['options'], fields!, Date.UTC(2026, 0, 1), 90 * DAY);
  const users = readSize(issues, ['options', 'users'], usersOption, 20, 1);
  const userIds = readIdArbitrary(issues, ['options', 'userIds'], idsOption);
  const lengths = readLengths(issues, least, most, 0, 200);
  issues.throwIfAny('INVALID_OPTION');
  const { from, to } = range!;
  return idsArbitrary(users!, userIds, 'u').chain((ids) =>
    fc.array(
      fc.record({ userId: oneOfIds(ids), at: fc.integer({ min: from, max: to }) }),
      lengths!,
    ),
  );
}
