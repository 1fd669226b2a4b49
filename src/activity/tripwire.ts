import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { type DurationInput, readDuration } from '../time/duration.js';
import { type Instant, readInstant } from '../time/instant.js';
import type { ActivityRow } from './ActivityRow.js';

/**
 * Options of {@link tripwire}.
 *
 * @category Activity
 */
export interface TripwireOptions {
  /** How long after its start a user has to do the key behaviour, e.g. `{ days: 7 }`. */
  readonly within: DurationInput;
  /** The instant of the check: later activity is ignored, unfinished windows are pending. */
  readonly asOf: Instant;
}

/**
 * The result of {@link tripwire}: user ids in the order of their starts.
 *
 * @category Activity
 */
export interface TripwireResult {
  /** Window over, key behaviour never done in it: the users to reach out to. */
  readonly missed: string[];
  /** Window still open at `asOf` and not done yet. */
  readonly pending: string[];
  /** Did the key behaviour within the window. */
  readonly done: string[];
}

function readRows(
  rows: unknown,
  name: 'starts' | 'keyActivity',
  visit: (userId: string, millis: number) => void,
): void {
  if (!Array.isArray(rows)) {
    throw new EngagekitError(
      'INVALID_ACTIVITY',
      `tripwire: ${name} must be an array of { userId, at }, got ${describeValue(rows)}`,
      [name],
    );
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as { userId?: unknown; at?: unknown } | null;
    if (row === null || typeof row !== 'object' || typeof row.userId !== 'string') {
      throw new EngagekitError(
        'INVALID_ACTIVITY',
        `tripwire: ${name}[${i}].userId must be a string in an object { userId, at }`,
        [name, i, 'userId'],
      );
    }
    const millis = readInstant(row.at, {
      fn: 'tripwire',
      path: [name, i, 'at'],
      code: 'INVALID_ACTIVITY',
    });
    visit(row.userId, millis);
  }
}

/**
 * Tripwire: users who, within a given time of their start, have not done a key behaviour.
 *
 * @remarks
 * The classic activation check ("invited a teammate within 7 days of sign-up"): a user is `done`
 * when some key activity falls in `[start, start + within]` (and not after `asOf`), `missed` when
 * that window is over by `asOf` without one, and `pending` while the window is still open. Times
 * are exact instants, not calendar days. A user started more than once counts from its earliest
 * start; starts after `asOf` are left out; key activity of users without a start is ignored. One
 * pass over each list.
 *
 * @param starts - `{ userId, at }` of each user's start (sign-up, trial start).
 * @param keyActivity - `{ userId, at }` rows of the key behaviour only.
 * @param options - `within` and `asOf`.
 * @returns The user ids, split into `missed`, `pending` and `done`.
 * @throws {@link EngagekitError} `INVALID_ACTIVITY` for a malformed row; `INVALID_OPTION` for a
 * bad `within` or `asOf`.
 *
 * @example
 * ```ts
 * import { tripwire } from 'engagekit';
 *
 * const day = 86_400_000;
 * const starts = [
 *   { userId: 'ann', at: 0 },
 *   { userId: 'bob', at: 0 },
 *   { userId: 'cy', at: 5 * day },
 * ];
 * const invitedTeammate = [
 *   { userId: 'ann', at: 2 * day },
 *   { userId: 'bob', at: 9 * day },
 * ];
 * tripwire(starts, invitedTeammate, { within: { days: 7 }, asOf: 10 * day });
 * // => { missed: ['bob'], pending: ['cy'], done: ['ann'] }
 * ```
 * @category Activity
 */
export function tripwire(
  starts: readonly ActivityRow[],
  keyActivity: readonly ActivityRow[],
  options: TripwireOptions,
): TripwireResult {
  const fn = 'tripwire';
  if (options === null || typeof options !== 'object') {
    throw new EngagekitError('INVALID_OPTION', `${fn}: options { within, asOf } are required`, [
      'options',
    ]);
  }
  const within = readDuration(options.within, {
    fn,
    path: ['options', 'within'],
    code: 'INVALID_OPTION',
  });
  const asOf = readInstant(options.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' });
  const startOf = new Map<string, number>();
  readRows(starts, 'starts', (userId, millis) => {
    if (millis > asOf) return;
    const known = startOf.get(userId);
    if (known === undefined || millis < known) startOf.set(userId, millis);
  });
  const done = new Set<string>();
  readRows(keyActivity, 'keyActivity', (userId, millis) => {
    const start = startOf.get(userId);
    if (start !== undefined && millis >= start && millis <= start + within && millis <= asOf) {
      done.add(userId);
    }
  });
  const result: TripwireResult = { missed: [], pending: [], done: [] };
  for (const [userId, start] of startOf) {
    if (done.has(userId)) result.done.push(userId);
    else if (start + within < asOf) result.missed.push(userId);
    else result.pending.push(userId);
  }
  return result;
}
