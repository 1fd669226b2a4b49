import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import type { Model } from '../model/modelSchema.js';
import { readModel } from '../model/readModel.js';
import { classifyScore } from './_lib/classifyScore.js';
import { checkSegment } from './_lib/ladder.js';

/**
 * The segment a score falls in.
 *
 * @remarks
 * Default ladder: `score >= high` is `'high'`, `score >= low` is `'low'`, anything below is
 * `'disengaged'`; with the default thresholds exactly 30 is high and exactly 10 is low. A custom
 * ladder works the same way from its highest level down, ending in its `below` segment.
 *
 * Hysteresis: when the ladder has a `band` and you pass the segment the customer was `previous`ly
 * in, moving up still needs the threshold itself, but the customer stays in a segment until the
 * score falls below its threshold minus `band`, and on the way down stops at the first segment
 * whose threshold minus `band` the score still reaches. Worked example with high 30, low 10, band
 * 5: a customer in `high` whose score falls to 27 stays `high` (27 >= 30 - 5); at 24 they become
 * `low`; if the score then climbs back to 29 they stay `low` (29 < 30), and only 30 makes them
 * `high` again. A score bobbing between 25 and 31 therefore never flaps. Without `previous` (or
 * without a band) the band plays no part.
 *
 * @param model - The model whose ladder applies.
 * @param score - A finite score.
 * @param previous - The segment the customer was in before, for a ladder with a hysteresis band.
 * @returns The segment.
 * @throws {@link EngagekitError} `INVALID_OPTION` when `score` is not a finite number or `previous`
 * is not a segment of the model.
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
 *
 * const sticky = defineModel({
 *   behaviours: { signup: { boost: 10, decay: permanent() } },
 *   segments: { high: 30, low: 10, band: 5 },
 * });
 * segmentOf(sticky, 27, 'high'); // => 'high'
 * segmentOf(sticky, 24, 'high'); // => 'low'
 * segmentOf(sticky, 29, 'low'); // => 'low'
 * segmentOf(sticky, 30, 'low'); // => 'high'
 * ```
 * @category Segments
 */
export function segmentOf<Name extends string>(
  model: Model<Name>,
  score: number,
  previous?: Name,
): Name {
  // Only a value without segments reaches readModel, which then throws INVALID_MODEL.
  if (typeof model?.segments !== 'object' || model.segments === null) readModel(model, 'segmentOf');
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new EngagekitError(
      'INVALID_OPTION',
      `segmentOf: score must be a finite number, got ${describeValue(score)}`,
      ['score'],
    );
  }
  if (previous !== undefined) checkSegment(model, previous, 'segmentOf', ['previous']);
  return classifyScore(model, score, previous);
}
