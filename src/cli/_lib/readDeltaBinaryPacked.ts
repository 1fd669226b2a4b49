import { bitsAt } from './bitsAt.js';

/** 2^32, to join and split 32-bit halves. */
const WORD = 4294967296;

/**
 * Decodes `count` values of Parquet's DELTA_BINARY_PACKED encoding (INT32 and INT64 columns, and
 * the lengths of DELTA_LENGTH_BYTE_ARRAY; https://parquet.apache.org/docs/file-format/data-pages/encodings/)
 * from `bytes[from, end)` into their 64-bit two's complement halves, `high[k]` and `low[k]` (as
 * `Int32Array` items), with exact 64-bit arithmetic on 32-bit halves: no `BigInt` and no
 * allocation per value. Sums wrap modulo 2^64 as an INT64 column's do, so the low halves alone
 * are an INT32 column's values, wrapped as its arithmetic wraps. Returns the position after the
 * last miniblock read (where a DELTA_LENGTH_BYTE_ARRAY page's bytes start), or -1 when the bytes
 * end too soon or a miniblock is wider than 64 bits.
 *
 * @param bytes - the page
 * @param from - where the encoded values start
 * @param end - where they must end
 * @param count - how many values to decode
 * @param high - the values' high halves
 * @param low - the values' low halves
 * @returns the position after the values, or -1
 */
export function readDeltaBinaryPacked(
  bytes: Uint8Array,
  from: number,
  end: number,
  count: number,
  high: Int32Array,
  low: Int32Array,
): number {
  let at = from;
  /** An unsigned varint of up to 64 bits, into `varLow` and `varHigh`; false past `end`. */
  let varLow = 0;
  let varHigh = 0;
  const varint = (): boolean => {
    varLow = 0;
    varHigh = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (at >= end) return false;
      const byte = bytes[at++]!;
      const bits = byte & 0x7f;
      if (shift < 32) {
        const part = bits * 2 ** shift;
        varLow += part % WORD;
        varHigh += Math.floor(part / WORD);
      } else varHigh = (varHigh + bits * 2 ** (shift - 32)) % WORD;
      if (byte < 0x80) return true;
    }
    return false;
  };
  /** A zigzag varint (a signed 64-bit value), into `varLow` and `varHigh`. */
  const zigzag = (): boolean => {
    if (!varint()) return false;
    const negative = varLow % 2 === 1;
    const halfLow = (Math.floor(varLow / 2) + (varHigh % 2) * 2 ** 31) >>> 0;
    const halfHigh = Math.floor(varHigh / 2);
    varLow = negative ? ~halfLow >>> 0 : halfLow;
    varHigh = negative ? ~halfHigh >>> 0 : halfHigh;
    return true;
  };
  if (!varint()) return -1;
  const blockSize = varLow + varHigh * WORD;
  if (!varint()) return -1;
  const miniblocks = varLow + varHigh * WORD;
  if (!varint() || !zigzag()) return -1;
  const perMiniblock = blockSize / miniblocks;
  if (miniblocks === 0 || !Number.isInteger(perMiniblock) || perMiniblock % 8 !== 0) return -1;
  // the running value, as unsigned halves
  let valueLow = varLow;
  let valueHigh = varHigh;
  if (count > 0) {
    low[0] = valueLow | 0;
    high[0] = valueHigh | 0;
  }
  let k = 1;
  while (k < count) {
    if (!zigzag()) return -1;
    const minLow = varLow;
    const minHigh = varHigh;
    const widths = at;
    at += miniblocks;
    if (at > end) return -1;
    for (let m = 0; m < miniblocks && k < count; m++) {
      const width = bytes[widths + m]!;
      if (width > 64) return -1;
      const size = (perMiniblock * width) / 8;
      if (at + size > end) return -1;
      const start = at * 8;
      for (let j = 0; j < perMiniblock && k < count; j++, k++) {
        const bit = start + j * width;
        // delta = min delta + the packed value; value += delta, both modulo 2^64
        let sumLow = minLow + bitsAt(bytes, bit, Math.min(width, 32));
        let sumHigh = minHigh + (width > 32 ? bitsAt(bytes, bit + 32, width - 32) : 0);
        if (sumLow >= WORD) {
          sumLow -= WORD;
          sumHigh++;
        }
        valueLow += sumLow;
        valueHigh += sumHigh;
        if (valueLow >= WORD) {
          valueLow -= WORD;
          valueHigh++;
        }
        valueHigh %= WORD;
        low[k] = valueLow | 0;
        high[k] = valueHigh | 0;
      }
      at += size;
    }
  }
  return at;
}
