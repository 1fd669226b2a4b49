/**
 * Events stamped after the state's horizon (the instant it was last scored or advanced to), kept
 * aside until their time comes: a binary min-heap by time over four parallel arrays, so holding
 * and releasing an event costs O(log n) and nothing is allocated per event beyond the arrays'
 * growth. Events of one time leave in no particular order; the sums they go into do not depend on
 * it.
 */
export interface HeldEvents {
  /** The customer slot of each held event. */
  readonly slot: number[];
  /** The behaviour index of each held event. */
  readonly behaviour: number[];
  /** The event's time, epoch ms (the heap's key). */
  readonly time: number[];
  /** The event's worth: weight times boost. */
  readonly value: number[];
}
