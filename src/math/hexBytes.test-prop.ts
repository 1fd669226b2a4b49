import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexBytes } from './hexBytes.js';

describe('hexBytes properties', () => {
  it('decodes what Buffer encodes in hex, lower or upper case, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        expect(hexBytes(upper ? hex.toUpperCase() : hex)).toEqual(bytes);
      }),
    );
  });
});
