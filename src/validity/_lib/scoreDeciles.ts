import type { DecileOutcome } from '../OutcomeRate.js';
import { outcomeRate } from './outcomeRate.js';

/**
 * Outcome rate per score decile, decile 1 = highest scores. With scores sorted from highest to
 * lowest and `r` the mean 1-based rank of a group of equal scores, the group's decile is
 * `min(10, floor(10 (r - 1/2) / n) + 1)`: without ties each decile holds a tenth of the
 * observations (give or take one), and equal scores always share a decile, so with many ties
 * (every customer with no events scores 0) some deciles hold more and others none. Empty deciles
 * are left out.
 */
export function scoreDeciles(
  scores: Float64Array,
  outcomes: Uint8Array,
  overallRate: number,
): DecileOutcome[] {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => scores[j]! - scores[i]!);
  const count = new Float64Array(11);
  const positives = new Float64Array(11);
  const min = new Float64Array(11).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(11).fill(Number.NEGATIVE_INFINITY);
  for (let start = 0; start < n; ) {
    const value = scores[order[start]!]!;
    let end = start;
    let hits = 0;
    while (end < n && scores[order[end]!]! === value) {
      hits += outcomes[order[end]!]!;
      end++;
    }
    const meanRank = (start + 1 + end) / 2;
    const decile = Math.min(10, Math.floor((10 * (meanRank - 0.5)) / n) + 1);
    count[decile]! += end - start;
    positives[decile]! += hits;
    min[decile] = Math.min(min[decile]!, value);
    max[decile] = Math.max(max[decile]!, value);
    start = end;
  }
  const rows: DecileOutcome[] = [];
  for (let decile = 1; decile <= 10; decile++) {
    if (count[decile] === 0) continue;
    rows.push({
      decile,
      ...outcomeRate(count[decile]!, positives[decile]!, overallRate),
      minScore: min[decile]!,
      maxScore: max[decile]!,
    });
  }
  return rows;
}
