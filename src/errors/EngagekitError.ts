/**
 * The stable machine-readable reason of an {@link EngagekitError}.
 *
 * @category Errors
 */
export type EngagekitErrorCode =
  | 'INVALID_MODEL'
  | 'UNKNOWN_BEHAVIOUR'
  | 'INVALID_EVENT'
  | 'INVALID_INSTANT'
  | 'INVALID_DURATION'
  | 'INVALID_RESPONSE'
  | 'INVALID_OPTION'
  | 'INVALID_COLUMNS'
  | 'INVALID_STATE'
  | 'INVALID_ACTIVITY'
  | 'EMPTY_INPUT';

/** One step of an {@link EngagekitError.path}: an object key or an array index. */
export type EngagekitErrorPath = readonly (string | number)[];

/**
 * The one error engagekit throws for bad input.
 *
 * @remarks
 * `code` is stable and safe to branch on; `path` points at the offending field or index (for
 * example `['events', 3, 'at']`); `message` starts with the name of the function that rejected the
 * input and says what to do about it.
 *
 * @example
 * ```ts
 * import { EngagekitError, defineModel, linear, scoreAt } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });
 * try {
 *   scoreAt(model, [{ behaviour: 'visit', at: Number.NaN }], Date.UTC(2026, 0, 1));
 * } catch (error) {
 *   if (error instanceof EngagekitError) {
 *     error.code; // => 'INVALID_EVENT'
 *     error.path; // => ['events', 0, 'at']
 *   }
 * }
 * ```
 * @category Errors
 */
export class EngagekitError extends Error {
  /** Why the input was rejected. */
  readonly code: EngagekitErrorCode;
  /** Where in the input the problem is; empty when it concerns the input as a whole. */
  readonly path: EngagekitErrorPath;

  constructor(code: EngagekitErrorCode, message: string, path: EngagekitErrorPath = []) {
    super(message);
    this.name = 'EngagekitError';
    this.code = code;
    this.path = Object.freeze([...path]);
  }
}

/**
 * Whether a value is an {@link EngagekitError}, optionally with a given code.
 *
 * @param value - Anything caught.
 * @param code - When given, the code the error must carry.
 * @returns `true` when `value` is an `EngagekitError` (with that code).
 *
 * @example
 * ```ts
 * import { EngagekitError, isEngagekitError } from 'engagekit';
 *
 * isEngagekitError(new EngagekitError('INVALID_OPTION', 'x: bad')); // => true
 * isEngagekitError(new Error('boom')); // => false
 * isEngagekitError(new EngagekitError('INVALID_OPTION', 'x: bad'), 'INVALID_MODEL'); // => false
 * ```
 * @category Errors
 */
export function isEngagekitError(
  value: unknown,
  code?: EngagekitErrorCode,
): value is EngagekitError {
  return value instanceof EngagekitError && (code === undefined || value.code === code);
}
