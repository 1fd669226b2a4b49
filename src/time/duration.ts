import { type Duration, milliseconds } from 'date-fns';
import * as z from 'zod/mini';
import {
  EngagekitError,
  type EngagekitErrorCode,
  type EngagekitErrorPath,
} from '../errors/EngagekitError.js';
import { describeValue, formatPath } from '../errors/formatPath.js';
import { toEngagekitError } from '../errors/zodIssues.js';

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

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

const unit = () =>
  z.optional(
    z
      .number({ error: 'must be a finite number' })
      .check(z.minimum(0, { error: 'must not be negative' })),
  );

let millisCache: z.ZodMiniNumber<number> | undefined;
/** The number branch, built on first use. */
const millisSchema = () =>
  (millisCache ??= z
    .number({ error: 'must be a finite number of milliseconds' })
    .check(z.minimum(0, { error: 'must not be negative' })));

let unitsCache: ReturnType<typeof buildUnits> | undefined;
/** The date-fns `Duration` branch, built on first use. */
const unitsSchema = () => (unitsCache ??= buildUnits());

function buildUnits() {
  return z.pipe(
    z.strictObject({
      years: unit(),
      months: unit(),
      weeks: unit(),
      days: unit(),
      hours: unit(),
      minutes: unit(),
      seconds: unit(),
    }),
    z.transform((duration, context) => {
      if (context.issues.length > 0) return z.NEVER;
      if (!UNITS.some((name) => duration[name] !== undefined)) {
        context.issues.push({
          code: 'custom',
          message: `must name at least one unit (${UNITS.join(', ')}), e.g. { days: 14 }`,
          input: duration,
        });
        return z.NEVER;
      }
      const millis = milliseconds(duration as Duration);
      if (Number.isFinite(millis)) return millis;
      context.issues.push({
        code: 'custom',
        message: 'is too long to represent in milliseconds',
        input: duration,
      });
      return z.NEVER;
    }),
  );
}

/**
 * The zod schema of a {@link DurationInput}; parses to milliseconds.
 *
 * @remarks
 * A number of milliseconds (finite, not negative; a `Number` object is not a number), or a plain
 * object of date-fns units naming at least one of them: `{}`, a `Date` or a `Number` object are
 * not durations (they would silently mean 0). Built with `zod/mini`.
 *
 * @category Time
 */
export const durationSchema = /* @__PURE__ */ buildDurationSchema();

function buildDurationSchema() {
  return z.union([millisSchema(), unitsSchema()], {
    error: 'must be milliseconds or a date-fns Duration such as { days: 14 }',
  });
}

/** Where a duration came from, so that an error can say so. @internal */
export interface DurationContext {
  readonly fn: string;
  readonly path: EngagekitErrorPath;
  readonly code?: EngagekitErrorCode;
}

/** Whether a value is an object made by `{}` (or with a null prototype), not a class instance. */
function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Reads a duration as non-negative milliseconds or throws with the offending path. @internal */
export function readDuration(value: unknown, context: DurationContext): number {
  const code = context.code ?? 'INVALID_DURATION';
  if (typeof value === 'object' && value !== null && !isPlainObject(value)) {
    // A Date, a Number object, a class instance: zod would read its own keys only (none: 0).
    throw new EngagekitError(
      code,
      `${context.fn}: ${formatPath(context.path)} must be milliseconds or a date-fns Duration such as { days: 14 }, got ${describeValue(value)}`,
      context.path,
    );
  }
  // The branch the value's type picks, so that its own problem is reported, not the union's.
  const schema =
    typeof value === 'number'
      ? millisSchema()
      : isPlainObject(value)
        ? unitsSchema()
        : durationSchema;
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return result.data;
  // zod/mini's error carries the issues that toEngagekitError translates.
  throw toEngagekitError(result.error as Parameters<typeof toEngagekitError>[0], {
    fn: context.fn,
    path: context.path,
    code,
  });
}

/**
 * Converts a {@link DurationInput} to milliseconds.
 *
 * @param duration - Milliseconds, or a date-fns `Duration` such as `{ days: 14 }`.
 * @returns The length in milliseconds.
 * @throws {@link EngagekitError} `INVALID_DURATION` (path `['duration', ...]`) for a negative or
 * non-finite number, an unknown or negative unit, or an object that names no unit (`{}`, a `Date`,
 * a `Number` object), which would otherwise mean 0.
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
  return readDuration(duration, { fn: 'durationToMillis', path: ['duration'] });
}
