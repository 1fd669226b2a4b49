import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedUtf8 } from './isWellFormedUtf8.js';

/** Whether TextDecoder decodes the bytes without a replacement: they encode back to themselves. */
function decodesCleanly(bytes: Uint8Array): boolean {
  const again = new TextEncoder().encode(new TextDecoder().decode(bytes));
  return again.length === bytes.length && again.every((byte, i) => byte === bytes[i]);
}

describe('isWellFormedUtf8', () => {
  it('is true exactly for the bytes TextDecoder decodes without a U+FFFD replacement', () => {
    // bytes near UTF-8's edges: lead bytes, continuation bytes, and text cut anywhere
    const edgy = fc.constantFrom(
      0x00,
      0x7f,
      0x80,
      0x8f,
      0x90,
      0x9f,
      0xa0,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
    );
    const encoded = fc
      .string({ unit: 'binary', maxLength: 6 })
      .map((text) => Array.from(new TextEncoder().encode(text)));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            edgy.map((byte) => [byte]),
            encoded,
          ),
          { maxLength: 8 },
        ),
        fc.nat(3),
        (parts, cut) => {
          const flat = parts.flat();
          const bytes = new Uint8Array([
            0x41,
            ...flat.slice(0, Math.max(0, flat.length - cut)),
            0x42,
          ]);
          expect(isWellFormedUtf8(bytes, 1, bytes.length - 1)).toBe(
            decodesCleanly(bytes.subarray(1, bytes.length - 1)),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses overlong forms, surrogates and code points past U+10FFFF', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf],
    ]) {
      expect(isWellFormedUtf8(new Uint8Array(bad), 0, bad.length)).toBe(false);
    }
    const good = new TextEncoder().encode('Zoë 🙂 \u{10FFFF}');
    expect(isWellFormedUtf8(good, 0, good.length)).toBe(true);
  });
});
