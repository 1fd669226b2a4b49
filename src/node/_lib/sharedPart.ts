/** A column as a worker thread receives it: a `SharedArrayBuffer` and where the column lies in it. */
export interface SharedPart {
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
}

/**
 * A column on a `SharedArrayBuffer`: itself when it already lies on one (no copy), else a copy
 * made now, so that the caller may change its array while the call runs.
 */
export function sharedPart(
  array: Uint32Array | Uint8Array | Uint16Array | Float64Array,
): SharedPart {
  if (array.buffer instanceof SharedArrayBuffer) {
    return { buffer: array.buffer, byteOffset: array.byteOffset, length: array.length };
  }
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return { buffer, byteOffset: 0, length: array.length };
}
