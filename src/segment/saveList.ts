import { describeValue } from '../errors/formatPath.js';
import { issueList } from '../errors/issueList.js';
import type { Model } from '../model/modelSchema.js';
import { readModel } from '../model/readModel.js';
import { ladderOf } from './_lib/ladder.js';
import type { AtRiskCustomer } from './atRisk.js';

/**
 * Options of {@link saveList}.
 *
 * @category Population
 */
export interface SaveListOptions {
  /**
   * The share of all valued customers, by value, who are the best customers: default 0.2 (the
   * top 20%, the customers who bring most of the value, after the Pareto principle).
   */
  readonly bestShare?: number;
}

/**
 * A customer about to drop a segment, with the value at stake, see {@link saveList}.
 *
 * @category Population
 */
export interface SaveListEntry<Name extends string = string> extends AtRiskCustomer<Name> {
  /** The customer's value, as given (lifetime value, revenue of the last year ...). */
  readonly value: number;
  /** Rank by value among every valued customer: 1 is the most valuable; equal values share one. */
  readonly valueRank: number;
  /** Among the top `bestShare` of customers by value (and worth more than 0). */
  readonly topValue: boolean;
  /**
   * A former best customer: top value, and no longer in the top segment (now low, and about to be
   * disengaged, on the default ladder). The most costly customers to lose.
   */
  readonly formerBest: boolean;
}

/**
 * Who to save first: the at-risk list ordered by the value at stake, with the former best
 * customers marked.
 *
 * @remarks
 * `atRisk` says who will drop a segment soon, soonest first; with a limited budget of calls,
 * vouchers or attention, the order that matters is what each customer is worth: "low engagement
 * makes a customer a priority, especially if they are a valuable customer", and losing a former
 * best customer costs most. This orders the at-risk customers by `value`, largest first (then by
 * `drop.at`, then by id), and marks:
 * - `topValue`: the customer is among the top `bestShare` of every customer in `values` (not
 *   only the at-risk ones) by value: with `n` valued customers and `k = ceil(bestShare * n)`,
 *   those whose value is at least the `k`-th largest (ties included) and above 0;
 * - `formerBest`: a top-value customer who is no longer in the top segment of the model's ladder
 *   (a best customer who has already slipped once and is slipping again).
 *
 * `values` holds each customer's value: `lifetimeValue`, the revenue of the last twelve months,
 * or any number the host keeps, as a `Map` or a plain object keyed by customer id; values must
 * be finite and >= 0. Every at-risk customer needs a value: a missing one is an error, never a
 * silent 0.
 *
 * @param model - The model whose ladder the at-risk list was made with.
 * @param atRiskList - What `atRisk(model, events, { at, within })` returned.
 * @param values - Each customer's value, keyed by customer id.
 * @param options - The share of customers who count as the best.
 * @returns The at-risk customers with their value, rank and marks, most valuable first.
 * @throws {@link EngagekitError} `INVALID_OPTION` (every problem listed) for an at-risk customer
 * without a value, a value that is not a finite number >= 0, an entry that is not one of the
 * model's segments, or a `bestShare` outside (0, 1].
 *
 * @example
 * ```ts
 * import { atRisk, defineModel, linear, saveList } from 'engagekit';
 *
 * const day = 86_400_000;
 * const model = defineModel({ behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } } });
 * const events = [
 *   { customerId: 'ann', behaviour: 'purchase', at: 0 },
 *   { customerId: 'bo', behaviour: 'purchase', at: -4 * day },
 *   { customerId: 'cy', behaviour: 'purchase', at: 30 * day },
 *   { customerId: 'ed', behaviour: 'purchase', at: -47 * day },
 * ];
 * const risk = atRisk(model, events, { at: 40 * day, within: { days: 10 } });
 * risk.map((c) => [c.customerId, c.segment]); // => [['bo', 'high'], ['ann', 'high'], ['ed', 'low']]
 * const values = { ann: 1200, bo: 90, cy: 400, di: 60, ed: 900 };
 * saveList(model, risk, values, { bestShare: 0.4 }).map((c) => [c.customerId, c.value, c.topValue, c.formerBest]);
 * // => [
 * //   ['ann', 1200, true, false],
 * //   ['ed', 900, true, true],
 * //   ['bo', 90, false, false],
 * // ]
 * ```
 * @category Population
 */
