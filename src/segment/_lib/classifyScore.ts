import type { Model } from '../../model/modelSchema.js';
import { classifyIndex, ladderOf } from './ladder.js';

/**
 * The segment of a finite score under the model's ladder; with a hysteresis band, `previous` is the
 * segment the customer was in (ignored when undefined). Trusts its input.
 */
export function classifyScore<Name extends string>(
  model: Model<Name>,
  score: number,
  previous?: Name,
): Name {
  const segments = model.segments;
  if ('high' in segments && (segments.band === undefined || previous === undefined)) {
    return (score >= segments.high ? 'high' : score >= segments.low ? 'low' : 'disengaged') as Name;
  }
  const ladder = ladderOf(model);
  const from = previous === undefined ? -1 : ladder.names.indexOf(previous);
  return ladder.names[classifyIndex(ladder, score, from)] as Name;
}
