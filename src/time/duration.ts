import { type Duration, milliseconds } from 'date-fns';
import * as z from 'zod';
import type { EngagekitErrorCode, EngagekitErrorPath } from '../errors/EngagekitError.js';
import { parseWith } from '../errors/zodIssues.js';

/**
 * A length of time: milliseconds, or a date-fns `Duration` such as `{ days: 14 }`.
 *
 * @remarks
 * Months and years are converted as date-fns `milliseconds()` does (a year is 365.2425 days, a month
 * a twelfth of that), because a decay has no calendar to anchor to.
 *
 * @category Time
 */
export type DurationInput = number | Duration;

const unit = z
  .number({ error: 'must be a finite number' })
  .min(0, { error: 'must not be negative' })
  .optional();

/**
 * The zod schema of a {@link DurationInput}; parses to milliseconds.
 *
 * @category Time
 */
export const durationSchema = z
  .union(
    [
      z
        .number({ error: 'must be a finite number of milliseconds' })
        .min(0, { error: 'must not be negative' }),
      z
        .strictObject({
          years: unit,
          months: unit,
          weeks: unit,
          days: unit,
          hours: unit,
          minutes: unit,
          seconds: unit,
        })
        .transform((duration, context) => {
          const millis = milliseconds(duration as Duration);
          if (Number.isFinite(millis)) return millis;
          context.addIssue({ code: 'custom', message: 'is too long to represent in milliseconds' });
          return z.NEVER;
        }),
    ],
    { error: 'must be milliseconds or a date-fns Duration such as { days: 14 }' },
  )
  .meta({
    description: 'Milliseconds, or a date-fns Duration such as { "days": 14 }.',
  });

/** Where a duration came from, so that an error can say so. @internal */
export interface DurationContext {
  readonly fn: string;
  readonly path: EngagekitErrorPath;
  readonly code?: EngagekitErrorCode;
}

/** Reads a duration as non-negative milliseconds or throws with the offending path. @internal */
export function readDuration(value: unknown, context: DurationContext): number {
  return parseWith(durationSchema, value, {
    fn: context.fn,
    path: context.path,
    code: context.code ?? 'INVALID_DURATION',
  });
}

/**
 * Converts a {@link DurationInput} to milliseconds.
 *
 * @param duration - Milliseconds, or a date-fns `Duration` such as `{ days: 14 }`.
 * @returns The length in milliseconds.
 * @throws {@link EngagekitError} `INVALID_DURATION` for negative, non-finite or unknown units.
 *
 * @example
 * ```ts
 * import { durationToMillis } from 'engagekit';
 *
 * durationToMillis({ days: 14 }); // => 1209600000
 * durationToMillis({ hours: 1, minutes: 30 }); // => 5400000
 * durationToMillis(250); // => 250
 * ```
 * @category Time
 */
export function durationToMillis(duration: DurationInput): number {
  return readDuration(duration, { fn: 'durationToMillis', path: [] });
}
