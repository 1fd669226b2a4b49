import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model, Segment } from '../../model/modelSchema.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { ruleScoreAt, selectRuleEvents } from '../../score/rules/selectRuleEvents.js';
import { classifyScore } from '../_lib/classifyScore.js';
import { ladderOf } from '../_lib/ladder.js';
import { sweepInput } from '../sweep/ruleSweep.js';
import { segmentIndexAt } from '../sweep/segmentIndexAt.js';
import type { IndexChange } from '../sweep/sweepColumns.js';
import { sweepSegments } from '../sweep/sweepSegments.js';

/**
 * `scoreTimeline` of a model with rules (issue 18): the events are ordered and selected by the
 * frequency caps once, then each point `from + k * step` (k < count) is scored as `scoreAt` scores
 * it and classified (with a hysteresis band, followed along the exact changes). @internal
 */
export function timelineWithRules(
  model: Model,
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: EventColumns,
  from: number,
  step: number,
  count: number,
  fn: string,
): { at: number; score: number; segment: Segment }[] {
  const selection = selectRuleEvents(compiled, rules, columns);
  const ladder = ladderOf(model);
  // With a hysteresis band the segment depends on the path: replayed up to `from` under the
  // rules, then following the exact changes in (from, to], as without rules.
  let state = -1;
  let changes: readonly IndexChange[] = [];
  if (ladder.band !== 0) {
    const input = sweepInput(compiled, columns);
    state = segmentIndexAt(compiled, input.columns, ladder, from, -1, fn, input.rules);
    const to = from + (count - 1) * step;
    changes = sweepSegments(compiled, input.columns, ladder, from, state, to, Infinity, {
      fn,
      rules: input.rules,
    });
  }
  let next = 0;
  const points = [];
  for (let k = 0; k < count; k++) {
    const at = from + k * step;
    const score = ruleScoreAt(selection, at, fn).score;
    let segment: Segment;
    if (ladder.band === 0) segment = classifyScore(model, score);
    else {
      while (next < changes.length && changes[next]!.at <= at) state = changes[next++]!.to;
      segment = ladder.names[state] as Segment;
    }
    points.push({ at, score, segment });
  }
  return points;
}
