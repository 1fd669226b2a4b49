import * as z from 'zod/mini';
import { durationSchema } from '../time/duration.js';
import { timeZoneOf } from '../time/zone.js';

const isTimeZone = (value: string): boolean => timeZoneOf(value) !== undefined;

/**
 * The zod schema (`zod/mini`) of a behaviour's {@link FrequencyCap}: `{ count, per: 'day',
 * timeZone? }` or `{ count, window }`, exactly one of `per` and `window`.
 *
 * @category Model
 */
export const frequencyCapSchema = /* @__PURE__ */ buildFrequencyCapSchema();

function buildFrequencyCapSchema() {
  return z
    .strictObject({
      count: z.number({ error: 'must be a whole number of events, at least 1' }).check(
        z.refine((count) => Number.isInteger(count) && count >= 1, {
          error: 'must be a whole number of events, at least 1',
        }),
      ),
      per: z.optional(z.literal('day', { error: "must be 'day'" })),
      timeZone: z.optional(
        z.string({ error: 'must be a time zone name' }).check(
          z.refine(isTimeZone, {
            error:
              "must be an IANA time zone such as 'Europe/Amsterdam' or 'UTC', or an offset such as '+05:30'",
          }),
        ),
      ),
      window: z.optional(
        durationSchema.check(
          z.refine((millis) => millis > 0, { error: 'must be longer than zero' }),
        ),
      ),
    })
    .check(
      z.refine((cap) => (cap.per === undefined) !== (cap.window === undefined), {
        error: "must give either per: 'day' or a rolling window, e.g. { count: 20, per: 'day' }",
        path: ['per'],
      }),
      z.refine((cap) => cap.timeZone === undefined || cap.per === 'day', {
        error: "applies to per: 'day' only; a rolling window has no calendar",
        path: ['timeZone'],
      }),
    );
}

/**
 * At most `count` events of a behaviour count per calendar day (in `timeZone`, default UTC), or
 * per rolling `window` (milliseconds). Which events count never depends on the input's order: a
 * behaviour's events are taken by `at` ascending, then weight descending; see the concepts guide.
 *
 * @category Model
 */
export type FrequencyCap =
  | { readonly count: number; readonly per: 'day'; readonly timeZone?: string }
  | { readonly count: number; readonly window: number };
