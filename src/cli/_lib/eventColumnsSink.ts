/** Typed events columns being filled: 13 bytes an event (a 1-byte behaviour, no weight) and up. */
export interface EventColumnsSink {
  /** Adds one event; `weight` 1 is stored only once some event had another weight. */
  push(customer: number, behaviour: number, at: number, weight: number): void;
  /** The columns so far, trimmed to the events added (views, not copies). */
  columns(): {
    customer: Uint32Array;
    behaviour: Uint8Array | Uint16Array;
    at: Float64Array;
    weight?: Float64Array;
  };
  readonly size: number;
  /** How many events the columns can hold before they grow. */
  readonly capacity: number;
  /**
   * Makes room for `events` events in all (a better estimate than the first); rows lent to
   * another sink count as room.
   */
  reserve(events: number): void;
  /**
   * Lends the last `rows` rows of the columns' room to another sink (the helper thread's part of
   * a file, filled where it will stay): this sink's room ends before them until {@link
   * EventColumnsSink.reclaim}. `undefined` when there is no such room.
   */
  lend(rows: number): ColumnsRegion | undefined;
  /**
   * Takes back the lent rows after the other sink filled the first `count` of them (customers
   * numbered its own way, renumbered by `remap`; its weights, if it had any but 1), and appends
   * them to this sink's events, in place. False, with nothing appended, when this sink's columns
   * grew since the loan (the rows are elsewhere: append them with `push`); the loan ends either way.
   */
  reclaim(count: number, remap: Uint32Array, weight: Float64Array | undefined): boolean;
}

/** Rows of columns lent by one sink to another (views on the same SharedArrayBuffers). */
export interface ColumnsRegion {
  readonly customer: Uint32Array;
  readonly behaviour: Uint8Array | Uint16Array;
  readonly at: Float64Array;
}

/** `length` elements of `bytes` bytes each on a SharedArrayBuffer, so that threads read them in place. */
function shared(length: number, bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(length * bytes);
}

/**
 * Events columns with room for `capacity` events (an estimate from the file's size), which double
 * only when the estimate was short. Behaviours take 1 byte when the model has at most 256 of them;
 * the weight column is allocated only when an event's weight is not 1, so a file without weights
 * costs 13 bytes an event. The columns live on SharedArrayBuffers: the forecast's helper thread
 * reads its customers' events where they are, without a copy.
 */
export function eventColumnsSink(
  capacity: number,
  behaviourCount: number,
  region?: ColumnsRegion,
): EventColumnsSink {
  let room = region?.customer.length ?? Math.max(16, Math.ceil(capacity));
  let size = 0;
  let customer = region?.customer ?? new Uint32Array(shared(room, 4));
  let behaviour: Uint8Array | Uint16Array =
    region?.behaviour ??
    (behaviourCount <= 256 ? new Uint8Array(shared(room, 1)) : new Uint16Array(shared(room, 2)));
  let at = region?.at ?? new Float64Array(shared(room, 8));
  let weight: Float64Array | undefined;
  /** The rows lent (from `room` on) and the columns they were lent from. */
  let lent: { rows: number; customer: Uint32Array } | undefined;

  const resize = (next: number) => {
    const grown = <T extends Uint32Array | Uint16Array | Uint8Array | Float64Array>(
      array: T,
      make: (length: number) => T,
    ): T => {
      const copy = make(next);
      copy.set(array.subarray(0, size));
      return copy;
    };
    customer = grown(customer, (length) => new Uint32Array(shared(length, 4)));
    behaviour =
      behaviour instanceof Uint8Array
        ? grown(behaviour, (length) => new Uint8Array(shared(length, 1)))
        : grown(behaviour, (length) => new Uint16Array(shared(length, 2)));
    at = grown(at, (length) => new Float64Array(shared(length, 8)));
    if (weight !== undefined) {
      weight = grown(weight, (length) => new Float64Array(shared(length, 8)));
    }
    room = next;
  };

  return {
    push(c, b, t, w) {
      if (size === room) resize(Math.max(16, room * 2));
      customer[size] = c;
      behaviour[size] = b;
      at[size] = t;
      if (weight !== undefined) weight[size] = w;
      else if (w !== 1) {
        weight = new Float64Array(shared(room, 8));
        weight.fill(1, 0, size);
        weight[size] = w;
      }
      size++;
    },
    columns() {
      const columns = {
        customer: customer.subarray(0, size),
        behaviour: behaviour.subarray(0, size),
        at: at.subarray(0, size),
      };
      return weight === undefined ? columns : { ...columns, weight: weight.subarray(0, size) };
    },
    get size() {
      return size;
    },
    get capacity() {
      return room;
    },
    reserve(events) {
      // Rows lent count as room: the events asked for include the other sink's.
      if (events > room + (lent?.rows ?? 0)) resize(Math.ceil(events));
    },
    lend(rows) {
      if (lent !== undefined || rows < 1 || rows > room - size) return undefined;
      room -= rows;
      lent = { rows, customer };
      return {
        customer: customer.subarray(room, room + rows),
        behaviour: behaviour.subarray(room, room + rows),
        at: at.subarray(room, room + rows),
      };
    },
    reclaim(count, remap, partWeight) {
      const loan = lent;
      lent = undefined;
      if (loan === undefined || loan.customer !== customer) return false;
      const from = room;
      room += loan.rows;
      if (count > loan.rows) return false;
      for (let i = from; i < from + count; i++) customer[i] = remap[customer[i]!]!;
      customer.copyWithin(size, from, from + count);
      behaviour.copyWithin(size, from, from + count);
      at.copyWithin(size, from, from + count);
      if (weight !== undefined || partWeight !== undefined) {
        // the weight column, as long as the others, 1 where a part had none
        if (weight === undefined || weight.length < room) {
          const whole = new Float64Array(shared(room, 8));
          if (weight === undefined) whole.fill(1, 0, size);
          else whole.set(weight.subarray(0, size));
          weight = whole;
        }
        if (partWeight === undefined) weight.fill(1, size, size + count);
        else weight.set(partWeight.subarray(0, count), size);
      }
      size += count;
      return true;
    },
  };
}
