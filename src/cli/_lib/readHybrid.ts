import { bitsAt } from './bitsAt.js';

/**
 * Decodes `count` values of Parquet's RLE / bit-packed hybrid encoding (definition levels,
 * dictionary indexes) of `width` bits each (0 to 32) from `bytes[from, end)` into `out`, without
 * allocating: a run is filled, a bit-packed group of 8 values is read little-endian, least
 * significant bit first (https://parquet.apache.org/docs/file-format/data-pages/encodings/).
 * Returns where the last run read ends, or -1 when the bytes end before `count` values (a bad
 * page). A bit-packed group past `count` is read only as far as `count`.
 *
 * @param bytes - the page
 * @param from - where the encoded values start (after any length prefix)
 * @param end - where they must end
 * @param width - bits per value
 * @param out - where the values go, `out[0]` to `out[count - 1]`
 * @param count - how many values to decode
 * @returns the position after the last run read, or -1
 */
export function readHybrid(
  bytes: Uint8Array,
  from: number,
  end: number,
  width: number,
  out: Int32Array | Uint8Array,
  count: number,
): number {
  let at = from;
  let seen = 0;
  const valueBytes = (width + 7) >>> 3;
  const mask = width === 32 ? -1 : 2 ** width - 1;
  while (seen < count) {
    // the run's header, an unsigned LEB128 varint
    let header = 0;
    let shift = 0;
    for (;;) {
      if (at >= end || shift > 28) return -1;
      const byte = bytes[at++]!;
      header += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    if (header % 2 === 0) {
      // a run: one value, repeated
      const run = Math.min(header / 2, count - seen);
      if (at + valueBytes > end) return -1;
      let value = 0;
      for (let i = 0; i < valueBytes; i++) value += bytes[at + i]! * 2 ** (8 * i);
      at += valueBytes;
      if (width < 32 && value > mask) return -1;
      out.fill(value | 0, seen, seen + run);
      seen += run;
      if (header === 0) return -1;
    } else {
      // groups of 8 values, `width` bits each
      const groups = (header - 1) / 2;
      const length = groups * width;
      if (at + length > end) return -1;
      const values = Math.min(groups * 8, count - seen);
      const start = at * 8;
      for (let k = 0; k < values; k++) out[seen + k] = bitsAt(bytes, start + k * width, width);
      seen += values;
      at += length;
    }
  }
  return at;
}
