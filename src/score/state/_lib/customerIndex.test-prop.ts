import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkWtf8,
  customerIds,
  emptyIndex,
  encodeIds,
  indexStored,
  lookupId,
  lookupIds,
} from './customerIndex.js';

/**
 * Ids drawn from any UTF-16 code units (lone surrogates too), short ones often, so they repeat;
 * and ASCII ids of 7 to 10 characters around the 8 that are their own key in the table (with
 * NUL characters, which only their length tells apart: 'c1' and 'c1\0').
 */
const id = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', 'a', 'ab', 'é', '\uD800', '\uDC00', '\uD800\uDC00', '🙂', 'c1', 'c1\u0000'),
  fc.string({
    unit: fc.constantFrom('0', '1', '\u0000', '\u007f', 'é'),
    minLength: 7,
    maxLength: 10,
  }),
);

describe('the customer index', () => {
  it('gives every id the slot a Map in order of first appearance gives it, one by one or in passes', () => {
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 200 }),
        fc.array(id, { maxLength: 50 }),
        (ids, more) => {
          const index = emptyIndex();
          const map = new Map<string, number>();
          for (const one of ids) {
            if (!map.has(one)) map.set(one, map.size);
            expect(lookupId(index, one, true)).toBe(map.get(one));
          }
          // In passes, as applyColumns does: the known ones found, the new ones added in order.
          const order = Int32Array.from(more, (_, k) => k);
          const slotOf = new Int32Array(more.length);
          lookupIds(index, more, order, more.length, slotOf);
          for (const [k, one] of more.entries()) {
            if (!map.has(one)) map.set(one, map.size);
            expect(slotOf[k]).toBe(map.get(one));
          }
          expect(index.size).toBe(map.size);
          expect(customerIds(index)).toEqual([...map.keys()]);
          expect(lookupId(index, 'not-an-id-\u0000', false)).toBe(
            map.get('not-an-id-\u0000') ?? -1,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back from its bytes the same ids, found in place before they are strings again', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(id, { maxLength: 100 }),
        fc.array(id, { maxLength: 30 }),
        (ids, probes) => {
          const index = emptyIndex();
          for (const one of ids) lookupId(index, one, true);
          const { bytes, starts } = encodeIds(index);
          for (let slot = 0; slot < ids.length; slot++) {
            expect(checkWtf8(bytes, starts[slot]!, starts[slot + 1]!)).toBe(true);
          }
          const ascii = bytes.every((byte) => byte < 0x80);
          const stored = indexStored(bytes, starts, ascii);
          if (typeof stored === 'number') throw new Error(`slot ${stored} repeats`);
          // Lookups compare the stored bytes; then every id is made a string, and they agree.
          for (const probe of probes)
            expect(lookupId(stored, probe, false)).toBe(ids.indexOf(probe));
          expect(customerIds(stored)).toEqual(ids);
          for (const probe of probes)
            expect(lookupId(stored, probe, false)).toBe(ids.indexOf(probe));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a repeated id among stored ids, and refuses bytes that are not the one form of a string', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 40 }), fc.nat(), (ids, pick) => {
        const index = emptyIndex();
        for (const one of ids) lookupId(index, one, true);
        index.added.push(ids[pick % ids.length]!); // the same id again, at the end
        index.size++;
        const { bytes, starts } = encodeIds(index);
        expect(
          indexStored(
            bytes,
            starts,
            bytes.every((byte) => byte < 0x80),
          ),
        ).toBe(ids.length);
      }),
    );
    // A surrogate pair written as two 3-byte surrogates, an overlong '/', a stray continuation.
    for (const bad of [[0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80], [0xc0, 0xaf], [0x80]]) {
      expect(checkWtf8(Uint8Array.from(bad), 0, bad.length)).toBe(false);
    }
    // Lone surrogates each alone are fine.
    expect(checkWtf8(Uint8Array.of(0xed, 0xa0, 0x80), 0, 3)).toBe(true);
  });
});
