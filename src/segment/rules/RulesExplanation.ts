/**
 * Events at or before the instant that the model's rules left out of the score.
 *
 * @category Scoring
 */
export interface RemovedEvents {
  /** Left out by a frequency cap (beyond the first `count` of their day or window). */
  readonly frequencyCap: number;
  /** Discarded by a later reset (at or before the instant) naming their behaviour. */
  readonly reset: number;
}

/**
 * One group's part of a score under the model's rules, see {@link explainScore}.
 *
 * @category Scoring
 */
export interface GroupContribution {
  readonly group: string;
  /** Sum of its behaviours' totals, each after its `cap`. */
  readonly raw: number;
  /** `raw` clamped to the group's bounds: what the group adds to the score. */
  readonly bounded: number;
  /** Events of its behaviours that the frequency caps and resets left out. */
  readonly removed: RemovedEvents;
}

/**
 * The parts of a score that the model's rules shape (issue 18), see {@link explainScore}.
 *
 * @category Scoring
 */
export interface RulesExplanation {
  /** Each group's part, in the model's order. */
  readonly groups: readonly GroupContribution[];
  /** The behaviours in no group: their sum (unbounded) and the events left out. */
  readonly ungrouped: { readonly raw: number; readonly removed: RemovedEvents };
  /** `ungrouped.raw` plus every group's `bounded`: the score before the model's bounds. */
  readonly unbounded: number;
}
