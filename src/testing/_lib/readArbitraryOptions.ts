import * as fc from 'fast-check';
import type { EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { IssueList } from '../../errors/issueList.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { ArbitraryMagnitude } from '../ArbitraryMagnitude.js';

/**
 * The largest size (a length, a number of users, customers or behaviours) an arbitrary of
 * `engagekit/testing` takes: past it a host's test would allocate or loop for minutes, and a
 * mistyped `1e9` is far more likely than a wish for a billion rows.
 */
export const MAX_ARBITRARY_SIZE = 1_000_000;

/** A size option: `fallback` when left out, else a whole number from `least` to the largest size. */
export function readSize(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
  fallback: number,
  least = 0,
): number | undefined {
  if (value === undefined) return fallback;
  return issues.number(path, value, {
    integer: true,
    min: least,
    max: MAX_ARBITRARY_SIZE,
    expected: `a whole number from ${least} to ${MAX_ARBITRARY_SIZE.toLocaleString('en-US')}`,
  });
}

/** A yes/no option: `fallback` when left out, else `true` or `false`. */
export function readFlag(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
  fallback: boolean,
): boolean | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  issues.add(path, `must be true or false, got ${describeValue(value)}`);
  return undefined;
}

/** An epoch-milliseconds option: whole milliseconds within the range of a `Date`. */
export function readMillis(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
): number | undefined {
  return issues.number(path, value, {
    integer: true,
    min: -MAX_INSTANT,
    max: MAX_INSTANT,
    expected: 'whole epoch milliseconds within ±8.64e15 (the range of a Date)',
  });
}

/**
 * The `[from, to]` range of an arbitrary's instants: `from` (default `defaultFrom`) and `to`
 * (default `from + span`, kept within the range of a `Date`), with `from <= to`.
 */
export function readTimeRange(
  issues: IssueList,
  path: EngagekitErrorPath,
  fields: { readonly from?: unknown; readonly to?: unknown },
  defaultFrom: number,
  span: number,
): { from: number; to: number } | undefined {
  const from =
    fields.from === undefined ? defaultFrom : readMillis(issues, [...path, 'from'], fields.from);
  const to =
    fields.to === undefined
      ? from === undefined
        ? undefined
        : Math.min(from + span, MAX_INSTANT)
      : readMillis(issues, [...path, 'to'], fields.to);
  if (from === undefined || to === undefined) return undefined;
  if (to < from) {
    issues.add(
      [...path, fields.to === undefined ? 'from' : 'to'],
      `must leave a range: to (${new Date(to).toISOString()}) is before from (${new Date(from).toISOString()})${fields.from === undefined ? ', the default; give from too' : ''}`,
    );
    return undefined;
  }
  return { from, to };
}

/** A duration option in whole milliseconds, from 1 to the range of a `Date`. */
export function readMaxDuration(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
  fallback: number,
): number | undefined {
  if (value === undefined) return fallback;
  return issues.number(path, value, {
    integer: true,
    min: 1,
    max: MAX_INSTANT,
    expected: 'whole milliseconds from 1 to 8.64e15',
  });
}

/** The `magnitude` option: `'realistic'` (the default) or `'extreme'`. */
export function readMagnitude(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
): ArbitraryMagnitude | undefined {
  if (value === undefined) return 'realistic';
  return issues.oneOf(path, value, ['realistic', 'extreme'] as const);
}

/** Whether a value is a fast-check arbitrary (of any copy of fast-check: checked by its methods). */
function isArbitrary(value: unknown): value is fc.Arbitrary<unknown> {
  const candidate = value as Partial<Record<'generate' | 'shrink' | 'filter' | 'map', unknown>>;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof candidate.generate === 'function' &&
    typeof candidate.shrink === 'function' &&
    typeof candidate.filter === 'function' &&
    typeof candidate.map === 'function'
  );
}

/** An option holding a fast-check arbitrary of ids (`fc.uuid()`, `fc.string()`), or left out. */
export function readIdArbitrary(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
): fc.Arbitrary<unknown> | undefined {
  if (value === undefined || isArbitrary(value)) return value;
  issues.add(
    path,
    `must be a fast-check arbitrary of strings such as fc.uuid(), got ${describeValue(value)}`,
  );
  return undefined;
}

/**
 * The `minLength` and `maxLength` options of an array arbitrary: whole numbers up to the largest
 * size, `maxLength` (when left out, the larger of its default and `minLength`) at least
 * `minLength`.
 */
export function readLengths(
  issues: IssueList,
  least: unknown,
  most: unknown,
  defaultMin: number,
  defaultMax: number,
): { minLength: number; maxLength: number } | undefined {
  const minLength = readSize(issues, ['options', 'minLength'], least, defaultMin);
  const maxLength = readSize(
    issues,
    ['options', 'maxLength'],
    most,
    Math.max(defaultMax, minLength ?? 0),
  );
  if (minLength === undefined || maxLength === undefined) return undefined;
  if (maxLength < minLength) {
    issues.add(
      ['options', 'maxLength'],
      `must be at least minLength (${minLength}), got ${maxLength}`,
    );
    return undefined;
  }
  return { minLength, maxLength };
}

/** One of `ids`, drawn by index: `fc.constantFrom(...ids)` would overflow the stack on a million. */
export function oneOfIds(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.nat(ids.length - 1).map((index) => ids[index]!);
}
