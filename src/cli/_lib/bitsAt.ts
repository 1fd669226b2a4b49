/**
 * The bits `[bit, bit + width)` of `bytes`, least significant first, as an unsigned number
 * (`width` from 0 to 32): how Parquet packs its bit-packed values. Reads up to five bytes from the
 * value's first; bits past the value are masked off.
 */
export function bitsAt(bytes: Uint8Array, bit: number, width: number): number {
  if (width === 0) return 0;
  const byte = bit >>> 3;
  const offset = bit & 7;
  let value =
    (bytes[byte]! |
      (bytes[byte + 1]! << 8) |
      (bytes[byte + 2]! << 16) |
      (bytes[byte + 3]! << 24)) >>>
    offset;
  if (offset + width > 32) value |= bytes[byte + 4]! << (32 - offset);
  return width === 32 ? value >>> 0 : value & (2 ** width - 1);
}
