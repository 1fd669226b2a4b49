import type { Instant } from '../time/instant.js';

/**
 * One moment a user was active (a session, a page view, any event that counts as activity).
 *
 * @category Activity
 */
export interface ActivityRow {
  /** Who was active. */
  readonly userId: string;
  /** When. */
  readonly at: Instant;
}
