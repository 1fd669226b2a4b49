import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { issueList } from '../../errors/issueList.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { instantMillis, MAX_INSTANT } from '../../time/instant.js';
import { compiledOf } from '../kernel/checkColumns.js';
import {
  BINARY_HEADER_BYTES,
  BINARY_MAGIC,
  BINARY_VERSION,
  type BinaryBlocks,
  binaryBlocks,
  readFloats,
  readUint32s,
  viewFloats,
} from './_lib/binaryLayout.js';
import {
  type CustomerIndex,
  checkWtf8,
  decodeWtf8,
  emptyIndex,
  idOf,
  indexStored,
  lookupId,
} from './_lib/customerIndex.js';
import { pushHeld } from './_lib/held.js';
import { allocBlock, HEADER, KEY, LENGTH, SIZE, SORTED, sizeFor } from './_lib/windowStore.js';
import { createScoreState } from './createScoreState.js';
import type { ScoreState } from './scoreStateParts.js';
import { isWindowed, modelFingerprint, readPosition, stateLayout } from './scoreStateParts.js';

/** Options of {@link parseStateBinary}. @category Incremental */
export interface ParseStateBinaryOptions {
  /**
   * `false` to let the state keep its records and ids in `bytes`, reading and writing them in
   * place (no copy); default `true`.
   */
  readonly copy?: boolean;
}

function readCopy(options: ParseStateBinaryOptions | undefined): boolean {
  if (options === undefined) return true;
  if (
    options === null ||
    typeof options !== 'object' ||
    typeof (options.copy ?? true) !== 'boolean'
  ) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `parseStateBinary: options must be an object { copy?: boolean }, got ${describeValue(options === null || typeof options !== 'object' ? options : options.copy)}`,
      typeof options === 'object' && options !== null ? ['options', 'copy'] : ['options'],
    );
  }
  return options.copy ?? true;
}

/** The part of the WHATWG `TextDecoder` used here (the library's types include no DOM lib). */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
declare const TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => Utf8Decoder;

function invalid(path: (string | number)[], problem: string): never {
  throw new EngagekitError('INVALID_STATE', `parseStateBinary: ${problem}`, ['bytes', ...path]);
}

/**
 * Reads a binary checkpoint written by {@link serializeStateBinary}, checking it fully and checking
 * that it was built for `model`.
 *
 * @remarks
 * The fixed header's counts give the checkpoint's exact length, which is checked against the bytes
 * before anything is allocated: a hostile header cannot make it allocate more than the bytes it
 * was given. Then every field is checked as {@link parseState} checks the JSON form: the magic
 * and version, the model's fingerprint, instants within the range of a `Date` and not after
 * `latest`, finite sums, windows sorted and only for behaviours that expire, held events after the
 * horizon, no customer twice; every problem is reported (`error.issues`, the first 100 listed).
 * The records are copied as they are, so parsing costs about one pass over the bytes, and the
 * customers' ids are indexed as bytes (version 2), without making a string of each.
 *
 * With `{ copy: false }` the state keeps the records and the ids where they are in `bytes`
 * (views, when they sit at offsets a `Float64Array` can start at on a little-endian platform;
 * otherwise they are copied): no fresh memory is touched for them, which on large checkpoints is
 * most of the cost of parsing (the first write to each fresh page of memory). The state then
 * reads and writes those bytes in place, until it outgrows them: pass bytes that nothing else
 * uses or changes afterwards (a file just read, a buffer just received).
 *
 * @param model - The model the state was built with, or its {@link compileModel} result.
 * @param bytes - The checkpoint.
 * @param options - `copy`: `false` to let the state use `bytes` in place (default `true`).
 * @returns A state ready for {@link applyEvent}, {@link scoreState} and {@link mergeStates}.
 * @throws {@link EngagekitError} `INVALID_STATE` (with the path of every bad field) for bytes that
 * are not a checkpoint, another version, another model, or bad numbers; `INVALID_OPTION` for
 * options that are not `{ copy?: boolean }`.
 *
 * @example
 * ```ts
 * import { EngagekitError, defineModel, parseStateBinary, permanent } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * try {
 *   parseStateBinary(model, new Uint8Array(8));
 * } catch (error) {
 *   if (error instanceof EngagekitError) error.code; // => 'INVALID_STATE'
 * }
 * ```
 *
 * @example
 * ```ts
 * import { applyEvent, createScoreState, defineModel, parseStateBinary, permanent, scoreState, serializeStateBinary } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 3, decay: permanent() } } });
 * const bytes = serializeStateBinary(
 *   applyEvent(createScoreState(model), { customerId: 'ada', behaviour: 'signup', at: 0 }),
 * );
 * // The bytes of a file just read: the state may use them in place.
 * const state = parseStateBinary(model, bytes, { copy: false });
 * scoreState(applyEvent(state, { customerId: 'ada', behaviour: 'signup', at: 1 }), 2); // => { ada: 6 }
 * ```
 * @category Incremental
 */
