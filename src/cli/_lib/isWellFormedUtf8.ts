/**
 * Whether `bytes[start, end)` is well-formed UTF-8 (Unicode 15, table 3-7: no overlong form, no
 * surrogate, nothing above U+10FFFF, no truncated sequence), without decoding it: exactly the bytes
 * that `TextDecoder` decodes without a U+FFFD replacement, so that such bytes and the text they
 * decode to can be told apart by their bytes alone.
 *
 * @param bytes - the buffer
 * @param start - the first byte
 * @param end - after the last byte
 * @returns true when every byte belongs to a well-formed sequence
 */
export function isWellFormedUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const first = bytes[i]!;
    if (first < 0x80) {
      i++;
      continue;
    }
    // the second byte's range depends on the first (table 3-7), the others are 80..BF
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) length = 2;
    else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      if (first === 0xe0) low = 0xa0;
      else if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      if (first === 0xf0) low = 0x90;
      else if (first === 0xf4) high = 0x8f;
    } else return false;
    if (i + length > end) return false;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += length;
  }
  return true;
}
