/**
 * The first index at which two arrays of doubles differ in their bits (so -0 differs from 0 and
 * NaN is compared by its bits), or -1 when they are identical; their length when only it differs.
 */
export function firstBitDifference(a: Float64Array, b: Float64Array): number {
  const bitsA = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const bitsB = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (bitsA[i] !== bitsB[i]) return i;
  return a.length === b.length ? -1 : length;
}
