/**
 * The windows of a state's expiring behaviours (a customer's events of one behaviour while it
 * keeps more than one) in one pool of numbers instead of a JS array each in a `Map`: no object,
 * no `Map` entry and nothing for the garbage collector per window, and a window is found from its
 * customer's record, which holds the start of its block.
 *
 * A window lives in a block of `8 << size` numbers of `pool` (size 0: 8 numbers): a header of
 * four numbers, `[key, size, length, sorted]`, then its `[time, value, ...]` pairs. `key` is
 * `slot * behaviourCount + b` (-1 when the block is free), `length` the numbers of its pairs in
 * use, `sorted` how many of them are sorted by time (the tail after them arrived out of time
 * order and is merged in when the window is read, or once it is as long as the sorted part). The
 * blocks lie one after the other from 0 to `top`, so a sweep walks them in order; a freed block
 * goes on the free list of its size and is given out again before the pool grows.
 */
export interface WindowStore {
  /** Windows kept (blocks in use). */
  size: number;
  /** The blocks, one after the other from 0 to `top`. */
  pool: Float64Array;
  /** Where the next new block goes: the numbers of `pool` taken by blocks, free or not. */
  top: number;
  /** The starts of the free blocks, by size. */
  readonly free: number[][];
}

/** Numbers of a block's header: key, size, length, sorted. */
export const HEADER = 4;
/** The header's number of the block's key (-1 when free). */
export const KEY = 0;
/** The header's number of the block's size (`8 << size` numbers). */
export const SIZE = 1;
/** The header's number of the numbers of the window's pairs in use. */
export const LENGTH = 2;
/** The header's number of how many of them are sorted by time. */
export const SORTED = 3;

/** A store without windows. */
export function emptyWindows(): WindowStore {
  return { size: 0, pool: new Float64Array(0), top: 0, free: [] };
}

/** The smallest block size whose block holds `numbers` numbers of pairs. */
export function sizeFor(numbers: number): number {
  let size = 0;
  while ((8 << size) - HEADER < numbers) size++;
  return size;
}

/** The numbers of pairs a block of size `size` holds. */
export function capacityOf(size: number): number {
  return (8 << size) - HEADER;
}

/**
 * A block of size `size` for the window of `key`, empty (length 0), from the free list of its
 * size or at the end of the pool (which grows as {@link reservePool} does). Returns its start;
 * `store.pool` may be a new array afterwards.
 */
export function allocBlock(store: WindowStore, size: number, key: number): number {
  const free = store.free[size];
  let start: number;
  if (free !== undefined && free.length > 0) start = free.pop()!;
  else {
    start = store.top;
    reservePool(store, start + (8 << size));
    store.top = start + (8 << size);
  }
  const pool = store.pool;
  pool[start + KEY] = key;
  pool[start + SIZE] = size;
  pool[start + LENGTH] = 0;
  pool[start + SORTED] = 0;
  store.size++;
  return start;
}

/** Gives the block at `start` back to the free list of its size. */
export function freeBlock(store: WindowStore, start: number): void {
  const size = store.pool[start + SIZE]!;
  store.pool[start + KEY] = -1;
  const free = store.free[size];
  if (free === undefined) store.free[size] = [start];
  else free.push(start);
  store.size--;
}

/**
 * Makes room for `numbers` numbers in the pool: it grows by an eighth in place where it is a
 * resizable buffer with room to grow (no copy, each page faulted in once: on this VM a fresh page
 * costs about 10 us), or by half (at least 1024 numbers) into a new array.
 */
export function reservePool(store: WindowStore, numbers: number): void {
  const pool = store.pool;
  if (pool.length >= numbers) return;
  const step = growsInPlace(pool, numbers) ? pool.length >> 3 : pool.length >> 1;
  store.pool = grownFloats(pool, store.top, Math.max(numbers, pool.length + step, 1024));
}

/** Records of at least this many bytes go in a resizable buffer where the platform has them. */
const RESIZABLE_FROM = 2 ** 20;

/** An ArrayBuffer as platforms with resizable buffers (ES2024) give it. */
type Resizable = ArrayBufferLike & {
  readonly resizable?: boolean;
  readonly maxByteLength?: number;
  resize?(byteLength: number): void;
};

