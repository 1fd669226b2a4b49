import type { Instant } from '../time/instant.js';

/**
 * One thing a customer did.
 *
 * @category Scoring
 */
export interface EngagementEvent {
  /** Id of a behaviour of the model, e.g. `'purchase'`. */
  readonly behaviour: string;
  /** When it happened. */
  readonly at: Instant;
  /** Multiplies the boost (a bigger order counts more); default 1, any finite number. */
  readonly weight?: number;
  /** Whose event it is; needed by the population functions, ignored by single-customer ones. */
  readonly customerId?: string;
}

/**
 * Options shared by the scoring functions.
 *
 * @category Scoring
 */
export interface ScoreOptions {
  /**
   * What to do with an event whose behaviour is not in the model: `'error'` (default) throws
   * `UNKNOWN_BEHAVIOUR`; `'ignore'` leaves it out of the score (and {@link explainScore} counts it).
   */
  readonly unknownBehaviour?: 'error' | 'ignore';
}
