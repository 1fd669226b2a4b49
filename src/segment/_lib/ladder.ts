import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue, formatPath } from '../../errors/formatPath.js';
import type { Model } from '../../model/modelSchema.js';

/**
 * A model's segments as one ladder: `names[0..k]` from the top segment down (the last is the one
 * below every level), `mins[0..k-1]` the least score of each level, descending, and the band.
 */
export interface Ladder {
  readonly names: readonly string[];
  readonly mins: readonly number[];
  readonly band: number;
}

/** The ladder of a model, whichever form its segments take. */
export function ladderOf(model: Model): Ladder {
  const segments = model.segments;
  if ('levels' in segments) {
    return {
      names: [...segments.levels.map((level) => level.name), segments.below],
      mins: segments.levels.map((level) => level.min),
      band: segments.band ?? 0,
    };
  }
  return {
    names: ['high', 'low', 'disengaged'],
    mins: [segments.high, segments.low],
    band: segments.band ?? 0,
  };
}

/**
 * The index in `ladder.names` of the segment of `score`, given the index of the segment the
 * customer was in (`-1` when unknown, which ignores the band).
 *
 * @remarks
 * Moving up needs `score >= mins[i]`; staying in segment `p` needs `score >= mins[p] - band`; on
 * the way down the customer stops at the first level `i > p` with `score >= mins[i] - band`, as a
 * score sliding down continuously would.
 */
export function classifyIndex(ladder: Ladder, score: number, previous: number): number {
  const mins = ladder.mins;
  const count = mins.length;
  let plain = 0;
  while (plain < count && score < mins[plain]!) plain++;
  if (previous < 0 || plain <= previous || ladder.band === 0) return plain;
  let index = previous;
  while (index < count && score < mins[index]! - ladder.band) index++;
  return index;
}

/**
 * The interval of scores `[lower, upper)` in which a customer in segment `index` stays there;
 * `-Infinity` / `Infinity` at the ends of the ladder.
 */
export function stayRange(ladder: Ladder, index: number): { lower: number; upper: number } {
  const count = ladder.mins.length;
  return {
    lower: index < count ? ladder.mins[index]! - ladder.band : Number.NEGATIVE_INFINITY,
    upper: index > 0 ? ladder.mins[index - 1]! : Number.POSITIVE_INFINITY,
  };
}

/** The index of `segment` in the model's ladder, or throws `INVALID_OPTION` naming `path`. */
export function checkSegment(
  model: Model,
  segment: unknown,
  fn: string,
  path: readonly (string | number)[],
): number {
  const names = ladderOf(model).names;
  const index = typeof segment === 'string' ? names.indexOf(segment) : -1;
  if (index >= 0) return index;
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: ${formatPath(path)} must be a segment of the model (${names.map((name) => JSON.stringify(name)).join(', ')}), got ${describeValue(segment)}`,
    path,
  );
}
