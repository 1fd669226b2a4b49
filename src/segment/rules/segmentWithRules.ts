import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { ruleScoreAt, selectRuleEvents } from '../../score/rules/selectRuleEvents.js';
import { classifyScore } from '../_lib/classifyScore.js';

/** `segmentAt` of a model with rules (issue 18): the segment of the rules' score. @internal */
export function segmentWithRules<Name extends string>(
  model: Model<Name>,
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: EventColumns,
  time: number,
  fn: string,
): Name {
  const score = ruleScoreAt(selectRuleEvents(compiled, rules, columns), time, fn).score;
  return classifyScore(model, score);
}
