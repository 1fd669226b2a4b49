/**
 * The binary checkpoint's layout, shared by serializeStateBinary and parseStateBinary. All
 * numbers little-endian. A fixed header of 40 bytes:
 *
 * | offset | field |
 * |---:|---|
 * | 0 | magic `EKST` |
 * | 4 | u32 version (2; 1 is still read) |
 * | 8 | u32 bytes of the header JSON (`{ fingerprint, behaviours, latest, horizon, maxHeld, positions }`) |
 * | 12 | u32 bytes of the customer ids |
 * | 16 | u32 customers C |
 * | 20 | u32 numbers per customer record S |
 * | 24 | u32 windows W |
 * | 28 | u32 numbers in all windows N |
 * | 32 | u32 held events K |
 * | 36 | u32 0 |
 *
 * then the header JSON, the customer ids, in version 2 padding to 4 and where each id starts
 * ((C + 1) u32, the last one the ids' length), padding to 8, the records (C * S f64), the windows'
 * keys and lengths (W * 2 u32) with padding to 8, their numbers (N f64), the held events' slots and
 * behaviours (K * 2 u32) with padding to 8, their times and values (K * 2 f64). The ids are, in
 * version 2, their WTF-8 bytes one after the other (UTF-8, a lone surrogate as the three bytes of
 * its code point), which the reader indexes without turning them into strings; in version 1 a
 * JSON array of strings. The length of the whole follows from the header, so it is checked
 * against the bytes before anything is allocated.
 */
export const BINARY_MAGIC = [0x45, 0x4b, 0x53, 0x54] as const;
/** The version this code writes. */
export const BINARY_VERSION = 2;
/** Bytes of the fixed header. */
export const BINARY_HEADER_BYTES = 40;

/** Offsets of the variable blocks, from the header's counts. */
export interface BinaryBlocks {
  readonly header: number;
  readonly ids: number;
  /** Where the ids' starts are (version 2; the records' offset in version 1, where there are none). */
  readonly starts: number;
  readonly records: number;
  readonly windowIndex: number;
  readonly windowNumbers: number;
  readonly heldIndex: number;
  readonly heldNumbers: number;
  readonly end: number;
}

function pad(offset: number, to: number): number {
  return Math.ceil(offset / to) * to;
}

/** Where each block starts, and where the checkpoint ends (all counts below 2^32: exact). */
export function binaryBlocks(
  version: number,
  headerBytes: number,
  idBytes: number,
  customers: number,
  stride: number,
  windows: number,
  windowNumbers: number,
  held: number,
): BinaryBlocks {
  const header = BINARY_HEADER_BYTES;
  const ids = header + headerBytes;
  const starts = version === 1 ? pad(ids + idBytes, 8) : pad(ids + idBytes, 4);
  const records = version === 1 ? starts : pad(starts + (customers + 1) * 4, 8);
  const windowIndex = records + customers * stride * 8;
  const numbers = pad(windowIndex + windows * 8, 8);
  const heldIndex = numbers + windowNumbers * 8;
  const heldNumbers = pad(heldIndex + held * 8, 8);
  const end = heldNumbers + held * 16;
  return {
    header,
    ids,
    starts,
    records,
    windowIndex,
    windowNumbers: numbers,
    heldIndex,
    heldNumbers,
    end,
  };
}

/** Whether this platform stores numbers little-endian (then blocks are copied, not converted). */
function littleEndian(): boolean {
  return new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
}

/** Writes `numbers` as little-endian f64 at `offset` (8-aligned) of `bytes`. */
export function writeFloats(bytes: Uint8Array, offset: number, numbers: Float64Array): void {
  if (littleEndian()) {
    bytes.set(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.length * 8), offset);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < numbers.length; i++) view.setFloat64(offset + 8 * i, numbers[i]!, true);
}

/** Reads `count` little-endian f64 from `offset` of `bytes` into a new array. */
export function readFloats(bytes: Uint8Array, offset: number, count: number): Float64Array {
  if (littleEndian()) {
    return new Float64Array(
      bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 8),
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const numbers = new Float64Array(count);
  for (let i = 0; i < count; i++) numbers[i] = view.getFloat64(offset + 8 * i, true);
  return numbers;
}

/** Reads `count` little-endian u32 from `offset` (4-aligned) of `bytes` into a new array. */
export function readUint32s(bytes: Uint8Array, offset: number, count: number): Uint32Array {
  if (littleEndian()) {
    return new Uint32Array(
      bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4),
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const numbers = new Uint32Array(count);
  for (let i = 0; i < count; i++) numbers[i] = view.getUint32(offset + 4 * i, true);
  return numbers;
}

/** Writes `numbers` as little-endian u32 at `offset` (4-aligned) of `bytes`. */
export function writeUint32s(bytes: Uint8Array, offset: number, numbers: Uint32Array): void {
  if (littleEndian()) {
    bytes.set(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.length * 4), offset);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < numbers.length; i++) view.setUint32(offset + 4 * i, numbers[i]!, true);
}
