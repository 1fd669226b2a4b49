import type { CompiledModel } from '../../model/compileModel.js';
import { parseIsoInstant } from '../../time/_lib/parseIsoInstant.js';
import type { BadRows } from '../badRows.js';
import { numberFrom } from '../fields.js';
import { instantFrom } from '../parseInstant.js';
import { type ByteInterner, byteInterner } from './byteInterner.js';
import { type ColumnsRegion, type EventColumnsSink, eventColumnsSink } from './eventColumnsSink.js';
import { isWellFormedUtf8 } from './isWellFormedUtf8.js';
import type { IndexedColumn } from './parquetColumn.js';
import { parseDecimalBytes } from './parseDecimalBytes.js';
import { parseIsoBytes } from './parseIsoBytes.js';
import type { ColumnarBatch } from './readColumnar.js';
import { fieldText, type ScannedRecord } from './scanFile.js';

/** The accepted names of each events column, the flag's name first when given. */
export interface ColumnNames {
  readonly customer: readonly string[];
  readonly behaviour: readonly string[];
  readonly at: readonly string[];
  readonly weight: readonly string[];
}

/** Where each column is in a CSV header (-1: no weight column, every weight 1). */
export interface ColumnIndexes {
  readonly customer: number;
  readonly behaviour: number;
  readonly at: number;
  readonly weight: number;
}

/** How {@link eventRows} reads and reports. */
export interface EventRowsOptions {
  readonly file: string;
  readonly model: CompiledModel;
  readonly names: ColumnNames;
  readonly ignoreUnknown: boolean;
  readonly bad: BadRows;
  /** The events expected (from the file's size), to size the columns once. */
  readonly expected: number;
  /**
   * CSV: ids are bytes of the file, interned without a string per row. Otherwise ids come as
   * strings or JSON numbers (1 and "1" are told apart).
   */
  readonly csv: boolean;
  /**
   * Ids of one type per file (Parquet: a column has one type): interned by their UTF-8 bytes as
   * CSV ids are (an ASCII id by its character codes, without encoding it), not in a `Map` of
   * strings; 1 and "1" cannot both occur, so they need not be told apart.
   */
  readonly typedIds?: boolean;
  /** Rows of another reader's columns to fill (lent by its sink), before columns of its own. */
  readonly into?: ColumnsRegion | undefined;
}

/** Turns input rows into typed events columns, reporting each bad row to `bad`. */
export interface EventRows {
  /** One row from values (NDJSON, Parquet, Arrow, or a CSV row off the fast path). */
  take(line: number, customer: unknown, behaviour: unknown, when: unknown, weight: unknown): void;
  /** One CSV record, read from its bytes; a field off the fast path goes through `take`. */
  takeRecord(record: ScannedRecord, columns: ColumnIndexes): void;
  /**
   * A batch of columns (Parquet, Arrow): each id and behaviour of a column's values is resolved
   * once, not once per row; a row with a value off that path goes through `take`.
   */
  takeBatch(batch: ColumnarBatch): void;
  /**
   * The rows of a later part of the same file, read by another reader (the helper thread's): its
   * customers are indexed among these (after every customer seen here, in the order they were
   * first seen there) and its events appended in their order, as if read here.
   */
  takePart(part: EventRowsPart): void;
  readonly sink: EventColumnsSink;
  /** The customers' ids in first-seen order (their index in the columns). */
  readonly customerIds: readonly string[];
  /** How many customers there are (CSV and Parquet ids are not decoded to count them). */
  readonly customerCount: number;
  /**
   * The same ids as UTF-8 bytes, one after another, and where each starts (CSV and Parquet ids,
   * interned as bytes; no string is made for them), for another reader's {@link EventRows.takePart}.
   */
  customerBytes(): EventRowsPart['customerBytes'];
}

/** What a reader read of a part of a file: its customers' ids and its events' columns. */
export interface EventRowsPart {
  /** The customers' ids as UTF-8 bytes, one after another, and where each starts. */
  readonly customerBytes: { readonly bytes: Uint8Array; readonly offsets: Int32Array };
  readonly columns: ReturnType<EventColumnsSink['columns']>;
  /** Whether the columns are the rows this reader's sink lent (filled in place, not grown out). */
  readonly inPlace: boolean;
}

const SPACE = 0x20;

/** The latest instant a `Date` can hold, in epoch milliseconds (and its negative the earliest). */
const DATE_RANGE = 8.64e15;

