import type { Model, Segment } from '../model/modelSchema.js';

/** The segment of a finite score under the model's ladder. Trusts its input. */
export function classifyScore(model: Model, score: number): Segment {
  return score >= model.segments.high ? 'high' : score >= model.segments.low ? 'low' : 'disengaged';
}
