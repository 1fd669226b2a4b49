import type { CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { canonicalOrder, type RuleColumns } from './canonicalOrder.js';
import { ruleScoreOfTotals, ruleScratch, ruleTotals } from './ruleScore.js';
import { selectCounted } from './selectCounted.js';

/** The columns the rules read, with the customer of each event. */
export type CustomerRuleColumns = RuleColumns & { readonly customer: ArrayLike<number> };

/** Columns ordered and selected by a model's rules, for scoring at any instant. */
export interface RuleColumnsSelection {
  readonly columns: CustomerRuleColumns;
  readonly length: number;
  /** Positions in canonical order: customer, behaviour, `at` ascending, weight descending. */
  readonly order: Int32Array;
  /** 1 where `order[k]` passes the frequency caps. */
  readonly counted: Uint8Array;
}

/**
 * Orders validated columns canonically (one sort of positions) and applies the frequency caps,
 * customer by customer. Which events count does not depend on the instant, so this is done once.
 */
export function selectRuleColumns(
  rules: CompiledRules,
  columns: CustomerRuleColumns,
  length: number,
): RuleColumnsSelection {
  const order = canonicalOrder(columns, length);
  const counted = new Uint8Array(length);
  const days = new Map<string, (millis: number) => number>();
  const { customer } = columns;
  let k = 0;
  while (k < length) {
    const c = customer[order[k]!]!;
    let end = k + 1;
    while (end < length && customer[order[end]!] === c) end++;
    selectCounted(rules, columns, order, k, end, counted, days);
    k = end;
  }
  return { columns, length, order, counted };
}

/**
 * Every customer's score at `time` under the rules: the reference rules of `scoreAt`, run customer
 * by customer over the canonical order with scratch arrays reused (no allocation per event or per
 * customer). A customer without events scores what an empty history scores (0 clamped to the
 * groups' and the model's bounds).
 */
export function scoreRuleColumns(
  compiled: CompiledModel,
  rules: CompiledRules,
  selection: RuleColumnsSelection,
  time: number,
  customerCount: number,
  fn: string,
): Float64Array {
  const { columns, length, order, counted } = selection;
  const scratch = ruleScratch(compiled, rules);
  scratch.sums.fill(0);
  const scores = new Float64Array(customerCount).fill(
    ruleScoreOfTotals(compiled, rules, scratch, time, fn).score,
  );
  const { customer } = columns;
  let k = 0;
  while (k < length) {
    const c = customer[order[k]!]!;
    let end = k + 1;
    while (end < length && customer[order[end]!] === c) end++;
    ruleTotals(compiled, rules, columns, order, counted, k, end, time, scratch, fn);
    scores[c] = ruleScoreOfTotals(compiled, rules, scratch, time, fn).score;
    k = end;
  }
  return scores;
}