/** Whether byte `byte` is one that String.prototype.trim would remove at an edge (ASCII). */
function isTrimmed(byte: number): boolean {
  return byte === SPACE || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * The reader of events rows into columns. The CSV fast path reads the customer id, behaviour,
 * instant and weight from the record's bytes (ids hashed as bytes, instants and decimals parsed
 * from bytes); a field it does not read (quoted with `""`, non-ASCII at an edge, an instant of
 * another form, an unknown behaviour, a bad value) sends the row through the text path, which
 * gives the same result or the same message as reading the text would.
 */
export function eventRows(options: EventRowsOptions): EventRows {
  const { file, model, names, ignoreUnknown, bad, csv } = options;
  const typedIds = options.typedIds === true;
  const sink = eventColumnsSink(options.expected, model.behaviourIds.length, options.into);
  const known = model.behaviourIds.map((id) => JSON.stringify(id)).join(', ');
  const behaviours: ByteInterner = byteInterner(16, model.behaviourIds);
  const bytesIds: ByteInterner = byteInterner(Math.max(1024, options.expected / 16));
  const textIds = new Map<string, number>();
  const textIdList: string[] = [];
  /** Whether each text id came as a JSON number (1) or as text (0): 1 and "1" must not merge. */
  const numericIds: number[] = [];

  const customerIndex = (line: number, customer: string | number): number => {
    const id = String(customer);
    if (csv || typedIds) return bytesIds.internText(id);
    const numeric = typeof customer === 'number' ? 1 : 0;
    let c = textIds.get(id);
    if (c === undefined) {
      c = textIdList.length;
      textIds.set(id, c);
      textIdList.push(id);
      numericIds.push(numeric);
    } else if (numericIds[c] !== numeric) {
      bad.add(
        file,
        line,
        `${names.customer[0]} ${JSON.stringify(customer)} is a ${numeric === 1 ? 'number' : 'string'} here and a ${numeric === 1 ? 'string' : 'number'} elsewhere; write every id the same way (1 and "1" would merge)`,
      );
      return -1;
    }
    return c;
  };

  const take = (
    line: number,
    customer: unknown,
    behaviour: unknown,
    when: unknown,
    weightValue: unknown,
  ): void => {
    if (typeof customer !== 'string' && typeof customer !== 'number') {
      bad.add(file, line, `${names.customer[0]} is missing`);
      return;
    }
    if (typeof customer === 'number' && !Number.isSafeInteger(customer)) {
      bad.add(
        file,
        line,
        `${names.customer[0]} ${customer} is not a whole number below 2^53 and would be rounded; write it as a JSON string`,
      );
      return;
    }
    const c = customerIndex(line, customer);
    if (c < 0) return;
    if (typeof behaviour !== 'string') {
      bad.add(file, line, `${names.behaviour[0]} is missing`);
      return;
    }
    const b = model.index.get(behaviour);
    if (b === undefined) {
      // With --ignore-unknown the customer is still listed (score 0 if nothing else), as the SQL does.
      if (!ignoreUnknown) {
        bad.add(
          file,
          line,
          `behaviour ${JSON.stringify(behaviour)} is not in the model (known: ${known}); fix it or pass --ignore-unknown`,
        );
      }
      return;
    }
    // The strict parser first (no allocation), epoch milliseconds in the range of a Date as they
    // are (Parquet's and Arrow's timestamps: no object a row); the slower reader only to explain a
    // failure or to read epoch milliseconds in text and dates alone.
    let millis =
      typeof when === 'string'
        ? parseIsoInstant(when)
        : typeof when === 'number' && Math.abs(when) <= DATE_RANGE
          ? when
          : Number.NaN;
    if (Number.isNaN(millis)) {
      const instant = instantFrom(when);
      if ('problem' in instant) {
        bad.add(file, line, `${names.at[0]}: ${instant.problem}`);
        return;
      }
      millis = instant.millis;
    }
    let weight = 1;
    if (weightValue !== undefined && weightValue !== null && weightValue !== '') {
      const parsed = numberFrom(weightValue);
      if (parsed === undefined) {
        bad.add(file, line, `weight ${JSON.stringify(weightValue)} is not a finite number`);
        return;
      }
      weight = parsed;
    }
    sink.push(c, b, millis, weight);
  };

  /** The text of a CSV field as the text path reads it: trimmed, blank as missing. */
  const text = (record: ScannedRecord, index: number): string | undefined =>
    index < 0 ? undefined : fieldText(record, index).trim() || undefined;

  const slow = (record: ScannedRecord, columns: ColumnIndexes) =>
    take(
      record.line,
      text(record, columns.customer),
      text(record, columns.behaviour),
      text(record, columns.at),
      text(record, columns.weight),
    );

  const takeRecord = (record: ScannedRecord, columns: ColumnIndexes): void => {
    const { bytes, start, end, escaped } = record;
    // The customer id: its bytes trimmed as String.prototype.trim trims ASCII; anything that
    // needs more (a "" inside quotes, a non-ASCII edge that may be Unicode space) is the text path.
    const ci = columns.customer;
    let from = start[ci]!;
    let to = end[ci]!;
    while (from < to && isTrimmed(bytes[from]!)) from++;
    while (to > from && isTrimmed(bytes[to - 1]!)) to--;
    if (from === to || escaped[ci] === 1 || bytes[from]! >= 0x80 || bytes[to - 1]! >= 0x80) {
      slow(record, columns);
      return;
    }
    const bi = columns.behaviour;
    const b = escaped[bi] === 1 ? -1 : behaviours.find(bytes, start[bi]!, end[bi]!);
    const ai = columns.at;
    const millis = parseIsoBytes(bytes, start[ai]!, end[ai]!);
    let weight = 1;
    const wi = columns.weight;
    if (wi >= 0) {
      let wFrom = start[wi]!;
      let wTo = end[wi]!;
      while (wFrom < wTo && isTrimmed(bytes[wFrom]!)) wFrom++;
      while (wTo > wFrom && isTrimmed(bytes[wTo - 1]!)) wTo--;
      if (wTo > wFrom) weight = parseDecimalBytes(bytes, wFrom, wTo);
    }
    if (b < 0 || Number.isNaN(millis) || Number.isNaN(weight)) {
      slow(record, columns);
      return;
    }
    sink.push(bytesIds.intern(bytes, from, to), b, millis, weight);
  };

  /**
   * Row `i`'s value of `column` as the text path reads it: a `bigint` as a number or text, text
   * kept as UTF-8 bytes decoded (invalid bytes as U+FFFD, as hyparquet decodes them).
   */
  const valueAt = (column: IndexedColumn | undefined, i: number, asText: boolean): unknown => {
    if (column === undefined) return undefined;
    const k = column.index[i]!;
    const { text } = column;
    if (text !== undefined) {
      return k < 0 ? null : decoder.decode(text.bytes.subarray(text.starts[k]!, text.ends[k]!));
    }
    const value = k < 0 ? null : column.values[k];
    if (typeof value === 'bigint') return asText ? String(value) : Number(value);
    if (value instanceof Uint8Array) return decoder.decode(value);
    return value;
  };
  const decoder = new TextDecoder();

  /**
   * The customer of an id given as UTF-8 bytes `bytes[start, end)` (a Parquet page): typed ids
   * that are well-formed UTF-8 are interned by their bytes, as `internText` interns the same
   * text; other bytes go through their decoded text (invalid UTF-8 as U+FFFD, as the text path
   * reads them).
   */
  const customerOfBytes = (line: number, bytes: Uint8Array, start: number, end: number): number =>
    typedIds && isWellFormedUtf8(bytes, start, end)
      ? bytesIds.intern(bytes, start, end)
      : customerIndex(line, decoder.decode(bytes.subarray(start, end)));

  /** Room for a safe integer's decimal digits and its sign. */
  const digits = new Uint8Array(24);
  /**
   * The customer of a safe integer id, interned by the bytes of its decimal text (`String(id)`:
   * digits, a minus sign when negative) without making the string.
   */
  const internDigits = (id: number): number => {
    let at = digits.length;
    let rest = Math.abs(id);
    do {
      digits[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    if (id < 0) digits[--at] = 45;
    return bytesIds.intern(digits, at, digits.length);
  };

  const takeBatch = (batch: ColumnarBatch): void => {
    const { customer, behaviour, at, weight, length, firstRow } = batch;
    // sized once for the whole file (a batch at a time would copy the columns each time)
    // (the rows from this batch to the file's end: all of them from the first batch, the helper
    // thread's part from its first)
    sink.reserve(sink.size + Math.max(batch.totalRows - batch.firstRow + 1, length));
    /** Per value of each column: its customer (-1 until resolved) or behaviour (-2 until then). */
    const customerText = customer.text;
    const behaviourText = behaviour.text;
    const customerOf = new Int32Array(customerText?.count ?? customer.values.length).fill(-1);
    const behaviourOf = new Int32Array(behaviourText?.count ?? behaviour.values.length).fill(-2);
    for (let i = 0; i < length; i++) {
      const line = firstRow + i;
      const bk = behaviour.index[i]!;
      let b = bk < 0 ? -1 : behaviourOf[bk]!;
      if (b === -2) {
        if (behaviourText !== undefined) {
          b = behaviours.find(
            behaviourText.bytes,
            behaviourText.starts[bk]!,
            behaviourText.ends[bk]!,
          );
        } else {
          const value = behaviour.values[bk];
          if (value instanceof Uint8Array) b = behaviours.find(value, 0, value.length);
          else b = (typeof value === 'string' ? model.index.get(value) : undefined) ?? -1;
        }
        behaviourOf[bk] = b;
      }
      const ak = at.index[i]!;
      const millis = ak < 0 ? null : at.values[ak];
      let w = 1;
      let plainWeight = true;
      if (weight !== undefined) {
        const wk = weight.index[i]!;
        const value = wk < 0 ? null : weight.values[wk];
        if (typeof value === 'number' && Number.isFinite(value)) w = value;
        else plainWeight = value === null || value === undefined;
      }
      const ck = customer.index[i]!;
      let c = ck < 0 ? -1 : customerOf[ck]!;
      if (c < 0 && ck >= 0 && b >= 0 && plainWeight && customerText !== undefined) {
        const start = customerText.starts[ck]!;
        const end = customerText.ends[ck]!;
        if (end > start) {
          c = customerOfBytes(line, customerText.bytes, start, end);
          if (c < 0) continue;
          customerOf[ck] = c;
        }
      } else if (c < 0 && ck >= 0 && b >= 0 && plainWeight) {
        const value = customer.values[ck];
        if (typedIds && typeof value === 'number' && Number.isSafeInteger(value)) {
          // an integer id (INT32, INT64 within 2^53) by its decimal digits, as internText would
          c = internDigits(value);
          customerOf[ck] = c;
        }
        if (value instanceof Uint8Array && value.length > 0) {
          c = customerOfBytes(line, value, 0, value.length);
          if (c < 0) continue;
        }
        const id = typeof value === 'bigint' ? String(value) : value;
        if (c < 0 && ((typeof id === 'string' && id !== '') || Number.isSafeInteger(id))) {
          c = customerIndex(line, id as string | number);
          // a conflict (1 and "1") is reported for this row by customerIndex, as take would
          if (c < 0) continue;
          customerOf[ck] = c;
        }
      }
      if (
        c >= 0 &&
        b >= 0 &&
        plainWeight &&
        typeof millis === 'number' &&
        Math.abs(millis) <= DATE_RANGE
      ) {
        sink.push(c, b, millis, w);
        continue;
      }
      const id = valueAt(customer, i, true);
      take(
        line,
        id === '' ? undefined : id,
        valueAt(behaviour, i, false),
        valueAt(at, i, false),
        valueAt(weight, i, false),
      );
    }
  };

  const takePart = (part: EventRowsPart): void => {
    // Ids as bytes: only CSV and Parquet are read in parts, and their ids are interned as bytes.
    const { bytes: idBytes, offsets } = part.customerBytes;
    const remap = new Uint32Array(offsets.length - 1);
    for (let k = 0; k < remap.length; k++) {
      remap[k] = bytesIds.intern(idBytes, offsets[k]!, offsets[k + 1]!);
    }
    const { customer, behaviour, at, weight } = part.columns;
    // Filled where the sink lent them: renumbered and moved up in place, no copy elsewhere.
    if (part.inPlace && sink.reclaim(customer.length, remap, weight)) return;
    sink.reserve(sink.size + customer.length);
    for (let i = 0; i < customer.length; i++) {
      sink.push(remap[customer[i]!]!, behaviour[i]!, at[i]!, weight === undefined ? 1 : weight[i]!);
    }
  };

  return {
    take,
    takeRecord,
    takeBatch,
    takePart,
    sink,
    get customerIds() {
      return csv || typedIds ? bytesIds.keys : textIdList;
    },
    get customerCount() {
      return csv || typedIds ? bytesIds.size : textIdList.length;
    },
    customerBytes: () => bytesIds.bytes(),
  };
}
