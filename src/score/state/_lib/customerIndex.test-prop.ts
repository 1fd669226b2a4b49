import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkWtf8,
  customerIds,
  emptyIndex,
  encodeIds,
  hashIds,
  indexStored,
  lookupId,
  lookupIds,
  numberKeyInto,
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

  it('keys an integer of at most 8 characters from its digits exactly as the string String writes, and no other number', () => {
    const edges = [0, -0, 1, -1, 9, 10, 99, 100, 9999, 10_000, 9_999_999, -9_999_999, 99_999_999];
    const beyond = [
      100_000_000,
      -10_000_000,
      0.5,
      -1.5,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -9_999_999, max: 99_999_999 }),
          fc.constantFrom(...edges),
          fc.constantFrom(...beyond),
          fc.double(),
          fc.integer(),
        ),
        (n) => {
          const fromDigits = new Int32Array(3).fill(7);
          const fromString = new Int32Array(3);
          const short = numberKeyInto(n, fromDigits, 0);
          // Exactly the numbers String writes as at most 8 digits and signs (not 1e+21).
          expect(short).toBe(/^-?[0-9]+$/.test(String(n)) && String(n).length <= 8);
          if (!short) {
            expect(Array.from(fromDigits)).toEqual([7, 7, 7]);
            return;
          }
          expect(hashIds([String(n)], Int32Array.of(0), 1, fromString)).toBe(-1);
          expect(Array.from(fromDigits)).toEqual(Array.from(fromString));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives a number, a bigint and the string String writes for them one slot, in passes as one by one', () => {
    const integer = fc.oneof(
      fc.integer({ min: -200, max: 200 }),
      fc.integer({ min: 99_999_990, max: 100_000_010 }),
      fc.integer({ min: -10_000_010, max: -9_999_990 }),
    );
    const form = fc.tuple(integer, fc.constantFrom('number', 'string', 'bigint'));
    fc.assert(
      fc.property(fc.array(form, { maxLength: 60 }), fc.array(form, { maxLength: 60 }), (a, b) => {
        const index = emptyIndex();
        const map = new Map<string, number>();
        for (const batch of [a, b]) {
          const given = batch.map(([n, as]) =>
            as === 'number' ? n : as === 'string' ? String(n) : BigInt(n),
          );
          const order = Int32Array.from(given, (_, k) => k);
          const keys = new Int32Array(3 * given.length);
          const slotOf = new Int32Array(given.length);
          // As applyColumns does: hashed as given, or all made strings when one cannot be keyed.
          const bad = hashIds(given, order, given.length, keys);
          const ids = bad < 0 ? (given as (string | number)[]) : given.map(String);
          if (bad >= 0) hashIds(ids, order, ids.length, keys);
          lookupIds(index, ids, order, ids.length, slotOf, keys);
          for (const [k, id] of given.entries()) {
            if (!map.has(String(id))) map.set(String(id), map.size);
            expect(slotOf[k]).toBe(map.get(String(id)));
          }
        }
        expect(customerIds(index)).toEqual([...map.keys()]);
        for (const [id, slot] of map) expect(lookupId(index, id, false)).toBe(slot);
      }),
      { numRuns: 300 },
    );
  });
});