/** Whether `array` can grow to `length` numbers in place (a length-tracking view of a resizable buffer with room). */
export function growsInPlace(array: Float64Array, length: number): boolean {
  const buffer = array.buffer as Resizable;
  return (
    buffer.resizable === true &&
    buffer.maxByteLength! >= 8 * length &&
    array.byteOffset === 0 &&
    8 * array.length === buffer.byteLength
  );
}

/**
 * `array` with room for `length` numbers, its first `used` kept: the same array grown in place
 * when it is a length-tracking view of a resizable buffer with room, else a new array
 * ({@link floatArray}) with them copied.
 */
export function grownFloats(array: Float64Array, used: number, length: number): Float64Array {
  if (growsInPlace(array, length)) {
    // A length-tracking view of this buffer: it grows in place, no copy. (A fixed-length view,
    // as of a checkpoint's bytes parsed in place, does not follow: copied.)
    (array.buffer as Resizable).resize!(8 * length);
    if (array.length >= length) return array;
  }
  const grown = floatArray(length);
  grown.set(array.subarray(0, used));
  return grown;
}

/**
 * A zeroed array of `length` numbers. From 1 MiB on, where the platform has resizable
 * ArrayBuffers, it is a length-tracking view of one that may grow in place to 16 times its size
 * (at most 4 GiB): the next growths copy nothing. On this 2-core VM a fresh page costs about
 * 10 us to fault in, so every copy into a new array cost its size in page faults again; a
 * 1M-customer state built from a feed copied its records about 8 times over
 * (docs/performance-log.md, "Resizable records").
 */
export function floatArray(length: number): Float64Array {
  const bytes = 8 * length;
  if (bytes >= RESIZABLE_FROM && 'resize' in ArrayBuffer.prototype) {
    const maxByteLength = Math.min(2 ** 32, 16 * bytes);
    if (maxByteLength > bytes) {
      try {
        const Resizing = ArrayBuffer as unknown as new (
          byteLength: number,
          options: { maxByteLength: number },
        ) => ArrayBuffer;
        return new Float64Array(new Resizing(bytes, { maxByteLength }));
      } catch {
        // no room to reserve: a plain array below
      }
    }
  }
  return new Float64Array(length);
}

/**
 * Sorts, in place, the pairs of the block at `start` whose first `sorted` numbers are sorted
 * pairs and whose tail holds pairs in arrival order: the tail is sorted stably by time and merged
 * after the sorted pairs of the same time, so the result is the order that inserting each pair
 * after the pairs of its time would give. O(n + k log k) for a tail of k pairs.
 */
export function settleBlock(pool: Float64Array, start: number): void {
  const first = start + HEADER;
  const length = pool[start + LENGTH]!;
  const prefix = pool[start + SORTED]!;
  if (prefix >= length) return;
  const order: number[] = [];
  for (let i = prefix; i < length; i += 2) order.push(first + i);
  order.sort((x, y) => pool[x]! - pool[y]! || x - y);
  const merged = new Float64Array(length);
  let i = first;
  const end = first + prefix;
  let j = 0;
  let k = 0;
  while (i < end || j < order.length) {
    if (j >= order.length || (i < end && pool[i]! <= pool[order[j]!]!)) {
      merged[k++] = pool[i]!;
      merged[k++] = pool[i + 1]!;
      i += 2;
    } else {
      const from = order[j++]!;
      merged[k++] = pool[from]!;
      merged[k++] = pool[from + 1]!;
    }
  }
  pool.set(merged, first);
  pool[start + SORTED] = length;
}

/**
 * Drops the pairs of the (sorted) block at `start` that are `end` or more older than `latest`:
 * they never count again. Unless `full`, it waits until the window is small or half of it has
 * expired, so that the work is amortised O(1) per event; a window then holds at most about twice
 * its live events. Returns the window's length after.
 */
export function pruneBlock(
  pool: Float64Array,
  start: number,
  latest: number,
  end: number,
  full: boolean,
): number {
  const first = start + HEADER;
  const length = pool[start + LENGTH]!;
  if (length === 0 || latest - pool[first]! < end) return length;
  if (!full && length > 16 && latest - pool[first + ((length >> 2) << 1)]! < end) return length;
  let drop = 0;
  while (drop < length && latest - pool[first + drop]! >= end) drop += 2;
  pool.copyWithin(first, first + drop, first + length);
  pool[start + LENGTH] = length - drop;
  pool[start + SORTED] = length - drop;
  return length - drop;
}
