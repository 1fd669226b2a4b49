/**
 * The customers of a state: the id of each slot and an open-addressing hash table from id to slot,
 * on typed arrays, so that adding a customer costs a hash and a probe (no `Map` entry, no
 * rehash of objects) and a checkpoint's ids are indexed without turning each into a string.
 *
 * Ids are hashed (32-bit FNV-1a) over their WTF-8 bytes: UTF-8, with a lone surrogate written
 * as the three bytes of its code point, so every JavaScript string has exactly one byte form and
 * back. The ids of a parsed checkpoint stay as those bytes (`stored`, with each id's start in
 * `starts`) until all of them are asked for as strings ({@link customerIds}); lookups compare
 * them in place. The table holds `[slot, hash]` pairs (`slot` -1 for an empty entry), at most half
 * full, laid out as inserting the slots in order into a table of that capacity would: a state
 * that saw the same customers in the same order has the same table.
 */
export interface CustomerIndex {
  /** Customers: slots `0 .. size - 1`. */
  size: number;
  /** The WTF-8 bytes of the ids of slots `0 .. storedCount - 1`, one after the other. */
  stored: Uint8Array;
  /** Where each stored id starts in `stored` (`storedCount + 1` offsets, the last one its length). */
  starts: Uint32Array;
  /** How many slots have their id in `stored`. */
  storedCount: number;
  /** Whether `stored` is all ASCII (then its byte offsets are string offsets). */
  ascii: boolean;
  /** The ids of slots `storedCount ..`, as strings (slot `storedCount + i` is `added[i]`). */
  added: string[];
  /** `[slot, hash]` pairs, `slot` -1 when the entry is empty; `2 * (mask + 1)` numbers. */
  table: Int32Array;
  /** The table's capacity minus one (a power of two minus one). */
  mask: number;
}

const BASIS = 0x811c9dc5 | 0;
const PRIME = 0x01000193;
const FIRST_CAPACITY = 16;

/** An index without customers. */
export function emptyIndex(): CustomerIndex {
  return {
    size: 0,
    stored: new Uint8Array(0),
    starts: new Uint32Array(1),
    storedCount: 0,
    ascii: true,
    added: [],
    table: new Int32Array(2 * FIRST_CAPACITY).fill(-1),
    mask: FIRST_CAPACITY - 1,
  };
}

/** The WTF-8 bytes of `id` (a surrogate pair as one 4-byte character, a lone surrogate as 3 bytes). */
export function wtf8(id: string): Uint8Array {
  const bytes = new Uint8Array(3 * id.length);
  let n = 0;
  for (let i = 0; i < id.length; i++) {
    let point = id.charCodeAt(i);
    if (point >= 0xd800 && point < 0xdc00 && i + 1 < id.length) {
      const low = id.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        point = 0x10000 + ((point - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (point < 0x80) bytes[n++] = point;
    else if (point < 0x800) {
      bytes[n++] = 0xc0 | (point >> 6);
      bytes[n++] = 0x80 | (point & 63);
    } else if (point < 0x10000) {
      bytes[n++] = 0xe0 | (point >> 12);
      bytes[n++] = 0x80 | ((point >> 6) & 63);
      bytes[n++] = 0x80 | (point & 63);
    } else {
      bytes[n++] = 0xf0 | (point >> 18);
      bytes[n++] = 0x80 | ((point >> 12) & 63);
      bytes[n++] = 0x80 | ((point >> 6) & 63);
      bytes[n++] = 0x80 | (point & 63);
    }
  }
  return bytes.subarray(0, n);
}

/** The hash of the bytes `bytes[from .. to - 1]`. */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = BASIS;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i]!, PRIME);
  return hash;
}

/** The hash of `id`'s WTF-8 bytes, without encoding an ASCII id. */
export function hashId(id: string): number {
  let hash = BASIS;
  for (let i = 0; i < id.length; i++) {
    const unit = id.charCodeAt(i);
    if (unit >= 0x80) {
      const bytes = wtf8(id);
      return hashBytes(bytes, 0, bytes.length);
    }
    hash = Math.imul(hash ^ unit, PRIME);
  }
  return hash;
}

/** Whether `id` is the stored id `bytes[from .. to - 1]`. */
function equalsStored(bytes: Uint8Array, from: number, to: number, id: string): boolean {
  const length = id.length;
  if (to - from < length) return false;
  for (let i = 0; i < length; i++) {
    const unit = id.charCodeAt(i);
    if (unit >= 0x80) {
      const encoded = wtf8(id);
      if (encoded.length !== to - from) return false;
      for (let j = 0; j < encoded.length; j++) if (encoded[j] !== bytes[from + j]) return false;
      return true;
    }
    if (bytes[from + i] !== unit) return false;
  }
  return to - from === length;
}

