/**
 * The binary checkpoint's layout (version 1), shared by serializeStateBinary and parseStateBinary.
 * All numbers little-endian. A fixed header of 40 bytes:
 *
 * | offset | field |
 * |---:|---|
 * | 0 | magic `EKST` |
 * | 4 | u32 version (1) |
 * | 8 | u32 bytes of the header JSON (`{ fingerprint, behaviours, latest, horizon, maxHeld, positions }`) |
 * | 12 | u32 bytes of the customer ids (a JSON array of strings, UTF-8) |
 * | 16 | u32 customers C |
 * | 20 | u32 numbers per customer record S |
 * | 24 | u32 windows W |
 * | 28 | u32 numbers in all windows N |
 * | 32 | u32 held events K |
 * | 36 | u32 0 |
 *
 * then the header JSON, the ids JSON, padding to 8, the records (C * S f64), the windows' keys and
 * lengths (W * 2 u32) with padding to 8, their numbers (N f64), the held events' slots and
 * behaviours (K * 2 u32) with padding to 8, their times and values (K * 2 f64). The length of the
 * whole follows from the header, so it is checked against the bytes before anything is allocated.
 */
export const BINARY_MAGIC = [0x45, 0x4b, 0x53, 0x54] as const;
/** The version this code writes and reads. */
export const BINARY_VERSION = 1;
/** Bytes of the fixed header. */
export const BINARY_HEADER_BYTES = 40;

/** Offsets of the variable blocks, from the header's counts. */
export interface BinaryBlocks {
  readonly header: number;
  readonly ids: number;
  readonly records: number;
  readonly windowIndex: number;
  readonly windowNumbers: number;
  readonly heldIndex: number;
  readonly heldNumbers: number;
  readonly end: number;
}

function pad8(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/** Where each block starts, and where the checkpoint ends (all counts below 2^32: exact). */
export function binaryBlocks(
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
  const records = pad8(ids + idBytes);
  const windowIndex = records + customers * stride * 8;
  const numbers = pad8(windowIndex + windows * 8);
  const heldIndex = numbers + windowNumbers * 8;
  const heldNumbers = pad8(heldIndex + held * 8);
  const end = heldNumbers + held * 16;
  return {
    header,
    ids,
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
