/**
 * Interns keys given as byte ranges (a customer id inside a CSV chunk) into dense indexes 0, 1, 2,
 * ... in first-seen order, without making a string per lookup: the bytes are hashed (FNV-1a) into
 * an open-addressing table and compared byte by byte on a hash match. A key's bytes are copied into
 * one growing arena, and its text is decoded once, when the keys are first asked for (invalid UTF-8
 * as U+FFFD: the CSV scanner reports such records before they get here).
 */
export interface ByteInterner {
  /** The index of the key `bytes[start, end)`, adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number;
  /** The index of the key, or -1 when it was never added. */
  find(bytes: Uint8Array, start: number, end: number): number;
  /**
   * The index of the key whose UTF-8 bytes are those of `text`, adding it when new: an ASCII text
   * is hashed and compared by its character codes (its bytes), without encoding it.
   */
  internText(text: string): number;
  /**
   * The keys' texts (UTF-8 decoded), by index: decoded when first asked for, not as the keys are
   * added, so that a reader that hands its keys on as bytes makes no string at all.
   */
  readonly keys: string[];
  /** How many keys there are (without decoding them). */
  readonly size: number;
  /** The keys' bytes, one after another, and where each starts (`offsets[k]` to `offsets[k + 1]`). */
  bytes(): { readonly bytes: Uint8Array; readonly offsets: Int32Array };
}

const EMPTY = -1;

/** The hash of an ASCII text's bytes (its character codes), as {@link hashOf} hashes them; -1 when it is not ASCII. */
function textHashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return -1;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}

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
  let arena = Buffer.allocUnsafe(Math.max(256, expected * 8));
  let used = 0;
  const keys: string[] = [];
  let count = 0;

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
    for (let index = 0; index < count; index++) {
      let slot = hashes[index]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
  };

  const add = (slot: number, hash: number, bytes: Uint8Array, start: number, end: number) => {
    const index = count;
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
      const nextArena = Buffer.allocUnsafe(Math.max(arena.length * 2, used + length));
      arena.copy(nextArena, 0, 0, used);
      arena = nextArena;
    }
    // Ids are short: a loop copies them without making a view of `bytes`.
    for (let i = start, j = used; i < end; i++, j++) arena[j] = bytes[i]!;
    count++;
    used += length;
    hashes[index] = hash;
    offsets[index + 1] = used;
    slots[slot] = index;
    if (count * 2 > capacity) rehash();
    return index;
  };

  const sameText = (index: number, text: string): boolean => {
    const from = offsets[index]!;
    if (offsets[index + 1]! - from !== text.length) return false;
    for (let i = 0, j = from; i < text.length; i++, j++) {
      if (text.charCodeAt(i) !== arena[j]) return false;
    }
    return true;
  };

  const encoder = new TextEncoder();

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
    internText(text) {
      const hash = textHashOf(text);
      if (hash < 0) {
        const bytes = encoder.encode(text);
        return interner.intern(bytes, 0, bytes.length);
      }
      let slot = hash & mask;
      for (;;) {
        const index = slots[slot]!;
        if (index === EMPTY) break;
        if (hashes[index] === hash && sameText(index, text)) return index;
        slot = (slot + 1) & mask;
      }
      // new: added from its bytes (the same slot the byte search would find)
      const bytes = encoder.encode(text);
      return add(slot, hash, bytes, 0, bytes.length);
    },
    get size() {
      return count;
    },
    get keys() {
      for (let k = keys.length; k < count; k++) {
        keys.push(arena.toString('utf8', offsets[k]!, offsets[k + 1]!));
      }
      return keys;
    },
    bytes: () => ({ bytes: arena.subarray(0, used), offsets: offsets.subarray(0, count + 1) }),
  };
  for (const key of initial) {
    const bytes = encoder.encode(key);
    interner.intern(bytes, 0, bytes.length);
  }
  return interner;
}