export function parseStateBinary(
  model: Model | CompiledModel,
  bytes: Uint8Array,
  options?: ParseStateBinaryOptions,
): ScoreState {
  const compiled = compiledOf(model, 'parseStateBinary');
  const copy = readCopy(options);
  if (!(bytes instanceof Uint8Array)) {
    invalid(
      [],
      `bytes must be the Uint8Array serializeStateBinary wrote, got ${describeValue(bytes)}`,
    );
  }
  if (bytes.length < BINARY_HEADER_BYTES || BINARY_MAGIC.some((byte, i) => bytes[i] !== byte)) {
    invalid([], 'bytes are not a checkpoint of serializeStateBinary (no EKST header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, headerBytes, idBytes, customers, stride, windowCount, windowNumbers, heldCount] =
    Array.from({ length: 8 }, (_, i) => view.getUint32(4 + 4 * i, true)) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
  if (version !== 1 && version !== BINARY_VERSION) {
    invalid(
      ['version'],
      `version must be 1 or ${BINARY_VERSION} (this version of engagekit writes ${BINARY_VERSION} and reads both), got ${version}`,
    );
  }
  const count = compiled.kind.length;
  const layout = stateLayout(compiled);
  if (stride !== layout.stride) {
    invalid(
      ['stride'],
      `the state was built for another model (${stride} numbers per customer, this model keeps ${layout.stride}); parse it with the model it was built with`,
    );
  }
  const blocks = binaryBlocks(
    version,
    headerBytes,
    idBytes,
    customers,
    stride,
    windowCount,
    windowNumbers,
    heldCount,
  );
  if (blocks.end !== bytes.length) {
    invalid(
      [],
      `the header's counts make ${blocks.end} bytes, but ${bytes.length} were given (truncated, or not one checkpoint)`,
    );
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const header = readJson(decoder, bytes, blocks.header, headerBytes, 'header');
  if (
    typeof header !== 'object' ||
    header === null ||
    (header as { fingerprint?: unknown }).fingerprint !== modelFingerprint(compiled) ||
    (header as { behaviours?: unknown }).behaviours !== count
  ) {
    invalid(
      ['header', 'fingerprint'],
      'the state was built for another model (its fingerprint differs); parse it with the model it was built with',
    );
  }
  const issues = issueList('parseStateBinary');
  const fields = header as Record<string, unknown>;
  const instantOrNull = (name: string): number => {
    const value = fields[name];
    const time = value === null ? Number.NEGATIVE_INFINITY : instantMillis(value);
    if (Number.isNaN(time)) {
      issues.add(
        ['bytes', 'header', name],
        `must be null or epoch milliseconds within ±8.64e15, got ${describeValue(value)}`,
      );
    }
    return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
  };
  const latest = instantOrNull('latest');
  const horizon = instantOrNull('horizon');
  const maxHeld = fields.maxHeld;
  const bounded = typeof maxHeld === 'number' && Number.isSafeInteger(maxHeld) && maxHeld >= 0;
  if (!bounded || heldCount > maxHeld) {
    issues.add(
      ['bytes', 'header', 'maxHeld'],
      `must be a whole number, at least the ${heldCount} held events, got ${describeValue(maxHeld)}`,
    );
  }
  const positions = fields.positions;
  const partitions: [string, string][] = [];
  if (typeof positions !== 'object' || positions === null || Array.isArray(positions)) {
    issues.add(
      ['bytes', 'header', 'positions'],
      `must be an object, got ${describeValue(positions)}`,
    );
  } else {
    for (const [partition, position] of Object.entries(positions)) {
      if (typeof position === 'string' && readPosition(position) !== undefined) {
        partitions.push([partition, position]);
      } else {
        issues.add(
          ['bytes', 'header', 'positions', partition],
          `must be a position (digits, optionally "ms-seq"), got ${describeValue(position)}`,
        );
      }
    }
  }
  const index =
    version === 1
      ? indexOfJson(readJson(decoder, bytes, blocks.ids, idBytes, 'customerIds'), customers)
      : indexOfBytes(bytes, blocks, idBytes, customers, copy);
  const state = createScoreState(compiled, { maxHeld: bounded ? maxHeld : 0 });
  (state as { customers: CustomerIndex }).customers = index;
  const data =
    (copy ? undefined : viewFloats(bytes, blocks.records, customers * stride)) ??
    readFloats(bytes, blocks.records, customers * stride);
  const inWindows = checkRecords(compiled, layout.offset, stride, data, index, latest, issues);
  // The windows go straight into the blocks of the state returned (thrown away if anything is
  // wrong), whose pool is sized once: by the blocks the lengths ask for, at most twice the
  // numbers and headers the checkpoint holds (so a hostile length inflates nothing).
  const store = state.windows;
  const numbers =
    viewFloats(bytes, blocks.windowNumbers, windowNumbers) ??
    readFloats(bytes, blocks.windowNumbers, windowNumbers);
  const { offset } = layout;
  let room = 0;
  for (let w = 0; w < windowCount; w++) {
    const length = view.getUint32(blocks.windowIndex + 8 * w + 4, true);
    room += 8 << sizeFor(Math.min(length, windowNumbers));
  }
  // A plain array, not a resizable buffer: below the allocator's mmap threshold it may reuse
  // memory already faulted in (a resizable buffer's pages are always fresh).
  store.pool = new Float64Array(Math.min(room, 2 * windowNumbers + 8 * windowCount));
  let next = 0;
  let previous = -1;
  for (let w = 0; w < windowCount; w++) {
    const key = view.getUint32(blocks.windowIndex + 8 * w, true);
    const length = view.getUint32(blocks.windowIndex + 8 * w + 4, true);
    const b = key % count;
    const slot = (key - b) / count;
    if (
      key <= previous ||
      slot >= customers ||
      !isWindowed(compiled, b) ||
      length < 4 ||
      length % 2 !== 0 ||
      next + length > windowNumbers ||
      !(
        Number.isNaN(data[slot * stride + offset[b]!]!) &&
        data[slot * stride + offset[b]! + 1] === 1
      )
    ) {
      issues.add(
        ['bytes', 'windows', w],
        'must be a window of an expiring behaviour marked in its record, keys increasing, with at least two [time, value] pairs',
      );
      break;
    }
    previous = key;
    const start = allocBlock(store, sizeFor(length), key);
    const pool = store.pool;
    const first = start + HEADER;
    let before = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < length; i += 2) {
      const time = numbers[next + i]!;
      const worth = numbers[next + i + 1]!;
      pool[first + i] = time;
      pool[first + i + 1] = worth;
      // An instant within ±8.64e15 (NaN fails every comparison), not after latest, sorted.
      if (!(time >= -MAX_INSTANT && time <= latest && time >= before)) {
        issues.add(
          ['bytes', 'windows', w, i],
          `must be an instant not after latest (${latest}) and not before the one before it, got ${time}`,
        );
      }
      if (worth - worth !== 0) {
        issues.add(['bytes', 'windows', w, i + 1], `must be a finite number, got ${worth}`);
      }
      before = time;
    }
    pool[start + LENGTH] = length;
    pool[start + SORTED] = length;
    next += length;
  }
  if (issues.count === 0 && (store.size !== inWindows || next !== windowNumbers)) {
    issues.add(
      ['bytes', 'windows'],
      `hold ${store.size} windows of ${next} numbers, but the records mark ${inWindows} and the header counts ${windowNumbers}`,
    );
  }
  const heldSlots = new Uint32Array(heldCount);
  const heldBehaviours = new Uint32Array(heldCount);
  const heldNumbers = readFloats(bytes, blocks.heldNumbers, 2 * heldCount);
  for (let k = 0; k < heldCount; k++) {
    const slot = view.getUint32(blocks.heldIndex + 8 * k, true);
    const b = view.getUint32(blocks.heldIndex + 8 * k + 4, true);
    const time = heldNumbers[2 * k]!;
    const worth = heldNumbers[2 * k + 1]!;
    if (
      slot >= customers ||
      b >= count ||
      Number.isNaN(instantMillis(time)) ||
      !(time > horizon) ||
      !Number.isFinite(worth)
    ) {
      issues.add(
        ['bytes', 'held', k],
        `must be an event of a known customer and behaviour, after the horizon (${horizon}), of finite worth`,
      );
    }
    heldSlots[k] = slot;
    heldBehaviours[k] = b;
  }
  issues.throwIfAny('INVALID_STATE');
  state.latest = latest;
  state.horizon = horizon;
  for (const [partition, position] of partitions) state.positions.set(partition, position);
  state.data = data;
  state.ready = customers;
  // Each window's record marks its block (checked above to mark one as 1): only now, so that a
  // checkpoint parsed in place and refused is left as it was given.
  const pool = store.pool;
  for (let start = 0; start < store.top; start += 8 << pool[start + SIZE]!) {
    const key = pool[start + KEY]!;
    const b = key % count;
    data[((key - b) / count) * stride + offset[b]! + 1] = start + 1;
  }
  state.swept = store.size;
  for (let k = 0; k < heldCount; k++) {
    pushHeld(
      state.held,
      heldSlots[k]!,
      heldBehaviours[k]!,
      heldNumbers[2 * k]!,
      heldNumbers[2 * k + 1]!,
    );
  }
  return state;
}

/** The index of version 1's ids: a JSON array of strings. */
function indexOfJson(ids: unknown, customers: number): CustomerIndex {
  if (!Array.isArray(ids) || ids.length !== customers || ids.some((id) => typeof id !== 'string')) {
    invalid(['customerIds'], `must be ${customers} customer ids (strings)`);
  }
  const index = emptyIndex();
  for (let slot = 0; slot < customers; slot++) {
    if (lookupId(index, ids[slot] as string, true) !== slot) {
      invalid(
        ['customerIds', slot],
        `repeats the id of an earlier customer (${JSON.stringify(ids[slot])}); keep one record per customer`,
      );
    }
  }
  return index;
}

/**
 * The index of version 2's ids (their WTF-8 bytes and where each starts), built on typed arrays
 * without making a string of any id: the starts must run from 0 to the ids' length without going
 * back, each id must be the one WTF-8 form of a string, and no id may repeat.
 */
function indexOfBytes(
  bytes: Uint8Array,
  blocks: BinaryBlocks,
  idBytes: number,
  customers: number,
  copy: boolean,
): CustomerIndex {
  const starts = readUint32s(bytes, blocks.starts, customers + 1, copy);
  let ordered = starts[0] === 0 && starts[customers] === idBytes;
  for (let slot = 0; ordered && slot < customers; slot++)
    ordered = starts[slot]! <= starts[slot + 1]!;
  if (!ordered) {
    invalid(
      ['customerStarts'],
      `must be where each of the ${customers} customer ids starts, from 0 up to the ids' ${idBytes} bytes, never going back`,
    );
  }
  const stored = copy
    ? bytes.slice(blocks.ids, blocks.ids + idBytes)
    : bytes.subarray(blocks.ids, blocks.ids + idBytes);
  let ascii = true;
  for (let i = 0; i < idBytes; i++) {
    if (stored[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    for (let slot = 0; slot < customers; slot++) {
      if (!checkWtf8(stored, starts[slot]!, starts[slot + 1]!)) {
        invalid(
          ['customerIds', slot],
          'is not UTF-8 (as serializeStateBinary writes ids); pass the bytes serializeStateBinary wrote',
        );
      }
    }
  }
  const index = indexStored(stored, starts, ascii);
  if (typeof index === 'number') {
    invalid(
      ['customerIds', index],
      `repeats the id of an earlier customer (${JSON.stringify(decodeWtf8(stored, starts[index]!, starts[index + 1]!))}); keep one record per customer`,
    );
  }
  return index;
}

function readJson(
  decoder: Utf8Decoder,
  bytes: Uint8Array,
  offset: number,
  length: number,
  field: string,
): unknown {
  try {
    return JSON.parse(decoder.decode(bytes.subarray(offset, offset + length)));
  } catch {
    invalid(
      [field],
      `the ${field} block is not UTF-8 JSON; pass the bytes serializeStateBinary wrote`,
    );
  }
}

/**
 * Checks every customer's record: anchors `-Infinity` or instants not after `latest`, finite
 * sums, and for expiring behaviours nothing, one live event, or the mark of a window. Returns how
 * many records mark a window. One pass over the numbers, record by record (a pass per behaviour
 * would read each record's cache lines once per behaviour: measured at 1M customers of 8
 * behaviours, 118 ms against 54), the customer's id made a string only for a message.
 */
function checkRecords(
  compiled: CompiledModel,
  offset: Int32Array,
  stride: number,
  data: Float64Array,
  index: CustomerIndex,
  latest: number,
  issues: ReturnType<typeof issueList>,
): number {
  const { kind, end } = compiled;
  const count = kind.length;
  // Per behaviour: 0 expiring (two numbers), 1 exponential, 2 permanent (three numbers).
  const form = new Uint8Array(count);
  for (let b = 0; b < count; b++) form[b] = isWindowed(compiled, b) ? 0 : kind[b] === 1 ? 1 : 2;
  let marked = 0;
  const bad: number[] = [];
  for (let base = 0; base < data.length; base += stride) {
    let good = true;
    for (let b = 0; b < count; b++) {
      const at = base + offset[b]!;
      const first = data[at]!;
      const second = data[at + 1]!;
      const shape = form[b]!;
      if (shape === 0) {
        if (Number.isNaN(first)) {
          if (second === 1) marked++;
          else if (second !== 0) good = false;
        } else if (
          !(first >= -MAX_INSTANT && first <= latest && latest - first < end[b]!) ||
          second - second !== 0
        ) {
          good = false;
        }
      } else if (
        !(
          first === Number.NEGATIVE_INFINITY ||
          (shape === 1 && first >= -MAX_INSTANT && first <= latest)
        ) ||
        second - second !== 0 ||
        data[at + 2]! - data[at + 2]! !== 0
      ) {
        good = false;
      }
    }
    if (!good) bad.push(base / stride);
  }
  if (bad.length === 0) return marked;
  // The message lists each bad number, customer by customer, behaviour by behaviour.
  for (const slot of bad) {
    for (let b = 0; b < count; b++) {
      if (recordGood(compiled, b, data, slot * stride + offset[b]!, latest)) continue;
      issues.add(
        ['bytes', 'customers', idOf(index, slot), compiled.behaviourIds[b]!],
        'holds numbers no state can hold (an anchor after latest, a sum that is not finite, or an expired event)',
      );
    }
  }
  return marked;
}

/** Whether behaviour `b`'s numbers at `data[at]` are numbers a state can hold. */
function recordGood(
  compiled: CompiledModel,
  b: number,
  data: Float64Array,
  at: number,
  latest: number,
): boolean {
  const first = data[at]!;
  const second = data[at + 1]!;
  if (isWindowed(compiled, b)) {
    if (Number.isNaN(first)) return second === 0 || second === 1;
    return (
      !Number.isNaN(instantMillis(first)) &&
      first <= latest &&
      latest - first < compiled.end[b]! &&
      Number.isFinite(second)
    );
  }
  const anchorGood =
    first === Number.NEGATIVE_INFINITY ||
    (compiled.kind[b] === 1 && !Number.isNaN(instantMillis(first)) && first <= latest);
  return anchorGood && Number.isFinite(second) && Number.isFinite(data[at + 2]!);
}
