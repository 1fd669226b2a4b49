import type { Model } from '../model/modelSchema.js';
import type { DialectWriter } from './dialects.js';
import { numberLiteral } from './dialects.js';

/**
 * The SQL `CASE` naming the segment of `score` under the model's ladder, as
 * {@link segmentOf} does: `score >= high` is `'high'`, `score >= low` is `'low'`, anything below is
 * `'disengaged'`. The one place that knows the ladder, so that custom ladders only change this.
 *
 * @internal
 */
export function segmentSql(model: Model, score: string, dialect: DialectWriter): string {
  const { high, low } = model.segments;
  return [
    'CASE',
    `WHEN ${score} >= ${numberLiteral(high)} THEN ${dialect.string('high')}`,
    `WHEN ${score} >= ${numberLiteral(low)} THEN ${dialect.string('low')}`,
    `ELSE ${dialect.string('disengaged')}`,
    'END',
  ].join(' ');
}
