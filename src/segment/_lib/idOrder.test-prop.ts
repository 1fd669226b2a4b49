import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idOrder } from './idOrder.js';

/** Distinct ids: short ones over few code units (long shared prefixes, one a prefix of another). */
const idsArbitrary = fc.uniqueArray(
  fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', '\u0000', '\uffff', '😀'), maxLength: 24 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.nat({ max: 100_000 }).map((n) => `customer-${n}`),
  ),
  { maxLength: 300 },
);

describe('idOrder', () => {
  it('orders ids as sorting them with < does, code unit by code unit', () => {
    fc.assert(
      fc.property(idsArbitrary, (ids) => {
        const expected = ids.map((_, c) => c).sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
        expect(Array.from(idOrder(ids))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts ids sharing a prefix of 100,000 code units without deep recursion', () => {
    const prefix = 'x'.repeat(100_000);
    // 40 suffixes (so past the insertion sort for fewer than 16), in a scrambled order.
    const suffixes = Array.from({ length: 40 }, (_, k) => ((k * 17) % 40).toString(36));
    const ids = [...suffixes.map((suffix) => `${prefix}${suffix}`), prefix];
    const sorted = Array.from(idOrder(ids), (c) => ids[c]!.slice(100_000));
    expect(sorted).toEqual(['', ...[...suffixes].sort()]);
  });
});
