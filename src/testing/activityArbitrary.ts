import * as fc from 'fast-check';
import type { ActivityRow } from '../activity/index.js';

/**
 * Options of {@link activityArbitrary}.
 *
 * @category Testing
 */
export interface ActivityArbitraryOptions {
  /** How many distinct users at most (default 20). */
  readonly users?: number;
  /** Earliest activity, epoch milliseconds (default 2026-01-01T00:00:00Z). */
  readonly from?: number;
  /** Latest activity, epoch milliseconds (default 90 days after `from`). */
  readonly to?: number;
  /** Fewest rows (default 0). */
  readonly minLength?: number;
  /** Most rows (default 200). */
  readonly maxLength?: number;
}

/**
 * Activity logs: `{ userId, at }` rows at whole-millisecond instants in `[from, to]`, users
 * `u0`, `u1`, ..., several rows per user and day as real logs have, in random order.
 *
 * @param options - Users, time range and number of rows.
 * @returns An arbitrary of activity row arrays for `retention`, `stickiness`, `powerUserCurve`...
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { retention } from 'engagekit';
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
 * ```
 * @category Testing
 */
export function activityArbitrary(
  options: ActivityArbitraryOptions = {},
): fc.Arbitrary<ActivityRow[]> {
  const from = options.from ?? Date.UTC(2026, 0, 1);
  const to = options.to ?? from + 90 * 86_400_000;
  const users = Math.max(1, options.users ?? 20);
  return fc.array(
    fc.record({
      userId: fc.integer({ min: 0, max: users - 1 }).map((user) => `u${user}`),
      at: fc.integer({ min: from, max: to }),
    }),
    { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 200 },
  );
}
