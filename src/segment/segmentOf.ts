import { classifyScore } from '../_internal/classifyScore.js';
import { describeValue } from '../_internal/formatPath.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { Model, Segment } from '../model/modelSchema.js';

/**
 * The segment a score falls in.
 *
 * @remarks
 * `score >= high` is `'high'`, `score >= low` is `'low'`, anything below is `'disengaged'`; with the
 * default thresholds exactly 30 is high and exactly 10 is low.
 *
 * @param model - The model whose thresholds apply.
 * @param score - A finite score.
 * @returns The segment.
 * @throws {@link EngagekitError} `INVALID_OPTION` when `score` is not a finite number.
 *
 * @example
 * ```ts
 * import { defineModel, permanent, segmentOf } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { signup: { boost: 10, decay: permanent() } } });
 * segmentOf(model, 30); // => 'high'
 * segmentOf(model, 29.99); // => 'low'
 * segmentOf(model, 10); // => 'low'
 * segmentOf(model, 9.99); // => 'disengaged'
 * ```
 * @category Segments
 */
export function segmentOf(model: Model, score: number): Segment {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `segmentOf: score must be a finite number, got ${describeValue(score)}`,
      ['score'],
    );
  }
  return classifyScore(model, score);
}
