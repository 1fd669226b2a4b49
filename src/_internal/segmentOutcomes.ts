import type { Segment } from '../model/modelSchema.js';
import type { SegmentOutcome } from '../validity/OutcomeRate.js';
import { outcomeRate } from './outcomeRate.js';

const SEGMENTS: readonly Segment[] = ['high', 'low', 'disengaged'];

/** Outcome rate per segment, always the three rows high, low, disengaged (empty ones with nulls). */
export function segmentOutcomes(
  segments: readonly Segment[],
  outcomes: Uint8Array,
  overallRate: number,
): SegmentOutcome[] {
  const count = { high: 0, low: 0, disengaged: 0 };
  const positives = { high: 0, low: 0, disengaged: 0 };
  segments.forEach((segment, i) => {
    count[segment]++;
    positives[segment] += outcomes[i]!;
  });
  return SEGMENTS.map((segment) => ({
    segment,
    ...outcomeRate(count[segment], positives[segment], overallRate),
  }));
}
