import { EngagekitError, type EngagekitErrorPath } from '../errors/EngagekitError.js';

/**
 * Returns `total` when it is a finite number; otherwise throws `OVERFLOW` at `path`, with a
 * message that starts with `fn`, says what `what` is (e.g. `the score at 1767225600000`) and what
 * to do. The one check that a computed total (a score, a behaviour's sum) never leaves the library
 * as `Infinity` or `NaN`: a sum whose terms are finite overflows only when they add up beyond
 * ±1.8e308 (in the order summed), and then its compensated form turns into `NaN`.
 */
export function finiteTotal(
  total: number,
  fn: string,
  path: EngagekitErrorPath,
  what: string,
): number {
  if (total - total === 0) return total;
  throw overflowError(fn, path, what);
}

/** The `OVERFLOW` error of {@link finiteTotal}, for callers that collect several problems. */
export function overflowError(fn: string, path: EngagekitErrorPath, what: string): EngagekitError {
  return new EngagekitError(
    'OVERFLOW',
    `${fn}: ${what} is beyond the range of a number (±1.8e308); scale the boosts or weights down`,
    path,
  );
}