/** Whether slot `slot` has the id `id`. */
function hasId(index: CustomerIndex, slot: number, id: string): boolean {
  if (slot >= index.storedCount) return index.added[slot - index.storedCount] === id;
  return equalsStored(index.stored, index.starts[slot]!, index.starts[slot + 1]!, id);
}

/** Puts `slot` of hash `hash` in the first empty entry from its home on. */
function place(table: Int32Array, mask: number, slot: number, hash: number): void {
  let p = hash & mask;
  while (table[2 * p]! >= 0) p = (p + 1) & mask;
  table[2 * p] = slot;
  table[2 * p + 1] = hash;
}

/** Doubles the table until it is at most half full with `size` customers, in slot order. */
export function reserveIds(index: CustomerIndex, size: number): void {
  let capacity = index.mask + 1;
  if (2 * size <= capacity) return;
  while (2 * size > capacity) capacity *= 2;
  const old = index.table;
  const hashes = new Int32Array(index.size);
  for (let p = 0; p < old.length; p += 2) {
    const slot = old[p]!;
    if (slot >= 0) hashes[slot] = old[p + 1]!;
  }
  const table = new Int32Array(2 * capacity).fill(-1);
  const mask = capacity - 1;
  for (let slot = 0; slot < index.size; slot++) place(table, mask, slot, hashes[slot]!);
  index.table = table;
  index.mask = mask;
}

/**
 * The slot of customer `id`, or -1 when the index does not have it; with `add`, a customer not
 * there gets the next slot.
 */
export function lookupId(index: CustomerIndex, id: string, add: boolean): number {
  const hash = hashId(id);
  const { table, mask } = index;
  let p = hash & mask;
  for (;;) {
    const slot = table[2 * p]!;
    if (slot < 0) break;
    if (table[2 * p + 1] === hash && hasId(index, slot, id)) return slot;
    p = (p + 1) & mask;
  }
  if (!add) return -1;
  const slot = index.size;
  if (2 * (slot + 1) > index.mask + 1) {
    reserveIds(index, slot + 1);
    place(index.table, index.mask, slot, hash);
  } else {
    table[2 * p] = slot;
    table[2 * p + 1] = hash;
  }
  index.added.push(id);
  index.size = slot + 1;
  return slot;
}

/**
 * The index of a checkpoint's ids: `stored` holds them one after the other (WTF-8, checked by the
 * caller), `starts` where each starts and, last, the end. Returns the slot of the first id that
 * repeats an earlier one instead when there is one.
 */
export function indexStored(
  stored: Uint8Array,
  starts: Uint32Array,
  ascii: boolean,
): CustomerIndex | number {
  const count = starts.length - 1;
  let capacity = FIRST_CAPACITY;
  while (2 * count > capacity) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(2 * capacity).fill(-1);
  for (let slot = 0; slot < count; slot++) {
    const from = starts[slot]!;
    const to = starts[slot + 1]!;
    const hash = hashBytes(stored, from, to);
    let p = hash & mask;
    for (;;) {
      const other = table[2 * p]!;
      if (other < 0) break;
      if (table[2 * p + 1] === hash) {
        const otherFrom = starts[other]!;
        const otherTo = starts[other + 1]!;
        if (otherTo - otherFrom === to - from) {
          let same = true;
          for (let i = 0; same && i < to - from; i++) {
            same = stored[from + i] === stored[otherFrom + i];
          }
          if (same) return slot;
        }
      }
      p = (p + 1) & mask;
    }
    table[2 * p] = slot;
    table[2 * p + 1] = hash;
  }
  return { size: count, stored, starts, storedCount: count, ascii, added: [], table, mask };
}

/** The text of WTF-8 bytes the caller checked (see {@link checkWtf8}). */
export function decodeWtf8(bytes: Uint8Array, from: number, to: number): string {
  const units: number[] = [];
  let i = from;
  while (i < to) {
    const lead = bytes[i]!;
    let point: number;
    if (lead < 0x80) {
      point = lead;
      i += 1;
    } else if (lead < 0xe0) {
      point = ((lead & 0x1f) << 6) | (bytes[i + 1]! & 63);
      i += 2;
    } else if (lead < 0xf0) {
      point = ((lead & 0x0f) << 12) | ((bytes[i + 1]! & 63) << 6) | (bytes[i + 2]! & 63);
      i += 3;
    } else {
      point =
        ((lead & 0x07) << 18) |
        ((bytes[i + 1]! & 63) << 12) |
        ((bytes[i + 2]! & 63) << 6) |
        (bytes[i + 3]! & 63);
      i += 4;
    }
    if (point < 0x10000) units.push(point);
    else units.push(0xd800 + ((point - 0x10000) >> 10), 0xdc00 + ((point - 0x10000) & 0x3ff));
  }
  let text = '';
  for (let k = 0; k < units.length; k += 4096) {
    text += String.fromCharCode(...units.slice(k, k + 4096));
  }
  return text;
}

