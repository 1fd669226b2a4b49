import type { ArrowData, ArrowTableLike } from '../EventColumnsInput.js';
import {
  type ColumnBuilder,
  internCustomer,
  problem,
  push,
  readBehaviour,
  readRowInstant,
  readRowWeight,
} from './columnBuilder.js';

/** Whether a value looks like an Apache Arrow `Table`. */
export function isArrowTable(value: unknown): value is ArrowTableLike {
  const table = value as ArrowTableLike | null;
  return (
    typeof table === 'object' &&
    table !== null &&
    typeof table.getChild === 'function' &&
    typeof table.numRows === 'number' &&
    Array.isArray(table.batches)
  );
}

const TYPE_INT = 2;
const TYPE_UTF8 = 5;
const TYPE_DATE = 8;
const TYPE_TIMESTAMP = 10;
const TYPE_LARGE_UTF8 = 20;
const TYPE_DICTIONARY = -1;
/** Milliseconds per unit of a timestamp: second, millisecond, microsecond, nanosecond. */
const TIMESTAMP_MILLIS = [1000, 1, 1e-3, 1e-6];

const decoder = typeof TextDecoder === 'function' ? /* @__PURE__ */ new TextDecoder() : undefined;

function isNull(data: ArrowData, i: number): boolean {
  if (data.nullCount === 0 || data.nullBitmap == null || data.nullBitmap.length === 0) return false;
  const bit = data.offset + i;
  return (data.nullBitmap[bit >> 3]! & (1 << (bit & 7))) === 0;
}

/** The value of row `i` of a chunk: a number, a bigint (64-bit ints), a string, or null. */
function valueAt(data: ArrowData, i: number): unknown {
  if (isNull(data, i)) return null;
  const type = data.type.typeId;
  if (type === TYPE_UTF8 || type === TYPE_LARGE_UTF8) {
    const offsets = data.valueOffsets!;
    const from = Number(offsets[data.offset + i]!);
    const to = Number(offsets[data.offset + i + 1]!);
    return decoder!.decode((data.values as unknown as Uint8Array).subarray(from, to));
  }
  if (type === TYPE_DICTIONARY) return data.dictionary!.get(Number(data.values[data.offset + i]!));
  return data.values[data.offset + i];
}

/** Epoch milliseconds of row `i` of a timestamp or date chunk, else the plain value. */
function instantAt(data: ArrowData, i: number): unknown {
  const type = data.type.typeId;
  if (type !== TYPE_TIMESTAMP && type !== TYPE_DATE) return valueAt(data, i);
  if (isNull(data, i)) return null;
  const raw = Number(data.values[data.offset + i]!);
  if (type === TYPE_DATE) return data.type.unit === 0 ? raw * 86_400_000 : raw;
  return Math.floor(raw * TIMESTAMP_MILLIS[data.type.unit ?? 1]!);
}

/**
 * Reads an Arrow table batch by batch into the builder: dictionary-encoded customer and behaviour
 * columns through their dictionaries (each dictionary entry interned once, on first use), timestamp
 * columns of any unit, 64-bit integer ids as bigints.
 */
export function readArrowTable(
  builder: ColumnBuilder,
  table: ArrowTableLike,
  fields: { customer: string; behaviour: string; at: string; weight: string },
): void {
  for (const name of [fields.customer, fields.behaviour, fields.at]) {
    if (table.getChild(name) == null) {
      problem(
        builder,
        ['rows', name],
        `rows has no column ${JSON.stringify(name)}; name it in options.fields`,
      );
    }
  }
  if (builder.problems > 0) return;
  const hasWeight = table.getChild(fields.weight) != null;
  let row = 0;
  const customerMaps = new Map<unknown, Int32Array>();
  const behaviourMaps = new Map<unknown, Int32Array>();
  for (const batch of table.batches) {
    const customer = batch.getChild(fields.customer)!.data[0]!;
    const behaviour = batch.getChild(fields.behaviour)!.data[0]!;
    const at = batch.getChild(fields.at)!.data[0]!;
    const weight = hasWeight ? batch.getChild(fields.weight)!.data[0]! : undefined;
    let customerMap: Int32Array | undefined;
    if (customer.type.typeId === TYPE_DICTIONARY) {
      customerMap = customerMaps.get(customer.dictionary);
      if (customerMap === undefined) {
        customerMap = new Int32Array(customer.dictionary!.length).fill(-1);
        customerMaps.set(customer.dictionary, customerMap);
      }
    }
    let behaviourMap: Int32Array | undefined;
    if (behaviour.type.typeId === TYPE_DICTIONARY) {
      behaviourMap = behaviourMaps.get(behaviour.dictionary);
      if (behaviourMap === undefined) {
        behaviourMap = new Int32Array(behaviour.dictionary!.length).fill(-3);
        behaviourMaps.set(behaviour.dictionary, behaviourMap);
      }
    }
    const wide = customer.type.typeId === TYPE_INT && customer.type.bitWidth === 64;
    for (let i = 0; i < batch.numRows; i++, row++) {
      let c: number;
      if (customerMap !== undefined && !isNull(customer, i)) {
        const key = Number(customer.values[customer.offset + i]!);
        c = customerMap[key]!;
        if (c < 0) {
          c = internCustomer(builder, customer.dictionary!.get(key), row, fields.customer, 'rows');
          customerMap[key] = c;
        }
      } else {
        const id = valueAt(customer, i);
        c = internCustomer(builder, wide ? id : id, row, fields.customer, 'rows');
      }
      let b: number;
      if (behaviourMap !== undefined && !isNull(behaviour, i)) {
        const key = Number(behaviour.values[behaviour.offset + i]!);
        b = behaviourMap[key]!;
        if (b === -3) {
          b = readBehaviour(builder, behaviour.dictionary!.get(key), row, fields.behaviour, 'rows');
          // An unknown behaviour is reported for every row that has it, so it is not cached.
          if (b !== -2) behaviourMap[key] = b;
        }
      } else {
        b = readBehaviour(builder, valueAt(behaviour, i), row, fields.behaviour, 'rows');
      }
      const time = readRowInstant(builder, instantAt(at, i), row, fields.at, 'rows');
      const w =
        weight === undefined
          ? 1
          : readRowWeight(builder, valueAt(weight, i), row, fields.weight, 'rows');
      addRow(builder, c, b, time, w, row, fields.weight);
    }
  }
}

/** Adds a read row: counted as ignored, or pushed when every part is good. */
export function addRow(
  builder: ColumnBuilder,
  c: number,
  b: number,
  time: number,
  w: number,
  row: number,
  weightField: string,
): void {
  if (c < 0 || b === -2 || Number.isNaN(time) || Number.isNaN(w)) return;
  if (b === -1) {
    builder.ignored++;
    return;
  }
  const boost = builder.compiled.boost[b]!;
  if (!Number.isFinite(w * boost)) {
    problem(
      builder,
      ['rows', row, weightField],
      `rows[${row}].${weightField} (${w}) times the boost of ${JSON.stringify(builder.compiled.behaviourIds[b])} (${boost}) overflows a number; scale the weights down`,
    );
    return;
  }
  push(builder, c, b, time, w);
}
