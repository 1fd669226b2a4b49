import * as fc from 'fast-check';
import type { ArbitraryMagnitude } from '../ArbitraryMagnitude.js';

/**
 * Amounts (boosts, caps, weights): realistic ones are 0 or `least <= |x| <= max`; extreme ones any
 * finite double (non-negative when `negative` is false).
 */
export function amountArbitrary(
  magnitude: ArbitraryMagnitude | undefined,
  { least, max, negative }: { least: number; max: number; negative: boolean },
): fc.Arbitrary<number> {
  if (magnitude === 'extreme') {
    return fc.double({
      min: negative ? -Number.MAX_VALUE : 0,
      max: Number.MAX_VALUE,
      noNaN: true,
      noDefaultInfinity: true,
    });
  }
  const size = fc.double({ min: least, max, noNaN: true });
  const signed = negative
    ? fc.tuple(size, fc.boolean()).map(([value, minus]) => (minus ? -value : value))
    : size;
  return fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: signed });
}

/**
 * Up to `count` distinct ids drawn from `ids` (fewer when it repeats itself; what is not a string
 * is left out, and `${prefix}0` stands in when nothing is left), or the fixed ids `${prefix}0`,
 * `${prefix}1`, ... Never waits for distinct values an arbitrary may not have: a
 * `fc.uniqueArray` with a `minLength` would loop for ever on `fc.constant('a')`.
 */
export function idsArbitrary(
  count: number,
  ids: fc.Arbitrary<unknown> | undefined,
  prefix: string,
): fc.Arbitrary<string[]> {
  if (ids === undefined)
    return fc.constant(Array.from({ length: count }, (_, i) => `${prefix}${i}`));
  return fc.array(ids, { minLength: count, maxLength: count }).map((drawn) => {
    const distinct = [...new Set(drawn.filter((id): id is string => typeof id === 'string'))];
    return distinct.length === 0 ? [`${prefix}0`] : distinct;
  });
}
