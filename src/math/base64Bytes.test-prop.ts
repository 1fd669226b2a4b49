import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Bytes } from './base64Bytes.js';

describe('base64Bytes properties', () => {
  it('decodes what Buffer encodes, for any bytes (every padding length)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64Bytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
      }),
    );
  });
});
