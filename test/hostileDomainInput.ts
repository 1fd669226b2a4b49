/**
 * The building blocks of the domains' own hostile-input properties (src/activity, src/survey,
 * src/validity: `hostileInput.test-prop.ts`), which check each function's result more closely
 * than test/hostile.test-prop.ts does: extreme numbers, anything at all, "mostly valid" mixes,
 * options with misspelt keys, and {@link finiteOrRefused}.
 */
import fc from 'fast-check';
import { expectFiniteOrEngagekitError } from './hostileArbitraries.js';

/** Numbers an attacker tries: NaN, infinities, -0, subnormals, the largest doubles, 2^53. */
export const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(5e-324, 2 ** -1070, 1e-310, Number.MAX_VALUE, 1e308, 2 ** 53, 2 ** 53 + 2, -0),
  fc.constantFrom(1 - 2 ** -53, 0.95, 1e-10, 0.5),
);

/** Anything at all, numbers of the extreme kind more often. */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: extremeNumber },
  { weight: 2, arbitrary: fc.anything() },
  fc.constantFrom(null, undefined, '9', [], {}),
);

/** Mostly `valid`, so that the computation is reached with the extremes, sometimes `other`. */
export function mostly<T>(
  valid: fc.Arbitrary<T>,
  other: fc.Arbitrary<unknown> = anything,
  weight = 4,
): fc.Arbitrary<unknown> {
  return fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: other });
}

/** An options object of these keys (any of them left out), one with a misspelt key, or anything. */
export function options(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record(keys, { requiredKeys: [] }) },
    fc.record({ ...keys, misspelt: anything }, { requiredKeys: [] }),
    anything,
  );
}

/**
 * The property of issue 21 with a closer look: the call returns a result whose every number is
 * finite and that `check` accepts, or throws an EngagekitError with a known code whose path and
 * every issue's path are not empty and whose message starts with the function's name.
 */
export function finiteOrRefused<T>(fn: string, run: () => T, check: (result: T) => void): void {
  let returned: { readonly value: T } | undefined;
  expectFiniteOrEngagekitError(fn, () => {
    const value = run();
    returned = { value };
    return value;
  });
  if (returned !== undefined) check(returned.value);
}
