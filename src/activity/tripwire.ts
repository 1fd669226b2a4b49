import { describeValue } from '../errors/formatPath.js';
import { type IssueList, issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
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

interface Row {
  readonly userId: string;
  readonly millis: number;
}

/** The rows of `starts` or `keyActivity`, every malformed one recorded on `issues`. */
function readRows(issues: IssueList, rows: unknown, name: 'starts' | 'keyActivity'): Row[] {
  if (!Array.isArray(rows)) {
    issues.add([name], `must be an array of { userId, at }, got ${describeValue(rows)}`);
    return [];
  }
  const read: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as { userId?: unknown; at?: unknown } | null;
    if (row === null || typeof row !== 'object') {
      issues.add([name, i], `must be an object { userId, at }, got ${describeValue(row)}`);
      continue;
    }
    if (typeof row.userId !== 'string') {
      issues.add([name, i, 'userId'], `must be a string, got ${describeValue(row.userId)}`);
    }
    const millis = issues.attempt(() =>
      readInstant(row.at, { fn: 'tripwire', path: [name, i, 'at'], code: 'INVALID_ACTIVITY' }),
    );
    if (typeof row.userId === 'string' && millis !== undefined) {
      read.push({ userId: row.userId, millis });
    }
  }
  return read;
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
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options (`within`, `asOf`, an unknown
 * field); `INVALID_ACTIVITY` for malformed rows (an instant outside +-8.64e15 ms included).
 * `error.issues` lists every problem found, not only the first.
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
  const issues = issueList(fn);
  const fields = readFields(issues, ['options'], options, {
    known: ['within', 'asOf'],
    required: ['within', 'asOf'],
  });
  const within =
    fields === undefined
      ? undefined
      : issues.attempt(() =>
          readDuration(fields.within, { fn, path: ['options', 'within'], code: 'INVALID_OPTION' }),
        );
  const asOf =
    fields === undefined
      ? undefined
      : issues.attempt(() =>
          readInstant(fields.asOf, { fn, path: ['options', 'asOf'], code: 'INVALID_OPTION' }),
        );
  issues.throwIfAny('INVALID_OPTION');
  const startRows = readRows(issues, starts, 'starts');
  const keyRows = readRows(issues, keyActivity, 'keyActivity');
  issues.throwIfAny('INVALID_ACTIVITY');
  // Every problem was thrown above: the values read are all there.
  const [window, until] = [within!, asOf!];
  const startOf = new Map<string, number>();
  for (const { userId, millis } of startRows) {
    if (millis > until) continue;
    const known = startOf.get(userId);
    if (known === undefined || millis < known) startOf.set(userId, millis);
  }
  const done = new Set<string>();
  for (const { userId, millis } of keyRows) {
    const start = startOf.get(userId);
    // millis - start <= window rather than millis <= start + window, which may overflow.
    if (start !== undefined && millis >= start && millis - start <= window && millis <= until) {
      done.add(userId);
    }
  }
  const result: TripwireResult = { missed: [], pending: [], done: [] };
  for (const [userId, start] of startOf) {
    if (done.has(userId)) result.done.push(userId);
    else if (until - start > window) result.missed.push(userId);
    else result.pending.push(userId);
  }
  return result;
}
