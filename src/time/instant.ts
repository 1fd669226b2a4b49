import {
  EngagekitError,
  type EngagekitErrorCode,
  type EngagekitErrorPath,
} from '../errors/EngagekitError.js';
import { describeValue, formatPath } from '../errors/formatPath.js';

/**
 * A point in time: a `Date`, or a number of milliseconds since the Unix epoch (UTC).
 *
 * @category Time
 */
export type Instant = Date | number;

/** The largest distance from the epoch a `Date` can hold: 100,000,000 days (ECMA-262 TimeClip). */
export const MAX_INSTANT = 8.64e15;

/** Where an instant came from, so that an error can say so. @internal */
export interface InstantContext {
  readonly fn: string;
  readonly path: EngagekitErrorPath;
  readonly code?: EngagekitErrorCode;
}

/**
 * The epoch milliseconds of an instant, or `NaN` when `value` is not one: not a number or a
 * `Date`, `NaN`, an Invalid Date, or beyond ±{@link MAX_INSTANT} (the range of a `Date`). The
 * one range check for instants, without throwing, for loops over many rows that report their
 * own errors; within the range, day numbers (`millis / 86400000`) fit a 32-bit integer.
 * @internal
 */
export function instantMillis(value: unknown): number {
  const millis =
    typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Number.NaN;
  return Math.abs(millis) <= MAX_INSTANT ? millis : Number.NaN;
}

/**
 * Reads an instant as epoch milliseconds, rejecting anything that is not a real point in time.
 * @internal
 */
export function readInstant(value: unknown, context: InstantContext): number {
  const millis = instantMillis(value);
  if (!Number.isNaN(millis)) return millis;
  const where = context.path.length > 0 ? formatPath(context.path) : 'the instant';
  const hint =
    typeof value === 'string'
      ? '; parse strings first, e.g. Date.parse("2026-01-31T12:00:00Z")'
      : '; pass a valid Date or epoch milliseconds within ±8.64e15 (the range of a Date)';
  throw new EngagekitError(
    context.code ?? 'INVALID_INSTANT',
    `${context.fn}: ${where} must be a point in time, got ${describeValue(value)}${hint}`,
    context.path,
  );
}

/**
 * Converts an {@link Instant} to epoch milliseconds (UTC).
 *
 * @param instant - A `Date` or epoch milliseconds.
 * @returns The instant as a finite number of milliseconds since 1970-01-01T00:00:00Z.
 * @throws {@link EngagekitError} `INVALID_INSTANT` (path `['instant']`) for an Invalid Date, NaN,
 * anything but a number or a `Date`, or a number beyond the ±8.64e15 ms a `Date` can hold.
 *
 * @example
 * ```ts
 * import { toMillis } from 'engagekit';
 *
 * toMillis(new Date('2026-01-01T00:00:00Z')); // => 1767225600000
 * toMillis(1767225600000); // => 1767225600000
 * ```
 * @category Time
 */
export function toMillis(instant: Instant): number {
  return readInstant(instant, { fn: 'toMillis', path: ['instant'] });
}
