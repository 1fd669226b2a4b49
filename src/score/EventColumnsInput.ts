/**
 * Events as columns for the fast paths ({@link scoreColumns}, {@link prepareColumns}): entry `i` of
 * every column describes event `i`.
 *
 * @category Fast paths
 */
export interface EventColumnsInput {
  /** Customer index of each event, from 0 to `customerCount - 1`. */
  readonly customer: Uint32Array;
  /** Behaviour of each event, as an index into `model.behaviourIds`. */
  readonly behaviour: Uint8Array | Uint16Array;
  /** When each event happened, in epoch milliseconds. */
  readonly at: Float64Array;
  /** Multiplies each event's boost; every event counts once when left out. */
  readonly weight?: Float64Array;
}

/**
 * A customer id as hosts hold it: a string, a finite number or a bigint.
 *
 * @category Fast paths
 */
export type CustomerId = string | number | bigint;

/**
 * The parts of an Apache Arrow `Data` chunk that {@link eventColumns} reads (duck-typed:
 * apache-arrow is not imported).
 *
 * @category Fast paths
 */
export interface ArrowData {
  readonly type: { readonly typeId: number; readonly unit?: number; readonly bitWidth?: number };
  readonly length: number;
  readonly offset: number;
  readonly nullCount: number;
  readonly nullBitmap?: Uint8Array | null;
  readonly values: ArrayLike<number | bigint> & { readonly length: number };
  readonly valueOffsets?: Int32Array | BigInt64Array;
  readonly dictionary?: { get(index: number): unknown; readonly length: number };
}

/**
 * The parts of an Apache Arrow `Table` that {@link eventColumns} reads.
 *
 * @category Fast paths
 */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly batches: readonly {
    readonly numRows: number;
    getChild(name: string): { readonly data: readonly ArrowData[] } | null;
  }[];
  getChild(name: string): unknown;
}
