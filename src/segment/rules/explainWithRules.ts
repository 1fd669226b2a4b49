import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import type { Model, Segment } from '../../model/modelSchema.js';
import { capped } from '../../score/_lib/behaviourTotals.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { ruleScoreAt, selectRuleEvents } from '../../score/rules/selectRuleEvents.js';
import { classifyScore } from '../_lib/classifyScore.js';
import { ladderOf } from '../_lib/ladder.js';
import { sweepInput } from '../sweep/ruleSweep.js';
import { segmentIndexAt } from '../sweep/segmentIndexAt.js';
import type { RemovedEvents, RulesExplanation } from './RulesExplanation.js';

interface Part {
  readonly contribution: number;
}

const byMagnitude = (a: Part, b: Part): number =>
  Math.abs(b.contribution) - Math.abs(a.contribution);

/**
 * `explainScore` of a model with rules (issue 18): the score as `scoreAt` gives it, the behaviours'
 * and events' parts counting only the events the rules let count, and `rules` with the groups'
 * raw and bounded parts and the events a frequency cap or a reset left out, per group. Every
 * event is counted, in the future, ignored as unknown, or removed. @internal
 */
export function explainWithRules(
  model: Model,
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: EventColumns,
  time: number,
  fn: string,
): {
  at: number;
  score: number;
  segment: Segment;
  behaviours: {
    behaviour: string;
    contribution: number;
    uncapped: number;
    capped: boolean;
    events: number;
  }[];
  events: { index: number; behaviour: string; at: number; weight: number; contribution: number }[];
  ignored: { future: number; unknownBehaviour: number };
  rules: RulesExplanation;
} {
  const selection = selectRuleEvents(compiled, rules, columns);
  const { score, ungrouped } = ruleScoreAt(selection, time, fn);
  const { sums, resetFrom, groupRaw } = selection.scratch;
  // 1 where the event at position i passes the frequency caps (selection.counted is by rank).
  const passes = new Uint8Array(columns.length);
  for (let k = 0; k < columns.length; k++) passes[selection.order[k]!] = selection.counted[k]!;
  const slots = rules.groupIds.length + 1; // the groups, then the ungrouped behaviours
  const cappedOut = new Uint32Array(slots);
  const resetOut = new Uint32Array(slots);
  const counts = new Uint32Array(compiled.behaviourIds.length);
  const events = [];
  let future = 0;
  for (let i = 0; i < columns.length; i++) {
    const eventAt = columns.at[i]!;
    if (eventAt > time) {
      future++;
      continue;
    }
    const b = columns.behaviour[i]!;
    const slot = rules.groupOf[b]! >= 0 ? rules.groupOf[b]! : slots - 1;
    if (passes[i] === 0) {
      cappedOut[slot]!++;
      continue;
    }
    if (eventAt < resetFrom[b]!) {
      resetOut[slot]!++;
      continue;
    }
    counts[b]!++;
    events.push({
      index: columns.source[i]!,
      behaviour: compiled.behaviourIds[b]!,
      at: eventAt,
      weight: columns.weight[i]!,
      contribution:
        columns.weight[i]! * compiled.boost[b]! * decayFactor(compiled.decays[b]!, time - eventAt),
    });
  }
  const behaviours = [];
  for (let b = 0; b < counts.length; b++) {
    if (counts[b] === 0) continue;
    const uncapped = sums[b]!;
    const contribution = capped(uncapped, compiled.cap[b]!);
    behaviours.push({
      behaviour: compiled.behaviourIds[b]!,
      contribution,
      uncapped,
      capped: contribution !== uncapped,
      events: counts[b]!,
    });
  }
  const removed = (slot: number): RemovedEvents => ({
    frequencyCap: cappedOut[slot]!,
    reset: resetOut[slot]!,
  });
  let unbounded = ungrouped;
  const groups = rules.groupIds.map((group, g) => {
    const raw = groupRaw[g]!;
    const bounded = Math.min(rules.groupMax[g]!, Math.max(rules.groupMin[g]!, raw));
    unbounded += bounded;
    return { group, raw, bounded, removed: removed(g) };
  });
  return {
    at: time,
    score,
    segment: segmentOfPath(model, compiled, columns, time, score, fn),
    behaviours: behaviours.sort(byMagnitude),
    events: events.sort(byMagnitude),
    ignored: { future, unknownBehaviour: columns.ignoredUnknown },
    rules: { groups, ungrouped: { raw: ungrouped, removed: removed(slots - 1) }, unbounded },
  };
}

/** The segment at `time`: of the score, or with a hysteresis band replayed under the rules. */
function segmentOfPath(
  model: Model,
  compiled: CompiledModel,
  columns: EventColumns,
  time: number,
  score: number,
  fn: string,
): Segment {
  const ladder = ladderOf(model);
  if (ladder.band === 0) return classifyScore(model, score);
  const input = sweepInput(compiled, columns);
  return ladder.names[
    segmentIndexAt(compiled, input.columns, ladder, time, -1, fn, input.rules)
  ] as Segment;
}
