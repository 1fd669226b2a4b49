import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model, Segment } from '../../model/modelSchema.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { ruleScoreAt, selectRuleEvents } from '../../score/rules/selectRuleEvents.js';
import { classifyScore } from '../_lib/classifyScore.js';
import { rejectBandWithRules } from './rejectBandWithRules.js';

/**
 * `scoreTimeline` of a model with rules (issue 18): the events are ordered and selected by the
 * frequency caps once, then each point `from + k * step` (k < count) is scored as `scoreAt` scores
 * it and classified. @internal
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
  rejectBandWithRules(model, fn);
  const selection = selectRuleEvents(compiled, rules, columns);
  const points = [];
  for (let k = 0; k < count; k++) {
    const at = from + k * step;
    const score = ruleScoreAt(selection, at, fn).score;
    points.push({ at, score, segment: classifyScore(model, score) });
  }
  return points;
}
