/**
 * Every code an {@link EngagekitError} can carry, for hosts that map codes to their own handling
 * (an HTTP status, a log level).
 *
 * @remarks
 * - `INVALID_MODEL`: a model configuration (`defineModel`, `parseModel`, a model passed to `toSql`).
 * - `UNKNOWN_BEHAVIOUR`: an event of a behaviour the model does not define.
 * - `INVALID_EVENT`: a malformed event (time, weight, behaviour field).
 * - `INVALID_INSTANT` / `INVALID_DURATION`: an instant or a duration that is not one.
 * - `INVALID_RESPONSE`: a survey answer off the scale, not a whole number, or a bad weight.
 * - `INVALID_OPTION`: a bad option or argument.
 * - `INVALID_COLUMNS`: typed columns of different lengths or with out-of-range values.
 * - `INVALID_STATE`: an incremental score state that is malformed or belongs to another model.
 * - `INVALID_ACTIVITY`: a malformed activity row.
 * - `EMPTY_INPUT`: nothing to compute on (an empty sample), rather than a fake 0.
 * - `POOL_CLOSED` / `WORKER_FAILED`: a worker pool call (`engagekit/node`) abandoned because the
 *   pool was closed, or because a worker thread died while it ran.
 * - `OVERFLOW`: a computed total (a score, a behaviour's sum) is beyond the range of a number,
 *   rather than a silent `Infinity` or `NaN`; scale the boosts or weights down.
 *
 * @example
 * ```ts
 * import { ENGAGEKIT_ERROR_CODES } from 'engagekit';
 *
 * ENGAGEKIT_ERROR_CODES.includes('UNKNOWN_BEHAVIOUR'); // => true
 * ```
 * @category Errors
 */
export const ENGAGEKIT_ERROR_CODES = [
  'INVALID_MODEL',
  'UNKNOWN_BEHAVIOUR',
  'INVALID_EVENT',
  'INVALID_INSTANT',
  'INVALID_DURATION',
  'INVALID_RESPONSE',
  'INVALID_OPTION',
  'INVALID_COLUMNS',
  'INVALID_STATE',
  'INVALID_ACTIVITY',
  'EMPTY_INPUT',
  'POOL_CLOSED',
  'WORKER_FAILED',
  'OVERFLOW',
] as const;

/**
 * The stable machine-readable reason of an {@link EngagekitError}; see
 * {@link ENGAGEKIT_ERROR_CODES}.
 *
 * @category Errors
 */
export type EngagekitErrorCode = (typeof ENGAGEKIT_ERROR_CODES)[number];

/** One step of an {@link EngagekitError.path}: an object key or an array index. */
export type EngagekitErrorPath = readonly (string | number)[];

/**
 * One problem found in the input: where it is and what to do about it.
 *
 * @category Errors
 */
export interface EngagekitIssue {
  /** Where in the input the problem is; empty when it concerns the input as a whole. */
  readonly path: EngagekitErrorPath;
  /** The problem, starting with the function's name, as a person reads it. */
  readonly message: string;
}

/**
 * The brand every {@link EngagekitError} carries, shared through the global symbol registry, so
 * that two copies of the class (an ESM and a CommonJS build loaded side by side, two bundles of
 * the package) recognise each other's errors.
 */
const BRAND: unique symbol = Symbol.for('engagekit.error') as never;

/** Whether a value carries the brand of an {@link EngagekitError} of any copy of the package. */
function isBranded(value: unknown): value is EngagekitError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { readonly [BRAND]?: unknown })[BRAND] === true
  );
}

/**
 * The one error engagekit throws for bad input.
 *
 * @remarks
 * `code` is stable and safe to branch on; `path` points at the offending field or index (for
 * example `['events', 3, 'at']`); `message` starts with the name of the function that rejected the
 * input and says what to do about it. `issues` lists every problem found, each with its path and
 * message (the first is the error's own `path` and `message`).
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
  /** Every problem found, in the order found; at least one. */
  readonly issues: readonly EngagekitIssue[];

  /** Recognises an error of any copy of the package by its brand. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(value);
  }

  constructor(
    code: EngagekitErrorCode,
    message: string,
    path: EngagekitErrorPath = [],
    issues?: readonly EngagekitIssue[],
  ) {
    super(message);
    this.name = 'EngagekitError';
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.path = Object.freeze([...path]);
    this.issues = Object.freeze(
      (issues === undefined || issues.length === 0 ? [{ path, message }] : issues).map((issue) =>
        Object.freeze({ path: Object.freeze([...issue.path]), message: issue.message }),
      ),
    );
  }
}

/**
 * Whether a value is an {@link EngagekitError}, optionally with a given code.
 *
 * @param value - Anything caught.
 * @param code - When given, the code the error must carry.
 * @returns `true` when `value` is an `EngagekitError` (with that code), of this copy of the
 * package or of another one (it checks the brand `Symbol.for('engagekit.error')`).
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
  return isBranded(value) && (code === undefined || value.code === code);
}
