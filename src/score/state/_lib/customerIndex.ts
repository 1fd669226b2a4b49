/**
 * The customers of a state: the id of each slot and an open-addressing hash table from id to slot,
 * on typed arrays, so that adding a customer costs a hash and a probe (no `Map` entry, no
 * rehash of objects) and a checkpoint's ids are indexed without turning each into a string.
 *
 * Ids are hashed (32-bit FNV-1a) over their WTF-8 bytes: UTF-8, with a lone surrogate written
 * as the three bytes of its code point, so every JavaScript string has exactly one byte form and
 * back. The ids of a parsed checkpoint stay as those bytes (`stored`, with each id's start in
 * `starts`) until all of them are asked for as strings ({@link customerIds}); lookups compare
 * them in place. The table holds `[slot, key, key]` triples (`slot` -1 for an empty entry), at
 * most half full, laid out as inserting the slots in order into a table of that capacity would: a
 * state that saw the same customers in the same order has the same table. An id of at most 8
 * ASCII characters (a short number, a short code) is its key: its bytes and its length packed in
 * the two numbers (see {@link keyHigh}), so that finding it compares two numbers of the entry and
 * reads nothing else (no string, no other array, whose reads were most of a lookup's cost at 1M
 * customers). A longer id's key is its hash and -1, and a match is confirmed against its id.
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
  /** `[slot, key, key]` triples, `slot` -1 when the entry is empty; `3 * (mask + 1)` numbers. */
  table: Int32Array;
  /** The table's capacity minus one (a power of two minus one). */
  mask: number;
}

const BASIS = 0x811c9dc5 | 0;
const PRIME = 0x01000193;
const FIRST_CAPACITY = 16;
/** The second key number of an id longer than 8 ASCII characters (never that of a short id). */
const LONG = -1;

