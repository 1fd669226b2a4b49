/**
 * Whether `transitions(model, events, { from, to })` decides every instant of `(from, to]` as
 * `scoreAt` does: its sweep, run here as transitions runs it (rules included) while counting its
 * work, spent none of its budgets. Past them an instant within about 1e-13 of a threshold keeps
 * the current segment: the documented exception, for a score that scoreAt's roundings flip
 * across a threshold for days. The properties that compare transitions with scoreAt allow that
 * exception only when this is false.
 */
import { compileModel } from '../src/model/compileModel.js';
import type { Model } from '../src/model/modelSchema.js';
import { readEvents } from '../src/score/_lib/readEvents.js';
import type { EngagementEvent } from '../src/score/EngagementEvent.js';
import { ladderOf } from '../src/segment/_lib/ladder.js';
import { sweepInput } from '../src/segment/sweep/ruleSweep.js';
import { segmentIndexAt } from '../src/segment/sweep/segmentIndexAt.js';
import { sweepSegments } from '../src/segment/sweep/sweepSegments.js';

export function sweptExactly(
  model: Model,
  events: readonly EngagementEvent[],
  from: number,
  to: number,
): boolean {
  const compiled = compileModel(model);
  const ladder = ladderOf(model);
  const { columns, rules } = sweepInput(compiled, readEvents(compiled, events, 'transitions'));
  const state = segmentIndexAt(compiled, columns, ladder, from, -1, 'transitions', rules);
  const work = {
    regimeChanges: 0,
    pieces: 0,
    probes: 0,
    exactSums: 0,
    exactTerms: 0,
    budgetStops: 0,
  };
  sweepSegments(compiled, columns, ladder, from, state, to, Number.POSITIVE_INFINITY, {
    exactScores: true,
    rules,
    work,
  });
  return work.budgetStops === 0;
}
