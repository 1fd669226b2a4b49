import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { addIssue, type Issues } from './issues.js';

/** A plain decimal, as SQL engines print counts and sums: `12`, `-3`, `12.50`, `1.5e3`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number, bigint or decimal string as a finite number; `undefined` when it is none. */
function finiteFrom(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && DECIMAL.test(value)
          ? Number(value)
          : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

function problemOf(value: unknown, what: string): string {
  if (typeof value === 'string') {
    return `must be ${what}; the string ${describeValue(value)} is not a plain decimal such as "12" or "12.5"`;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return `must be ${what}, got ${typeof value === 'bigint' ? `${value}n` : describeValue(value)}`;
  }
  return `must be ${what} (a number, a bigint or a decimal string), got ${describeValue(value)}`;
}

/**
 * The least effective sample size a comparison of two rates takes: the least normal number,
 * 2^-1022 (about 2.2e-308). Below it the variance of a rate, `p (1 - p) / n`, overflows.
 */
export const LEAST_COUNT = 2 ** -1022;

/**
 * Reads a `RateCount` (number, bigint or decimal string) as a finite number >= 0; records a
 * problem naming `path` and returns 0 when it is not one.
 */
export function readCount(value: unknown, issues: Issues, path: EngagekitErrorPath): number {
  const number = finiteFrom(value);
  if (number !== undefined && number >= 0) return number === 0 ? 0 : number;
  addIssue(issues, path, problemOf(value, 'a finite count >= 0'));
  return 0;
}

/**
 * Reads a finite number of any sign that may come from SQL as a bigint or a decimal string (a
 * period number); records a problem and returns 0 when it is not one.
 */
export function readFinite(value: unknown, issues: Issues, path: EngagekitErrorPath): number {
  const number = finiteFrom(value);
  if (number !== undefined) return number;
  addIssue(issues, path, problemOf(value, 'a finite number'));
  return 0;
}
