import { MAX_INSTANT } from '../../time/instant.js';
import { addIssue, type Issues } from './issues.js';
import { readAt, readId, readRecord } from './readEventParts.js';

/** Each user's visits, users in order of first appearance. */
export interface UserVisits {
  /** Activity rows read. */
  readonly rows: number;
  /** Users with at least one row. */
  readonly users: number;
  /** `starts[u] .. starts[u + 1]` index user `u`'s visits in `visitAt`. */
  readonly starts: Uint32Array;
  /** The instant each visit began, ascending per user. */
  readonly visitAt: Float64Array;
}

/**
 * Reads activity rows `{ userId, at }` (recording every problem) and turns each user's rows into
 * visits: a row more than `timeout` ms after the user's previous row starts a new visit; rows
 * closer together (at the same instant, with a timeout of 0) are one visit.
 */
export function readVisits(activity: unknown, timeout: number, issues: Issues): UserVisits {
  const empty = { rows: 0, users: 0, starts: new Uint32Array(1), visitAt: new Float64Array(0) };
  if (!Array.isArray(activity)) {
    addIssue(issues, ['activity'], 'must be an array of activity rows { userId, at }');
    return empty;
  }
  const userOf = new Map<string, number>();
  const rowUser = new Uint32Array(activity.length);
  const rowAt = new Float64Array(activity.length);
  let rows = 0;
  for (let index = 0; index < activity.length; index++) {
    const row: unknown = activity[index];
    if (row === null || typeof row !== 'object') {
      readRecord(row, issues, ['activity', index], 'an activity row { userId, at }');
      continue;
    }
    const { userId, at: when } = row as Record<string, unknown>;
    // The common case checked inline: no path is built for a good row.
    const user =
      typeof userId === 'string' && userId !== ''
        ? userId
        : readId(userId, issues, ['activity', index, 'userId']);
    const at =
      typeof when === 'number' && when >= -MAX_INSTANT && when <= MAX_INSTANT
        ? when
        : readAt(when, issues, ['activity', index, 'at']);
    if (user === undefined || at === undefined) continue;
    let u = userOf.get(user);
    if (u === undefined) {
      u = userOf.size;
      userOf.set(user, u);
    }
    rowUser[rows] = u;
    rowAt[rows] = at;
    rows++;
  }
  if (issues.list.length > 0) return empty;
  const users = userOf.size;
  // Counting sort by user, then each user's instants in order.
  const starts = new Uint32Array(users + 1);
  for (let i = 0; i < rows; i++) starts[rowUser[i]! + 1]!++;
  for (let u = 0; u < users; u++) starts[u + 1]! += starts[u]!;
  const fill = starts.slice(0, users);
  const sorted = new Float64Array(rows);
  for (let i = 0; i < rows; i++) sorted[fill[rowUser[i]!]!++] = rowAt[i]!;
  const visitStarts = new Uint32Array(users + 1);
  let visits = 0;
  for (let u = 0; u < users; u++) {
    const slice = sorted.subarray(starts[u]!, starts[u + 1]!);
    slice.sort();
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < slice.length; i++) {
      const at = slice[i]!;
      if (i === 0 || at - previous > timeout) sorted[visits++] = at;
      previous = at;
    }
    visitStarts[u + 1] = visits;
  }
  return { rows, users, starts: visitStarts, visitAt: sorted.subarray(0, visits) };
}