/**
 * Whether `bytes[from .. to - 1]` is the one WTF-8 form of a string: well-formed UTF-8 where a
 * surrogate code point may stand alone but a high surrogate is never followed by a low one (that
 * pair is written as one 4-byte character).
 */
export function checkWtf8(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  let afterHigh = false;
  while (i < to) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      afterHigh = false;
      continue;
    }
    let length: number;
    let point: number;
    let least: number;
    if (lead >= 0xc2 && lead < 0xe0) {
      length = 2;
      point = lead & 0x1f;
      least = 0x80;
    } else if (lead >= 0xe0 && lead < 0xf0) {
      length = 3;
      point = lead & 0x0f;
      least = 0x800;
    } else if (lead >= 0xf0 && lead < 0xf5) {
      length = 4;
      point = lead & 0x07;
      least = 0x10000;
    } else return false;
    if (i + length > to) return false;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return false;
      point = (point << 6) | (next & 63);
    }
    if (point < least || point > 0x10ffff) return false;
    if (afterHigh && point >= 0xdc00 && point < 0xe000) return false;
    afterHigh = point >= 0xd800 && point < 0xdc00;
    i += length;
  }
  return true;
}

/** The id of one slot. */
export function idOf(index: CustomerIndex, slot: number): string {
  if (slot >= index.storedCount) return index.added[slot - index.storedCount]!;
  return decodeWtf8(index.stored, index.starts[slot]!, index.starts[slot + 1]!);
}

/** The part of the WHATWG `TextDecoder` used here (the library's types include no DOM lib). */
declare const TextDecoder: new (label: 'utf-8') => { decode(bytes: Uint8Array): string };

/**
 * Every customer's id, by slot (the array the index keeps: read it, do not change it). The ids of
 * a parsed checkpoint are turned into strings once, on the first call.
 */
export function customerIds(index: CustomerIndex): readonly string[] {
  if (index.storedCount === 0) return index.added;
  const { stored, starts, storedCount } = index;
  const ids: string[] = new Array(storedCount);
  if (index.ascii) {
    const text = new TextDecoder('utf-8').decode(stored);
    for (let slot = 0; slot < storedCount; slot++) {
      ids[slot] = text.slice(starts[slot]!, starts[slot + 1]!);
    }
  } else {
    for (let slot = 0; slot < storedCount; slot++) {
      ids[slot] = decodeWtf8(stored, starts[slot]!, starts[slot + 1]!);
    }
  }
  for (const id of index.added) ids.push(id);
  index.added = ids;
  index.stored = new Uint8Array(0);
  index.starts = new Uint32Array(1);
  index.storedCount = 0;
  index.ascii = true;
  return ids;
}

/** Every id's WTF-8 bytes one after the other, and where each starts (and, last, the end). */
export function encodeIds(index: CustomerIndex): { bytes: Uint8Array; starts: Uint32Array } {
  const { storedCount, added, size } = index;
  const starts = new Uint32Array(size + 1);
  starts.set(index.starts.subarray(0, storedCount + 1));
  let total = index.starts[storedCount]!;
  const wide: (Uint8Array | undefined)[] = [];
  for (let i = 0; i < added.length; i++) {
    const id = added[i]!;
    let length = id.length;
    for (let k = 0; k < id.length; k++) {
      if (id.charCodeAt(k) >= 0x80) {
        const encoded = wtf8(id);
        wide[i] = encoded;
        length = encoded.length;
        break;
      }
    }
    total += length;
    starts[storedCount + i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  bytes.set(index.stored.subarray(0, index.starts[storedCount]!));
  for (let i = 0; i < added.length; i++) {
    const at = starts[storedCount + i]!;
    const encoded = wide[i];
    if (encoded !== undefined) bytes.set(encoded, at);
    else {
      const id = added[i]!;
      for (let k = 0; k < id.length; k++) bytes[at + k] = id.charCodeAt(k);
    }
  }
  return { bytes, starts };
}
