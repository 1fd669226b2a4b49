import type { DurationInput } from '../time/duration.js';

/**
 * Options of {@link visitFrequency} and {@link timeBetweenVisits}.
 *
 * @category Rates
 */
export interface VisitOptions {
  /** Confidence level of the intervals; default 0.95. */
  readonly confidence?: number;
  /**
   * How long a user may be idle within one visit: a row more than this after the user's previous
   * row starts a new visit. Milliseconds or a date-fns `Duration` (`{ minutes: 30 }` is Google
   * Analytics' session timeout). Default 0: each row is a visit, rows at the same instant one.
   */
  readonly visitTimeout?: DurationInput;
}