/** An index without customers. */
export function emptyIndex(): CustomerIndex {
  return {
    size: 0,
    stored: new Uint8Array(0),
    starts: new Uint32Array(1),
    storedCount: 0,
    ascii: true,
    added: [],
    table: new Int32Array(3 * FIRST_CAPACITY).fill(-1),
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

/**
 * The second number of `id`'s key. An id of at most 8 ASCII characters is its own key: its bytes,
 * 4 to a number (the first character in the low byte), with its length in the top bits of the
 * first number's four bytes (ASCII leaves them free); any other id's key is its hash and
 * {@link LONG}, whose top byte no short key has. So two short ids are the same id exactly when
 * their keys are equal, and a short id's key never equals a long id's.
 */
export function keyHigh(id: string): number {
  const length = id.length;
  if (length > 8) return LONG;
  let high = 0;
  for (let i = 0; i < length; i++) {
    const unit = id.charCodeAt(i);
    if (unit >= 0x80) return LONG;
    if (i >= 4) high |= unit << (8 * (i - 4));
  }
  return high;
}

/** The first number of `id`'s key (see {@link keyHigh}): its hash when `high` is {@link LONG}. */
export function keyLow(id: string, hash: number, high: number): number {
  if (high === LONG) return hash;
  const length = id.length;
  let low = lengthBits(length);
  for (let i = 0; i < length && i < 4; i++) low |= id.charCodeAt(i) << (8 * i);
  return low;
}

/** A length of 0 to 8 in bit 7 of each of a number's four bytes. */
function lengthBits(length: number): number {
  return ((length & 1) << 7) | ((length & 2) << 14) | ((length & 4) << 21) | ((length & 8) << 28);
}

/** The hash of the id whose key is `(low, high)`: the hash itself for a long id. */
function hashOfKey(low: number, high: number): number {
  if (high === LONG) return low;
  const length = ((low >>> 7) & 1) | ((low >>> 14) & 2) | ((low >>> 21) & 4) | ((low >>> 28) & 8);
  let hash = BASIS;
  for (let i = 0; i < length; i++) {
    const byte = i < 4 ? (low >>> (8 * i)) & 0x7f : (high >>> (8 * (i - 4))) & 0x7f;
    hash = Math.imul(hash ^ byte, PRIME);
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

/** Puts `slot` of key `(low, high)` (and hash `hash`) in the first empty entry from its home on. */
function place(
  table: Int32Array,
  mask: number,
  slot: number,
  hash: number,
  low: number,
  high: number,
): void {
  let p = hash & mask;
  while (table[3 * p]! >= 0) p = (p + 1) & mask;
  table[3 * p] = slot;
  table[3 * p + 1] = low;
  table[3 * p + 2] = high;
}

/** Doubles the table until it is at most half full with `size` customers, in slot order. */
export function reserveIds(index: CustomerIndex, size: number): void {
  let capacity = index.mask + 1;
  if (2 * size <= capacity) return;
  while (2 * size > capacity) capacity *= 2;
  const old = index.table;
  const keys = new Int32Array(2 * index.size);
  for (let p = 0; p < old.length; p += 3) {
    const slot = old[p]!;
    if (slot >= 0) {
      keys[2 * slot] = old[p + 1]!;
      keys[2 * slot + 1] = old[p + 2]!;
    }
  }
  const table = new Int32Array(3 * capacity).fill(-1);
  const mask = capacity - 1;
  for (let slot = 0; slot < index.size; slot++) {
    const low = keys[2 * slot]!;
    const high = keys[2 * slot + 1]!;
    place(table, mask, slot, hashOfKey(low, high), low, high);
  }
  index.table = table;
  index.mask = mask;
}

/**
 * The slot of customer `id`, or -1 when the index does not have it; with `add`, a customer not
 * there gets the next slot.
 */
export function lookupId(index: CustomerIndex, id: string, add: boolean): number {
  const hash = hashId(id);
  const high = keyHigh(id);
  return lookupKeyed(index, id, hash, keyLow(id, hash, high), high, add);
}

/** {@link lookupId} with the id's hash and key computed already. */
function lookupKeyed(
  index: CustomerIndex,
  id: string | number,
  hash: number,
  low: number,
  high: number,
  add: boolean,
): number {
  const { table, mask } = index;
  let p = hash & mask;
  for (;;) {
    const slot = table[3 * p]!;
    if (slot < 0) break;
    if (
      table[3 * p + 1] === low &&
      table[3 * p + 2] === high &&
      (high !== LONG || hasId(index, slot, id as string))
    ) {
      return slot;
    }
    p = (p + 1) & mask;
  }
  if (!add) return -1;
  const slot = index.size;
  if (2 * (slot + 1) > index.mask + 1) {
    reserveIds(index, slot + 1);
    place(index.table, index.mask, slot, hash, low, high);
  } else {
    table[3 * p] = slot;
    table[3 * p + 1] = low;
    table[3 * p + 2] = high;
  }
  index.added.push(typeof id === 'string' ? id : String(id));
  index.size = slot + 1;
  return slot;
}

/** Ids per round of {@link hashIds}. */
const ROUND = 256;
/**
 * Ids per round of the probes of {@link lookupIds} (a power of two; measured at 1M customers: 64
 * took 0.75 to 0.9 of the time of probing without rounds, 512 about as long as none).
 */
const PROBE_ROUND = 64;

/**
 * `id`'s hash and key (see {@link keyHigh}) into `out[at]`, `out[at + 1]` and `out[at + 2]`, in one
 * pass over its characters.
 */
function hashKeyInto(id: string, out: Int32Array, at: number): void {
  const length = id.length;
  let hash = BASIS;
  let low = 0;
  let high = 0;
  for (let i = 0; i < length; i++) {
    const unit = id.charCodeAt(i);
    if (unit >= 0x80) {
      const bytes = wtf8(id);
      const wide = hashBytes(bytes, 0, bytes.length);
      out[at] = wide;
      out[at + 1] = wide;
      out[at + 2] = LONG;
      return;
    }
    hash = Math.imul(hash ^ unit, PRIME);
    if (i < 4) low |= unit << (8 * i);
    else if (i < 8) high |= unit << (8 * (i - 4));
  }
  out[at] = hash;
  out[at + 1] = length <= 8 ? low | lengthBits(length) : hash;
  out[at + 2] = length <= 8 ? high : LONG;
}

/** The smallest and largest integers whose decimal form (`String`) has at most 8 characters. */
const SHORT_MIN = -9_999_999;
const SHORT_MAX = 99_999_999;

/**
 * The hash and key of the id `String(n)` into `out[at .. at + 2]`, as {@link hashKeyInto} writes
 * them for that string, computed from the number's digits without making the string: for an
 * integer from -9,999,999 to 99,999,999 (at most 8 characters, so its own key). Returns whether
 * `n` is such an integer (`-0` is `"0"`, as `String` writes it).
 */
export function numberKeyInto(n: number, out: Int32Array, at: number): boolean {
  if (!(Number.isInteger(n) && n >= SHORT_MIN && n <= SHORT_MAX)) return false;
  let rest = n < 0 ? -n : n;
  const sign = n < 0 ? 1 : 0;
  const digits =
    rest < 1e4
      ? rest < 100
        ? rest < 10
          ? 1
          : 2
        : rest < 1000
          ? 3
          : 4
      : rest < 1e6
        ? rest < 1e5
          ? 5
          : 6
        : rest < 1e7
          ? 7
          : 8;
  const length = sign + digits;
  // The key's bytes from the last digit back (rest * 0.1 rounds down to rest / 10 exactly
  // for numbers this small, without a division), then the hash over them in order.
  let low = sign === 1 ? 0x2d : 0;
  let high = 0;
  for (let i = length - 1; i >= sign; i--) {
    const next = Math.floor(rest * 0.1);
    const byte = 0x30 + rest - 10 * next;
    rest = next;
    if (i < 4) low |= byte << (8 * i);
    else high |= byte << (8 * (i - 4));
  }
  let hash = BASIS;
  for (let i = 0; i < length; i++) {
    hash = Math.imul(
      hash ^ (i < 4 ? (low >>> (8 * i)) & 0xff : (high >>> (8 * (i - 4))) & 0xff),
      PRIME,
    );
  }
  out[at] = hash;
  out[at + 1] = low | lengthBits(length);
  out[at + 2] = high;
  return true;
}

/**
 * The hash and key of each id `ids[order[k]]`, `k < count`, into `keys[3k .. 3k + 2]` (the hash,
 * then the key): what {@link lookupIds} probes with. An integer of at most 8 characters is keyed
 * as the string `String` writes for it, from its digits ({@link numberKeyInto}): a feed keyed by
 * a database's integer ids makes no string per id and batch. Returns the first `k` whose id is
 * neither a string nor such an integer (nothing after it is hashed), or -1. The ids go in rounds
 * of 256: each round first reads every id's type and length, loads independent of each other
 * whose cache misses overlap (a batch's ids may be strings anywhere in the heap), then hashes
 * them from the cache.
 */
export function hashIds(
  ids: readonly unknown[],
  order: Int32Array,
  count: number,
  keys: Int32Array,
): number {
  let touched = 0;
  for (let from = 0; from < count; from += ROUND) {
    const to = Math.min(count, from + ROUND);
    for (let k = from; k < to; k++) {
      const id = ids[order[k]!];
      if (typeof id === 'string') touched += id.length;
      else if (!numberKeyInto(id as number, keys, 3 * k)) return k;
    }
    for (let k = from; k < to; k++) {
      const id = ids[order[k]!];
      if (typeof id === 'string') hashKeyInto(id, keys, 3 * k);
    }
  }
  // Never true (a length is not negative): it only keeps the reads of the lengths.
  if (touched < 0) keys[0] = 0;
  return -1;
}

/**
 * The slots of many ids at once: `slotOf[c]` for the id `ids[c]` of each `c = order[k]`,
 * `k < count`, adding the ids the index does not have in that order. The same as
 * {@link lookupId} on each in turn, done in passes (hash and key every id, probe the table for
 * each, confirm the long ids' candidates, then add the new ones) so that each pass is a loop of
 * independent memory reads whose cache misses overlap, instead of a chain of dependent misses per
 * id. A new short id is added as soon as its probe misses, while no id before it is left
 * unresolved (the slots still go in order), from the entry just probed; adding the new ids in a
 * pass of their own probed each again from a cold entry (at 10M events / 1M customers in batches
 * of 65,536: lookups of a fresh feed 1.53-1.73 s, now 1.10-1.22 s). `keys` is what
 * {@link hashIds} wrote for these ids (computed here when left out).
 */
export function lookupIds(
  index: CustomerIndex,
  ids: readonly (string | number)[],
  order: Int32Array,
  count: number,
  slotOf: Int32Array,
  keys?: Int32Array,
): void {
  let scratch = keys;
  if (scratch === undefined) {
    scratch = new Int32Array(3 * count);
    hashIds(ids, order, count, scratch);
  }
  let { table, mask } = index;
  let unresolved = 0;
  let touched = 0;
  for (let k = 0; k < count; k++) {
    if ((k & (PROBE_ROUND - 1)) === 0) {
      // Each round first reads the home entries of its ids, independent loads whose cache
      // misses overlap, then probes from the cache.
      const to = Math.min(count, k + PROBE_ROUND);
      for (let j = k; j < to; j++) touched += table[3 * (scratch[3 * j]! & mask)]!;
    }
    const low = scratch[3 * k + 1]!;
    const high = scratch[3 * k + 2]!;
    let p = scratch[3 * k]! & mask;
    let found = -1;
    for (;;) {
      const slot = table[3 * p]!;
      if (slot < 0) break;
      if (table[3 * p + 1] === low && table[3 * p + 2] === high) {
        found = slot;
        break;
      }
      p = (p + 1) & mask;
    }
    // A short id's key is the id: found is its slot. A long id's is its hash: confirmed below.
    // A new short id is added at once while every id before it is resolved (so the slots still
    // go in order), from the entry just probed, which is in the cache.
    if (found < 0 && high !== LONG && unresolved === 0) {
      found = lookupKeyed(index, ids[order[k]!]!, scratch[3 * k]!, low, high, true);
      table = index.table;
      mask = index.mask;
    } else if (found < 0 || high === LONG) unresolved++;
    slotOf[order[k]!] = found;
  }
  // Never true (a slot is at least -1): it only keeps the reads of the home entries.
  if (touched < -count) unresolved++;
  if (unresolved === 0) return;
  for (let k = 0; k < count; k++) {
    const c = order[k]!;
    const slot = slotOf[c]!;
    if (slot >= 0 && scratch[3 * k + 2] === LONG && !hasId(index, slot, ids[c] as string)) {
      // (A long key is a string's: hashIds keys only short integers.)
      slotOf[c] = -1;
    }
  }
  // New ids (and the rare long id whose hash another has), one by one, in order.
  for (let k = 0; k < count; k++) {
    const c = order[k]!;
    if (slotOf[c]! < 0) {
      slotOf[c] = lookupKeyed(
        index,
        ids[c]!,
        scratch[3 * k]!,
        scratch[3 * k + 1]!,
        scratch[3 * k + 2]!,
        true,
      );
    }
  }
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
  const table = new Int32Array(3 * capacity).fill(-1);
  for (let slot = 0; slot < count; slot++) {
    const from = starts[slot]!;
    const to = starts[slot + 1]!;
    // The hash and the key in one pass over the bytes (as hashKeyInto does over a string).
    let hash = BASIS;
    let low = to - from <= 8 ? lengthBits(to - from) : 0;
    let high = 0;
    for (let i = from; i < to; i++) {
      const byte = stored[i]!;
      hash = Math.imul(hash ^ byte, PRIME);
      if (byte >= 0x80) high = LONG;
      else if (i - from < 4) low |= byte << (8 * (i - from));
      else if (i - from < 8 && high !== LONG) high |= byte << (8 * (i - from - 4));
    }
    if (to - from > 8 || high === LONG) {
      low = hash;
      high = LONG;
    }
    let p = hash & mask;
    for (;;) {
      const other = table[3 * p]!;
      if (other < 0) break;
      if (table[3 * p + 1] === low && table[3 * p + 2] === high) {
        if (high !== LONG) return slot;
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
    table[3 * p] = slot;
    table[3 * p + 1] = low;
    table[3 * p + 2] = high;
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
