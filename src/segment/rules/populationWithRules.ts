import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { scoreRuleColumns, selectRuleColumns } from '../../score/rules/scoreColumnsWithRules.js';
import { forecastGrouped } from '../_lib/forecastGrouped.js';
import type { ColumnsOfEvents } from '../_lib/groupColumns.js';
import { classifyIndex, ladderOf } from '../_lib/ladder.js';

/**
 * Every customer's score and segment index under a model's rules at each of `times` (issue 18),
 * for `scorePopulation`, `segmentCounts` and `segmentFlows`: the events are ordered and selected by
 * the frequency caps once, then every customer is scored as `scoreAt` scores them (a customer whose
 * events are all ignored or later scores what an empty history scores). With a hysteresis band
 * each customer's path is replayed under the rules, as `segmentAt` replays it. @internal
 */
export function populationWithRules(
  model: Model,
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: ColumnsOfEvents,
  customerCount: number,
  times: readonly number[],
  fn: string,
): { score: Float64Array; segment: Uint8Array }[] {
  const ladder = ladderOf(model);
  if (ladder.band !== 0) {
    // the segment depends on each customer's path: replayed under the rules, as segmentAt does
    return times.map((time) => {
      const { score, segment } = forecastGrouped(
        compiled,
        ladder,
        columns,
        customerCount,
        time,
        time,
        fn,
      ).result;
      return { score, segment };
    });
  }
  const selection = selectRuleColumns(rules, columns, columns.at.length);
  return times.map((time) => {
    const score = scoreRuleColumns(compiled, rules, selection, time, customerCount, fn);
    const segment = new Uint8Array(customerCount);
    for (let c = 0; c < customerCount; c++) segment[c] = classifyIndex(ladder, score[c]!, -1);
    return { score, segment };
  });
}
