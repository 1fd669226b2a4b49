import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../_lib/readEvents.js';
import { canonicalOrder } from './canonicalOrder.js';
import { type RuleScratch, ruleScoreOfTotals, ruleScratch, ruleTotals } from './ruleScore.js';
import { selectCounted } from './selectCounted.js';

/** One customer's events ordered and selected by a model's rules, ready to score at any instant. */
export interface RuleSelection {
  readonly compiled: CompiledModel;
  readonly rules: CompiledRules;
  readonly columns: EventColumns;
  /** Positions into `columns` in canonical order. */
  readonly order: Int32Array;
  /** 1 where `order[k]` passes the frequency caps. */
  readonly counted: Uint8Array;
  readonly scratch: RuleScratch;
}

/** Orders one customer's validated events canonically and applies the frequency caps. */
export function selectRuleEvents(
  compiled: CompiledModel,
  rules: CompiledRules,
  columns: EventColumns,
): RuleSelection {
  const order = canonicalOrder(columns, columns.length);
  const counted = new Uint8Array(columns.length);
  selectCounted(rules, columns, order, 0, columns.length, counted, new Map());
  return { compiled, rules, columns, order, counted, scratch: ruleScratch(compiled, rules) };
}

/**
 * The score at `time` of selected events: `{ score, ungrouped }`, with the per-behaviour totals in
 * `selection.scratch.sums` and the groups' raw parts in `selection.scratch.groupRaw` afterwards.
 */
export function ruleScoreAt(
  selection: RuleSelection,
  time: number,
  fn: string,
): { ungrouped: number; score: number } {
  const { compiled, rules, columns, order, counted, scratch } = selection;
  ruleTotals(compiled, rules, columns, order, counted, 0, columns.length, time, scratch, fn);
  return ruleScoreOfTotals(compiled, rules, scratch, time, fn);
}
