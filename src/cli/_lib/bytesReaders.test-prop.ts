import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../time/_lib/parseIsoInstant.js';
import { numberFrom } from '../fields.js';
import { byteInterner } from './byteInterner.js';
import { floorMillis } from './floorMillis.js';
import { parseDecimalBytes } from './parseDecimalBytes.js';
import { parseIsoBytes } from './parseIsoBytes.js';

const encoder = new TextEncoder();

/** `text` placed inside other bytes, as a field sits inside a CSV chunk: [start, end) of it. */
function embedded(text: string, before: string, after: string) {
  const bytes = encoder.encode(`${before}${text}${after}`);
  const start = encoder.encode(before).length;
  return { bytes, start, end: start + encoder.encode(text).length };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** ISO 8601 instants of every form parseIsoInstant reads, and near misses of them. */
const isoLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    fraction: fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
    separator: fc.constantFrom('T', ' ', 't', 'x'),
    zone: fc.constantFrom('Z', 'z', '', '+01:00', '-0530', '+14', '+2400', '-00:60', '+1:00', 'Q'),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.separator}${pad(p.hour, 2)}:${pad(p.minute, 2)}${p.second === null ? '' : `:${pad(p.second, 2)}${p.fraction === null ? '' : `.${p.fraction}`}`}${p.zone}`,
  );

/** Text cut or changed at one place, to reach every early return of the parsers. */
const mutated = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text,
    fc
      .tuple(text, fc.nat(), fc.nat())
      .map(
        ([t, at, length]) =>
          t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + (length % 3)),
      ),
    fc.tuple(text, fc.nat(), fc.string({ maxLength: 2 })).map(([t, at, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i);
    }),
  );

describe('parseIsoBytes', () => {
  it('reads the same instant as parseIsoInstant from the same text, or leaves it to the text path', () => {
    fc.assert(
      fc.property(
        mutated(isoLike),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (text, before, after) => {
          const { bytes, start, end } = embedded(text, before, `,${after}`);
          const fromBytes = parseIsoBytes(bytes, start, end);
          const fromText = parseIsoInstant(text);
          if (Number.isNaN(fromBytes)) {
            // Left to the text path: only what the text parser refuses too, or years 0 to 99.
            expect(Number.isNaN(fromText) || /^00\d\d-/.test(text)).toBe(true);
          } else {
            expect(fromBytes).toBe(fromText);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads instants across the whole range of four-digit years as Date.UTC does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        (millis) => {
          const text = new Date(millis).toISOString();
          const { bytes, start, end } = embedded(text, '', '');
          expect(parseIsoBytes(bytes, start, end)).toBe(millis);
        },
      ),
    );
  });
});

describe('parseDecimalBytes', () => {
  it('reads the number numberFrom reads from the same text, or leaves it to the text path', () => {
    const decimal = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.stringMatching(/^[+-]?[0-9]{0,18}(\.[0-9]{0,18})?$/),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(mutated(decimal), (text) => {
        const { bytes, start, end } = embedded(text, '9', '7');
        const fromBytes = parseDecimalBytes(bytes, start, end);
        if (!Number.isNaN(fromBytes)) expect(fromBytes).toBe(numberFrom(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads every plain decimal of up to 15 digits without the text path', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{1,8}(\.[0-9]{1,7})?$/), (text) => {
        const { bytes, start, end } = embedded(text, '', '');
        expect(parseDecimalBytes(bytes, start, end)).toBe(Number(text));
      }),
    );
  });
});

describe('byteInterner', () => {
  it('gives equal byte strings one index, different ones different indexes, in first-seen order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12, unit: 'binary' }), { maxLength: 3000 }),
        (ids) => {
          const interner = byteInterner(4);
          const expected = new Map<string, number>();
          for (const id of ids) {
            const { bytes, start, end } = embedded(id, 'xy', 'z');
            if (!expected.has(id)) expected.set(id, expected.size);
            expect(interner.intern(bytes, start, end)).toBe(expected.get(id));
            expect(interner.find(bytes, start, end)).toBe(expected.get(id));
          }
          expect(interner.keys).toEqual([...expected.keys()]);
          const absent = encoder.encode('never-an-id-here');
          expect(interner.find(absent, 0, absent.length)).toBe(-1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('byteInterner.internText', () => {
  it('gives a text the index its UTF-8 bytes get, whichever way each id comes first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.oneof(
              fc.string({ maxLength: 12 }),
              fc.string({ maxLength: 4, unit: 'grapheme' }),
              fc.constantFrom('\uFEFFc1', 'c\uD800', '\uDC00'),
              fc.string({ maxLength: 3, unit: 'binary' }),
            ),
            asText: fc.boolean(),
          }),
          { maxLength: 2000 },
        ),
        (entries) => {
          const interner = byteInterner(4);
          const expected = new Map<string, number>();
          for (const { id, asText } of entries) {
            const bytes = encoder.encode(id);
            // the key is the text of the bytes (a lone surrogate becomes U+FFFD)
            const key = Buffer.from(bytes).toString('utf8');
            if (!expected.has(key)) expected.set(key, expected.size);
            const index = asText
              ? interner.internText(id)
              : interner.intern(bytes, 0, bytes.length);
            expect(index).toBe(expected.get(key));
            expect(interner.find(bytes, 0, bytes.length)).toBe(expected.get(key));
          }
          expect(interner.keys).toEqual([...expected.keys()]);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('floorMillis', () => {
  it('gives the floor of the exact quotient, as BigInt division does, for any count and unit', () => {
    const exactFloor = (value: bigint, per: bigint) => {
      let quotient = value / per;
      if (value < 0n && quotient * per !== value) quotient -= 1n;
      return Number(quotient);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
          fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          fc.integer({ min: -1e6, max: 1e6 }).map((k) => BigInt(k) * 1000n - 1n),
        ),
        fc.constantFrom(1000, 1_000_000),
        (value, per) => {
          expect(floorMillis(value, per)).toBe(exactFloor(value, BigInt(per)));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
