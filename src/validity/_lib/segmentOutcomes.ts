import type { Segment } from '../../model/modelSchema.js';
import type { SegmentOutcome } from '../OutcomeRate.js';
import { outcomeRate } from './outcomeRate.js';

/**
 * Outcome rate per segment: one row for each name of the ladder, top first, in that order (empty
 * segments with nulls).
 */
export function segmentOutcomes(
  names: readonly Segment[],
  segments: readonly Segment[],
  outcomes: Uint8Array,
  overallRate: number,
): SegmentOutcome[] {
  const count = new Map<Segment, number>(names.map((name) => [name, 0]));
  const positives = new Map<Segment, number>(names.map((name) => [name, 0]));
  segments.forEach((segment, i) => {
    count.set(segment, (count.get(segment) ?? 0) + 1);
    positives.set(segment, (positives.get(segment) ?? 0) + outcomes[i]!);
  });
  return names.map((segment) => ({
    segment,
    ...outcomeRate(count.get(segment) ?? 0, positives.get(segment) ?? 0, overallRate),
  }));
}
