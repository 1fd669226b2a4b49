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
