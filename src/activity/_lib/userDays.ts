import { EngagekitError, type EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { type IssueList, issueList } from '../../errors/issueList.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { ActivityRow } from '../ActivityRow.js';

/**
 * Activity grouped by user: for user `u`, its distinct active day numbers, ascending, are
 * `days[offsets[u] .. offsets[u + 1])`, and `day0[u]` is its day 0 (given start or first activity).
 */
export interface UserDays {
  readonly userIds: readonly string[];
  readonly day0: Int32Array;
  readonly offsets: Int32Array;
  readonly days: Int32Array;
}

/** How to read activity into {@link UserDays}. */
export interface UserDaysContext {
  readonly fn: string;
  /** Day number of epoch milliseconds in the caller's time zone. */
  readonly dayOf: (millis: number) => number;
  /** Rows after this instant (epoch ms) are left out: nothing is read from the future. */
  readonly until: number;
  /** Each user's own day 0; when given, only these users count and earlier activity is ignored. */
  readonly starts?: readonly ActivityRow[] | undefined;
  /**
   * `'users'` (default): throw `EMPTY_INPUT` when no user is left after `until`; `'rows'`: only
   * when the activity array itself is empty (a window before all activity then has no users).
   */
  readonly emptyWhen?: 'users' | 'rows';
}

/** Epoch milliseconds of an instant within the range of a Date (NaN for anything else). */
function millisOf(at: unknown): number {
  const millis = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Number.NaN;
  return millis >= -MAX_INSTANT && millis <= MAX_INSTANT ? millis : Number.NaN;
}

/** Records what is wrong with a row that is not `{ userId: string, at: instant }`. */
function rowProblems(issues: IssueList, row: unknown, path: EngagekitErrorPath): void {
  if (row === null || typeof row !== 'object') {
    issues.add(path, `must be an object { userId, at }, got ${describeValue(row)}`);
    return;
  }
  const { userId, at } = row as { userId?: unknown; at?: unknown };
  if (typeof userId !== 'string') {
    issues.add([...path, 'userId'], `must be a string, got ${describeValue(userId)}`);
  }
  if (Number.isNaN(millisOf(at))) {
    issues.add(
      [...path, 'at'],
      `must be a Date or epoch milliseconds within +-8.64e15 (the range of a Date), got ${describeValue(at)}`,
    );
  }
}

function requireArray(value: unknown, fn: string, path: EngagekitErrorPath): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new EngagekitError(
    'INVALID_ACTIVITY',
    `${fn}: ${path.join('.')} must be an array of { userId, at }, got ${describeValue(value)}`,
    path,
  );
}

/**
 * One pass over the activity: users get consecutive indices through a Map, rows become (user, day)
 * pairs in typed arrays, then a counting sort by user and a sort of each user's few days. No
 * per-row objects, no quadratic scan. Instants must be within the range of a Date (+-8.64e15 ms,
 * as everywhere in engagekit), so day numbers fit the Int32Array. Throws `INVALID_ACTIVITY` listing
 * every malformed row (and start), then `EMPTY_INPUT` as `context.emptyWhen` says.
 */
export function readUserDays(activity: unknown, context: UserDaysContext): UserDays {
  const { fn, dayOf, until } = context;
  const rows = requireArray(activity, fn, ['activity']);
  const issues = issueList(fn);
  const index = new Map<string, number>();
  const userIds: string[] = [];
  const startDays: number[] = [];
  const starts = context.starts;
  if (starts !== undefined) {
    const list = requireArray(starts, fn, ['options', 'start']);
    for (let i = 0; i < list.length; i++) {
      const row = list[i] as { userId?: unknown; at?: unknown } | null | undefined;
      const millis = row !== null && typeof row === 'object' ? millisOf(row.at) : Number.NaN;
      const userId = row?.userId;
      if (typeof userId !== 'string' || Number.isNaN(millis)) {
        rowProblems(issues, row, ['options', 'start', i]);
        continue;
      }
      if (millis > until) continue;
      const day = dayOf(millis);
      const known = index.get(userId);
      if (known === undefined) {
        index.set(userId, userIds.length);
        userIds.push(userId);
        startDays.push(day);
      } else if (day < startDays[known]!) startDays[known] = day;
    }
  }
  const count = rows.length;
  const rowUser = new Int32Array(count);
  const rowDay = new Int32Array(count);
  let kept = 0;
  let malformed = false;
  for (let i = 0; i < count; i++) {
    const row = rows[i] as { userId?: unknown; at?: unknown } | null | undefined;
    // A well-formed row costs two checks; a bad one is recorded with every problem it has.
    const millis = row !== null && typeof row === 'object' ? millisOf(row.at) : Number.NaN;
    const userId = row?.userId;
    if (typeof userId !== 'string' || Number.isNaN(millis)) {
      rowProblems(issues, row, ['activity', i]);
      malformed = true;
      continue;
    }
    // Once a row is bad the call throws: the others are only checked.
    if (millis > until || malformed) continue;
    let user = index.get(userId);
    const day = dayOf(millis);
    if (user === undefined) {
      if (starts !== undefined) continue;
      user = userIds.length;
      index.set(userId, user);
      userIds.push(userId);
    } else if (starts !== undefined && day < startDays[user]!) continue;
    rowUser[kept] = user;
    rowDay[kept] = day;
    kept++;
  }
  issues.throwIfAny('INVALID_ACTIVITY');
  const users = userIds.length;
  if (context.emptyWhen === 'rows' && count === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: activity is empty; pass at least one { userId, at }`,
      ['activity'],
    );
  }
  if (users === 0 && context.emptyWhen !== 'rows') {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: no ${starts === undefined ? 'activity' : 'start'} at or before the instant asked for; pass at least one { userId, at } that has happened`,
      [starts === undefined ? 'activity' : 'start'],
    );
  }
  const cursor = new Int32Array(users + 1);
  for (let k = 0; k < kept; k++) cursor[rowUser[k]! + 1]!++;
  for (let u = 0; u < users; u++) cursor[u + 1]! += cursor[u]!;
  const grouped = new Int32Array(kept);
  const fill = cursor.slice(0, users);
  for (let k = 0; k < kept; k++) grouped[fill[rowUser[k]!]!++] = rowDay[k]!;
  const offsets = new Int32Array(users + 1);
  const day0 = new Int32Array(users);
  let write = 0;
  for (let u = 0; u < users; u++) {
    const from = cursor[u]!;
    const to = cursor[u + 1]!;
    const segment = grouped.subarray(from, to);
    if (to - from > 1) segment.sort();
    offsets[u] = write;
    for (let k = from; k < to; k++) {
      const day = grouped[k]!;
      if (write === offsets[u] || grouped[write - 1] !== day) grouped[write++] = day;
    }
    day0[u] = starts === undefined ? grouped[offsets[u]!]! : startDays[u]!;
  }
  offsets[users] = write;
  return { userIds, day0, offsets, days: grouped.subarray(0, write) };
}

/** Whether a user has an active day in `[from, to]`, by binary search in its sorted days. */
export function activeBetween(data: UserDays, user: number, from: number, to: number): boolean {
  let low = data.offsets[user]!;
  let high = data.offsets[user + 1]!;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (data.days[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low < data.offsets[user + 1]! && data.days[low]! <= to;
}
