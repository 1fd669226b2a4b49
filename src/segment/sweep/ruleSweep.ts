import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { behaviourTotals } from '../../score/_lib/behaviourTotals.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { ruleScoreOfTotals, ruleScratch } from '../../score/rules/ruleScore.js';
import { selectRuleEvents } from '../../score/rules/selectRuleEvents.js';
import { selectColumns } from './sweepColumns.js';

/**
 * A model's rules as the sweep applies them to one customer's events (issue 18). The sweep's
 * columns then hold only the events the frequency caps let count, in the canonical order of the
 * rules (behaviour, then `at` ascending, then weight descending), so that summing the live ones in
 * column order gives `scoreAt`'s very doubles; `until[i]` is the instant of the first counted reset
 * that discards event `i` (one of its behaviour's after `at[i]`), `Infinity` when none does.
 */
export interface SweepRules {
  readonly rules: CompiledRules;
  readonly until: Float64Array;
}

/** One customer's events as the sweep reads them: the columns, with the rules when the model has any. */
export interface SweepInput {
  readonly columns: EventColumns;
  readonly rules?: SweepRules | undefined;
}

/**
 * One customer's validated events laid out for the sweep: as they are for a model without rules;
 * for a model with rules, the counted events in canonical order with the instant each is reset.
 * Which events the caps let count depends only on earlier events, and a reset discards events at
 * its own instant, so with no new events the score is a fixed function of time: the clamped sum of
 * the groups' clamped sums of the counted events alive then. O(n log n).
 */
export function sweepInput(compiled: CompiledModel, columns: EventColumns): SweepInput {
  const rules = compiled.rules;
  if (rules === undefined) return { columns };
  const { order, counted } = selectRuleEvents(compiled, rules, columns);
  const positions: number[] = [];
  for (let k = 0; k < columns.length; k++) if (counted[k] === 1) positions.push(order[k]!);
  const selected = selectColumns(columns, positions);
  const count = compiled.behaviourIds.length;
  // per behaviour, the instants of the counted resets that discard its events, ascending
  const resets: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < selected.length; i++) {
    const targets = rules.resetTargets[selected.behaviour[i]!];
    if (targets === undefined) continue;
    for (let b = 0; b < count; b++) if (targets[b] === 1) resets[b]!.push(selected.at[i]!);
  }
  for (const list of resets) list.sort((x, y) => x - y);
  const until = new Float64Array(selected.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < selected.length; i++) {
    const list = resets[selected.behaviour[i]!]!;
    const at = selected.at[i]!;
    // the first reset strictly after the event: a reset at the event's own instant keeps it
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]! > at) high = middle;
      else low = middle + 1;
    }
    if (low < list.length) until[i] = list[low]!;
  }
  return { columns: selected, rules: { rules, until } };
}

/** The events of an input that happened at or before `at` (with their reset instants). */
export function sweepInputUpTo(input: SweepInput, at: number): SweepInput {
  const { columns, rules } = input;
  const positions: number[] = [];
  for (let i = 0; i < columns.length; i++) if (columns.at[i]! <= at) positions.push(i);
  if (positions.length === columns.length) return input;
  const selected = selectColumns(columns, positions);
  if (rules === undefined) return { columns: selected };
  return {
    columns: selected,
    rules: { rules: rules.rules, until: Float64Array.from(positions, (i) => rules.until[i]!) },
  };
}

/**
 * The score at `time` under the rules exactly as `scoreAt` computes it: the per-behaviour totals of
 * the events counted then (or of `positions`, the live ones in column order, which add the same
 * doubles), clamped and summed by the rules. Throws `OVERFLOW` naming `fn`.
 */
export function ruleScoreOf(
  compiled: CompiledModel,
  columns: EventColumns,
  rules: SweepRules,
  time: number,
  fn: string,
  positions?: ArrayLike<number>,
): number {
  let alive = positions;
  if (alive === undefined) {
    const kept: number[] = [];
    for (let i = 0; i < columns.length; i++) {
      if (columns.at[i]! <= time && rules.until[i]! > time) kept.push(i);
    }
    alive = kept;
  }
  const scratch = ruleScratch(compiled, rules.rules);
  scratch.sums.set(behaviourTotals(compiled, columns, time, fn, alive));
  return ruleScoreOfTotals(compiled, rules.rules, scratch, time, fn).score;
}
