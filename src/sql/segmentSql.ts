import type { Model } from '../model/modelSchema.js';
import { ladderOf } from '../segment/_lib/ladder.js';
import type { DialectWriter } from './dialects.js';

/**
 * The SQL `CASE` naming the segment of `score` under the model's ladder, as {@link segmentOf}
 * does without a previous segment: the first level whose `min` the score reaches, from the top
 * down, else the segment below every level (`'high'`, `'low'`, `'disengaged'` by default).
 *
 * @remarks
 * A hysteresis band needs each customer's previous segment, which one query over the current
 * score does not have: {@link toSql} refuses a segment column for a model with a band
 * (`UNSUPPORTED`) rather than write segments that differ from `segmentAt`.
 *
 * @internal
 */
export function segmentSql(model: Model, score: string, dialect: DialectWriter): string {
  const ladder = ladderOf(model);
  return [
    'CASE',
    ...ladder.mins.map(
      (min, index) =>
        `WHEN ${score} >= ${dialect.number(min)} THEN ${dialect.string(ladder.names[index]!)}`,
    ),
    `ELSE ${dialect.string(ladder.names.at(-1)!)}`,
    'END',
  ].join(' ');
}