export function saveList<Name extends string>(
  model: Model<Name>,
  atRiskList: readonly AtRiskCustomer<Name>[],
  values: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  options: SaveListOptions = {},
): SaveListEntry<Name>[] {
  const fn = 'saveList';
  readModel(model, fn);
  const issues = issueList(fn);
  const problem = (path: (string | number)[], text: string): void => issues.add(path, text);
  let bestShare = 0.2;
  if (options === null || typeof options !== 'object') {
    problem(['options'], `must be an object, got ${describeValue(options)}`);
  } else {
    for (const key of Object.keys(options)) {
      if (key !== 'bestShare')
        problem(['options', key], 'is not an option of saveList (known: bestShare)');
    }
    const share: unknown = options.bestShare;
    if (share !== undefined) {
      if (typeof share === 'number' && share > 0 && share <= 1) bestShare = share;
      else
        problem(
          ['options', 'bestShare'],
          `must be a share in (0, 1], e.g. 0.2, got ${describeValue(share)}`,
        );
    }
  }
  const entries: [string, unknown][] =
    values instanceof Map
      ? [...values.entries()]
      : values !== null && typeof values === 'object'
        ? Object.entries(values)
        : [];
  if (!(values instanceof Map) && (values === null || typeof values !== 'object')) {
    problem(
      ['values'],
      `must be a Map or an object of customer id to value, got ${describeValue(values)}`,
    );
  }
  const valueById = new Map<string, number>();
  for (const [id, value] of entries) {
    if (typeof id !== 'string') {
      // a Map's key may be anything; a customer id is a string, as atRisk gives it
      problem(['values'], `has the key ${describeValue(id)}: customer ids must be strings`);
    } else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      valueById.set(id, value);
    } else problem(['values', id], `must be a finite number >= 0, got ${describeValue(value)}`);
  }
  const names = ladderOf(model).names;
  if (!Array.isArray(atRiskList)) {
    problem(['atRiskList'], `must be the array atRisk returns, got ${describeValue(atRiskList)}`);
  }
  const list: readonly AtRiskCustomer<Name>[] = Array.isArray(atRiskList) ? atRiskList : [];
  list.forEach((customer, index) => {
    const id: unknown = customer?.customerId;
    if (typeof id !== 'string') {
      problem(
        ['atRiskList', index],
        'must be an entry of atRisk: { customerId, score, segment, drop }',
      );
      return;
    }
    if (!names.includes(customer.segment)) {
      problem(
        ['atRiskList', index, 'segment'],
        `must be a segment of the model (${names.map((name) => JSON.stringify(name)).join(', ')}), got ${describeValue(customer.segment)}`,
      );
    }
    if (!valueById.has(id)) {
      problem(
        ['values', id],
        `is missing: every at-risk customer needs a value (customer ${JSON.stringify(id)})`,
      );
    }
  });
  issues.throwIfAny('INVALID_OPTION');
  // Every valued customer, largest value first, to rank and to find the best customers' bar.
  const sorted = Float64Array.from(valueById.values()).sort().reverse();
  const bar =
    sorted[Math.max(0, Math.ceil(bestShare * sorted.length) - 1)] ?? Number.POSITIVE_INFINITY;
  const rankOf = (value: number): number => {
    // The number of values above `value` (sorted descending), plus one.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! > value) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
  const top = names[0];
  return list
    .map((customer) => {
      const value = valueById.get(customer.customerId)!;
      const topValue = value > 0 && value >= bar;
      return {
        ...customer,
        value,
        valueRank: rankOf(value),
        topValue,
        formerBest: topValue && customer.segment !== top,
      };
    })
    .sort(
      (a, b) =>
        b.value - a.value ||
        a.drop.at - b.drop.at ||
        (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    );
}
