import * as z from 'zod/mini';
import { hasUnwritableCharacter, SQL_DIALECTS } from '../dialects.js';

/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants every dialect can write. */
export const FIRST_WRITABLE = -62_135_596_800_000;
export const LAST_WRITABLE = 253_402_300_799_999;

/** Past this many half-lives an exponential boost is below 2^-100 of itself: worth nothing. */
export const HALF_LIVES_TO_ZERO = 100;

/** An instant as SQL writes a UTC timestamp literal: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function utcText(millis: number): string {
  return new Date(millis).toISOString().replace('T', ' ').replace('Z', '');
}

const identifierSchema = () =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.refine((name) => !hasUnwritableCharacter(name), {
      error:
        'must not contain control characters (other than tab, newline and carriage return) or unpaired surrogates',
    }),
  );

/**
 * The options every query writer shares (zod/mini shapes): `dialect`, `at` (read by the caller),
 * `table` and `columns`. Call it inside a builder marked pure, so a bundle without the writer
 * drops it.
 */
export function sqlOptionShape() {
  return {
    dialect: z.enum(SQL_DIALECTS, {
      error: `must be one of ${SQL_DIALECTS.map((dialect) => `'${dialect}'`).join(', ')}`,
    }),
    at: z.unknown(),
    table: z.optional(
      z.union([
        identifierSchema(),
        z.array(identifierSchema()).check(z.minLength(1, { error: 'must not be empty' })),
      ]),
    ),
    columns: z.optional(
      z.strictObject({
        customer: z.optional(identifierSchema()),
        behaviour: z.optional(identifierSchema()),
        at: z.optional(identifierSchema()),
        weight: z.optional(identifierSchema()),
      }),
    ),
  };
}
