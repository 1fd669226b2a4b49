/**
 * Interns keys given as byte ranges (a customer id inside a CSV chunk) into dense indexes 0, 1, 2,
 * ... in first-seen order, without making a string per lookup: the bytes are hashed (FNV-1a) into
 * an open-addressing table and compared byte by byte on a hash match. A key's bytes are copied into
 * one growing arena, and its text is decoded once, when it is first seen.
 */
export interface ByteInterner {
  /** The index of the key `bytes[start, end)`, adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number;
  /** The index of the key, or -1 when it was never added. */
  find(bytes: Uint8Array, start: number, end: number): number;
  /** The keys' texts (UTF-8 decoded), by index. */
  readonly keys: string[];
}

const EMPTY = -1;
const decoder = new TextDecoder();

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/**
 * A new {@link ByteInterner} with room for about `expected` keys before its table grows (it
 * doubles when more than half full), and `initial` keys added first (index 0, 1, ... in order).
 */
export function byteInterner(expected = 1024, initial: readonly string[] = []): ByteInterner {
  let capacity = 1024;
  while (capacity < expected * 2) capacity *= 2;
  let mask = capacity - 1;
  let slots = new Int32Array(capacity).fill(EMPTY);
  let hashes = new Uint32Array(Math.max(16, expected));
  let offsets = new Int32Array(Math.max(16, expected) + 1);
  let arena = new Uint8Array(Math.max(256, expected * 8));
  let used = 0;
  const keys: string[] = [];

  const same = (index: number, bytes: Uint8Array, start: number, end: number): boolean => {
    const from = offsets[index]!;
    if (offsets[index + 1]! - from !== end - start) return false;
    for (let i = start, j = from; i < end; i++, j++) if (bytes[i] !== arena[j]) return false;
    return true;
  };

  const slotOf = (hash: number, bytes: Uint8Array, start: number, end: number): number => {
    let slot = hash & mask;
    for (;;) {
      const index = slots[slot]!;
      if (index === EMPTY || (hashes[index] === hash && same(index, bytes, start, end))) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  };

  const rehash = () => {
    capacity *= 2;
    mask = capacity - 1;
    slots = new Int32Array(capacity).fill(EMPTY);
    for (let index = 0; index < keys.length; index++) {
      let slot = hashes[index]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
  };

  const add = (slot: number, hash: number, bytes: Uint8Array, start: number, end: number) => {
    const index = keys.length;
    const length = end - start;
    if (index + 1 >= hashes.length) {
      const nextHashes = new Uint32Array(hashes.length * 2);
      nextHashes.set(hashes);
      hashes = nextHashes;
      const nextOffsets = new Int32Array(offsets.length * 2);
      nextOffsets.set(offsets);
      offsets = nextOffsets;
    }
    if (used + length > arena.length) {
      const nextArena = new Uint8Array(Math.max(arena.length * 2, used + length));
      nextArena.set(arena.subarray(0, used));
      arena = nextArena;
    }
    arena.set(bytes.subarray(start, end), used);
    used += length;
    hashes[index] = hash;
    offsets[index + 1] = used;
    slots[slot] = index;
    keys.push(decoder.decode(bytes.subarray(start, end)));
    if (keys.length * 2 > capacity) rehash();
    return index;
  };

  const interner: ByteInterner = {
    intern(bytes, start, end) {
      const hash = hashOf(bytes, start, end);
      const slot = slotOf(hash, bytes, start, end);
      const index = slots[slot]!;
      return index === EMPTY ? add(slot, hash, bytes, start, end) : index;
    },
    find(bytes, start, end) {
      return slots[slotOf(hashOf(bytes, start, end), bytes, start, end)]!;
    },
    keys,
  };
  const encoder = new TextEncoder();
  for (const key of initial) {
    const bytes = encoder.encode(key);
    interner.intern(bytes, 0, bytes.length);
  }
  return interner;
}
