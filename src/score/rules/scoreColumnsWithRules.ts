import { CAP_NONE, type CompiledRules } from '../../model/_lib/compileRules.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { canonicalCustomerOrder } from './canonicalCustomerOrder.js';
import type { RuleColumns } from './canonicalOrder.js';
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
  /** Customer `c`'s events are `order[starts[c]..starts[c + 1])`, `c` up to the largest index. */
  readonly starts: Int32Array;
}

/** Whether some behaviour has a frequency cap. */
const hasFrequencyCaps = (rules: CompiledRules): boolean =>
  rules.capKind.some((kind) => kind !== CAP_NONE);

/**
 * Orders validated columns canonically (customers by a counting sort, each customer's events on
 * their own) and applies the frequency caps, customer by customer. Which events count does not
 * depend on the instant, so this is done once.
 */
export function selectRuleColumns(
  rules: CompiledRules,
  columns: CustomerRuleColumns,
  length: number,
): RuleColumnsSelection {
  const { order, starts } = canonicalCustomerOrder(columns, length);
  const counted = new Uint8Array(length);
  if (!hasFrequencyCaps(rules)) {
    counted.fill(1);
  } else {
    const days = new Map<string, (millis: number) => number>();
    for (let c = 0; c + 1 < starts.length; c++) {
      if (starts[c + 1]! > starts[c]!) {
        selectCounted(rules, columns, order, starts[c]!, starts[c + 1]!, counted, days);
      }
    }
  }
  return { columns, length, order, counted, starts };
}

/**
 * {@link selectRuleColumns} into a copy of the columns laid out in the canonical order (so `order`
 * is `0..length-1`): scoring it again and again reads the events one after another instead of
 * jumping through the input, and later changes by the host to its columns do not leak in.
 */
export function selectRuleColumnsCopy(
  rules: CompiledRules,
  columns: CustomerRuleColumns,
  length: number,
): RuleColumnsSelection {
  const { order, counted, starts } = selectRuleColumns(rules, columns, length);
  const customer = new Uint32Array(length);
  const behaviour = new Uint16Array(length);
  const at = new Float64Array(length);
  const weights = columns.weight;
  const weight = weights === undefined ? undefined : new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const i = order[k]!;
    customer[k] = columns.customer[i]!;
    behaviour[k] = columns.behaviour[i]!;
    at[k] = columns.at[i]!;
    if (weight !== undefined) weight[k] = weights![i]!;
    order[k] = k;
  }
  return {
    columns:
      weight === undefined ? { customer, behaviour, at } : { customer, behaviour, at, weight },
    length,
    order,
    counted,
    starts,
  };
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
  const { columns, order, counted, starts } = selection;
  const scratch = ruleScratch(compiled, rules);
  scratch.sums.fill(0);
  const scores = new Float64Array(customerCount).fill(
    ruleScoreOfTotals(compiled, rules, scratch, time, fn).score,
  );
  for (let c = 0; c + 1 < starts.length; c++) {
    const start = starts[c]!;
    const end = starts[c + 1]!;
    if (end === start) continue;
    ruleTotals(compiled, rules, columns, order, counted, start, end, time, scratch, fn);
    scores[c] = ruleScoreOfTotals(compiled, rules, scratch, time, fn).score;
  }
  return scores;
}
