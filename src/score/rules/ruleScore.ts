import { overflowError } from '../../math/finiteTotal.js';
import { addNeumaier } from '../../math/neumaier.js';
import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { decayFactor } from '../../model/decayedValue.js';
import { capped } from '../_lib/behaviourTotals.js';
import type { RuleColumns } from './canonicalOrder.js';

/** Scratch arrays for scoring one customer after another without allocating. */
export interface RuleScratch {
  /** Per behaviour: sum, compensation, the instant of the last reset that applies. */
  readonly sums: Float64Array;
  readonly compensations: Float64Array;
  readonly resetFrom: Float64Array;
  /** Per group: the raw part and its compensation. */
  readonly groupRaw: Float64Array;
  readonly groupCompensations: Float64Array;
}

/** Scratch arrays sized for a compiled model with rules. */
export function ruleScratch(compiled: CompiledModel, rules: CompiledRules): RuleScratch {
  const count = compiled.behaviourIds.length;
  return {
    sums: new Float64Array(count),
    compensations: new Float64Array(count),
    resetFrom: new Float64Array(count),
    groupRaw: new Float64Array(rules.groupIds.length),
    groupCompensations: new Float64Array(rules.groupIds.length),
  };
}

/**
 * The per-behaviour totals at `time` of one customer's events `order[start..end)` (canonical
 * order) under the rules, into `scratch.sums`: only events the caps let count (`counted`), at or
 * before `time`, and not discarded by a reset. A counted reset event at `r <= time` discards the
 * counted events of the behaviours it names with `at < r`. Throws `OVERFLOW` for a non-finite total.
 */
export function ruleTotals(
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: RuleColumns,
  order: Int32Array,
  counted: Uint8Array,
  start: number,
  end: number,
  time: number,
  scratch: RuleScratch,
  fn: string,
): void {
  const { sums, compensations, resetFrom } = scratch;
  const count = sums.length;
  sums.fill(0);
  compensations.fill(0);
  resetFrom.fill(Number.NEGATIVE_INFINITY);
  const { behaviour, at, weight } = columns;
  if (rules.hasResets) {
    for (let k = start; k < end; k++) {
      if (counted[k] === 0) continue;
      const i = order[k]!;
      const targets = rules.resetTargets[behaviour[i]!];
      const eventAt = at[i]!;
      if (targets === undefined || eventAt > time) continue;
      for (let b = 0; b < count; b++) {
        if (targets[b] === 1 && eventAt > resetFrom[b]!) resetFrom[b] = eventAt;
      }
    }
  }
  for (let k = start; k < end; k++) {
    if (counted[k] === 0) continue;
    const i = order[k]!;
    const eventAt = at[i]!;
    const b = behaviour[i]!;
    if (eventAt > time || eventAt < resetFrom[b]!) continue;
    const w = weight === undefined ? 1 : weight[i]!;
    addNeumaier(
      sums,
      compensations,
      b,
      w * compiled.boost[b]! * decayFactor(compiled.decays[b]!, time - eventAt),
    );
  }
  for (let b = 0; b < count; b++) {
    const total = sums[b]! + compensations[b]!;
    // The message is built only on overflow: this runs once per customer and behaviour.
    if (total - total !== 0) {
      throw overflowError(
        fn,
        ['events'],
        `the total of behaviour ${JSON.stringify(compiled.behaviourIds[b])} at ${time}`,
      );
    }
    sums[b] = total;
  }
}

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/**
 * The score from the per-behaviour totals in `scratch.sums`: each total clamped to its cap, summed
 * per group (raw parts left in `scratch.groupRaw`), each group clamped to its bounds, added to the
 * ungrouped behaviours, and the sum clamped to the model's bounds. Returns the ungrouped part and
 * the score. Throws `OVERFLOW` for a non-finite score.
 */
export function ruleScoreOfTotals(
  compiled: CompiledModel,
  rules: CompiledRules,
  scratch: RuleScratch,
  time: number,
  fn: string,
): { ungrouped: number; score: number } {
  const { sums, groupRaw, groupCompensations } = scratch;
  groupRaw.fill(0);
  groupCompensations.fill(0);
  let ungrouped = 0;
  let ungroupedCompensation = 0;
  for (let b = 0; b < sums.length; b++) {
    const value = capped(sums[b]!, compiled.cap[b]!);
    const g = rules.groupOf[b]!;
    if (g >= 0) {
      addNeumaier(groupRaw, groupCompensations, g, value);
      continue;
    }
    const next = ungrouped + value;
    ungroupedCompensation +=
      Math.abs(ungrouped) >= Math.abs(value) ? ungrouped - next + value : value - next + ungrouped;
    ungrouped = next;
  }
  ungrouped += ungroupedCompensation;
  if (ungrouped - ungrouped !== 0) {
    throw overflowError(fn, ['events'], `the ungrouped part at ${time}`);
  }
  let total = ungrouped;
  let compensation = 0;
  for (let g = 0; g < groupRaw.length; g++) {
    const raw = groupRaw[g]! + groupCompensations[g]!;
    if (raw - raw !== 0) {
      throw overflowError(
        fn,
        ['events'],
        `the part of group ${JSON.stringify(rules.groupIds[g])} at ${time}`,
      );
    }
    groupRaw[g] = raw;
    const value = clamp(groupRaw[g]!, rules.groupMin[g]!, rules.groupMax[g]!);
    const next = total + value;
    compensation +=
      Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  const score = total + compensation;
  if (score - score !== 0) throw overflowError(fn, ['events'], `the score at ${time}`);
  return { ungrouped, score: clamp(score, rules.min, rules.max) };
}
