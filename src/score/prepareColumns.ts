import { addNeumaier } from '../math/neumaier.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import { MAX_INSTANT } from '../time/instant.js';
import type { EventColumnsInput } from './EventColumnsInput.js';
import {
  checkColumns,
  checkCustomerCount,
  compiledOf,
  customerArray,
} from './kernel/checkColumns.js';
import { type RuleColumnsSelection, selectRuleColumnsCopy } from './rules/scoreColumnsWithRules.js';

/**
 * Events sorted by behaviour, block of customers and time, with every customer's total of each
 * never-expiring behaviour already decayed to the newest event; made by {@link prepareColumns},
 * read by {@link scorePrepared}.
 *
 * @remarks
 * Customers are taken in blocks of `2^blockBits` consecutive indexes (`blocks` of them), so that
 * a re-score touches one block's sums at a time (they stay in the processor's cache). Segment
 * `s = b * blocks + (customer >> blockBits)` holds the events of behaviour `b` of that block,
 * `segmentStart[s]` to `segmentStart[s + 1] - 1`, by ascending `time` (ties in input order), with
 * their `customer` and `value = weight * boost` (`value` is empty when the columns had no
 * weights: every event is then worth its behaviour's boost). `summarised` lists the behaviours
 * that never expire (exponential without a cutoff, permanent), and
 * `summary[c * summarised.length + j]` is customer `c`'s total of behaviour `summarised[j]` at
 * `newest`, the time of the newest event (-8.64e15, the earliest instant, when there is none): the Neumaier-compensated
 * sum of `value * 2 ** (-(newest - time) / halfLife)`, or of `value` for a permanent behaviour.
 *
 * @category Fast paths
 */
export interface PreparedColumns {
  readonly compiled: CompiledModel;
  readonly customerCount: number;
  readonly blockBits: number;
  readonly blocks: number;
  readonly segmentStart: Uint32Array;
  readonly time: Float64Array;
  readonly customer: Uint32Array;
  readonly value: Float64Array;
  readonly newest: number;
  readonly summarised: Uint16Array;
  readonly summary: Float64Array;
  /** For a model with rules: the events ordered and selected by its frequency caps. @internal */
  readonly rules?: RuleColumnsSelection;
}

/** Customers per block of a prepared index (log2): their 16-byte sums take 256 kB. */
const BLOCK_BITS = 14;

/** Sorts events `[from, to)` by time, stably, moving `customer` and `value` along. */
function sortByTime(
  time: Float64Array,
  customer: Uint32Array,
  value: Float64Array,
  from: number,
  to: number,
): void {
  const order = new Uint32Array(to - from);
  for (let i = 0; i < order.length; i++) order[i] = from + i;
  order.sort((a, b) => time[a]! - time[b]! || a - b);
  const times = Float64Array.from(order, (i) => time[i]!);
  const customers = Uint32Array.from(order, (i) => customer[i]!);
  time.set(times, from);
  customer.set(customers, from);
  if (value.length > 0)
    value.set(
      Float64Array.from(order, (i) => value[i]!),
      from,
    );
}

/**
 * Prepares events for repeated scoring: sorts them by behaviour, block of customers and time once
 * and sums every
 * customer's never-expiring behaviours up to the newest event, so that {@link scorePrepared}
 * re-scores every customer at any later instant in O(customers x behaviours + live events of
 * expiring behaviours) instead of O(events).
 *
 * @remarks
 * Exponential decay factorises: `sum value_i exp(-k (T - t_i)) = exp(-k (T - newest)) * sum
 * value_i exp(-k (newest - t_i))`, and for `T` at or after `newest` no factor exceeds 1, so
 * nothing overflows whatever the times. So for each exponential behaviour without a cutoff (and
 * each permanent one, whose total never changes) the index keeps one number per customer: its
 * total at `newest`, a compensated sum of the exactly decayed events. An event of an expiring
 * behaviour (linear, step, exponential with a cutoff) counts only while younger than its
 * duration; sorted by time, the events still counting at `T` are one run of the behaviour's
 * events, found by binary search and summed directly, as {@link scoreAt} sums them.
 *
 * Sorting costs one counting pass by behaviour and block of 16,384 customers, and nothing more
 * when the events are already in time order (as a log is); otherwise each segment's events are
 * sorted by time (O(events log events)). A re-score then reads each segment's live events with
 * its block's sums in the cache, instead of one cache miss per event on a large customer base. Memory beyond the input columns, which it does not keep: 12 bytes per
 * event (time and customer index), 8 more when the columns have weights, and 8 bytes per customer
 * and never-expiring behaviour.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`.
 * @param customerCount - How many customers, above every customer index.
 * @returns The prepared index, for {@link scorePrepared}.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a bad column;
 * `INVALID_OPTION` for a bad `customerCount`, or one whose sums the runtime cannot allocate.
 *
 * @example
 * ```ts
 * import { defineModel, exponential, linear, prepareColumns, scorePrepared } from 'engagekit';
 *
 * const model = defineModel({
 *   behaviours: {
 *     click: { boost: 10, decay: linear({ days: 10 }) },
 *     visit: { boost: 8, decay: exponential({ days: 7 }) },
 *   },
 * });
 * const day = 86_400_000;
 * const prepared = prepareColumns(
 *   model,
 *   {
 *     customer: Uint32Array.of(1, 0, 1, 0),
 *     behaviour: Uint8Array.of(0, 0, 0, 1),
 *     at: Float64Array.of(day, 0, 0, 7 * day),
 *   },
 *   2,
 * );
 * Array.from(prepared.segmentStart); // => [0, 3, 4]
 * Array.from(prepared.time.subarray(0, 3)); // => [0, 0, 86400000]
 * // customer 0 has 8 points of visit at the newest event, day 7
 * Array.from(prepared.summary); // => [8, 0]
 * Array.from(scorePrepared(prepared, 5 * day)); // => [5, 11]
 * Array.from(scorePrepared(prepared, 14 * day)); // => [4, 0]
 * ```
 * @category Fast paths
 */
export function prepareColumns(
  model: Model | CompiledModel,
  columns: EventColumnsInput,
  customerCount: number,
): PreparedColumns {
  const compiled = compiledOf(model, 'prepareColumns');
  const customers = checkCustomerCount('prepareColumns', customerCount);
  const length = checkColumns('prepareColumns', compiled, columns, customers);
  const { kind, end, halfLife, boost } = compiled;
  const behaviourCount = kind.length;
  const { customer, behaviour, at, weight } = columns;
  // A stable counting sort by segment: behaviour, then block of customers.
  const blocks = Math.ceil(customers / 2 ** BLOCK_BITS);
  const segments = behaviourCount * blocks;
  const segmentStart = new Uint32Array(segments + 1);
  for (let i = 0; i < length; i++) {
    segmentStart[behaviour[i]! * blocks + (customer[i]! >>> BLOCK_BITS) + 1]!++;
  }
  for (let g = 0; g < segments; g++) segmentStart[g + 1]! += segmentStart[g]!;
  const next = segmentStart.slice(0, segments);
  const time = new Float64Array(length);
  const customerOf = new Uint32Array(length);
  const value = new Float64Array(weight === undefined ? 0 : length);
  let newest = -MAX_INSTANT;
  for (let i = 0; i < length; i++) {
    const b = behaviour[i]!;
    const c = customer[i]!;
    const position = next[b * blocks + (c >>> BLOCK_BITS)]!++;
    const t = at[i]!;
    if (t > newest) newest = t;
    time[position] = t;
    customerOf[position] = c;
    if (weight !== undefined) value[position] = weight[i]! * boost[b]!;
  }
  for (let g = 0; g < segments; g++) {
    const from = segmentStart[g]!;
    const to = segmentStart[g + 1]!;
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) sorted = time[i - 1]! <= time[i]!;
    if (!sorted) sortByTime(time, customerOf, value, from, to);
  }
  // Totals at `newest` of the behaviours that never expire, compensated.
  const summarisedList: number[] = [];
  for (let b = 0; b < behaviourCount; b++) {
    if (end[b] === Number.POSITIVE_INFINITY) summarisedList.push(b);
  }
  const summarised = Uint16Array.from(summarisedList);
  const width = summarised.length;
  const summary = customerArray('prepareColumns', customers * width, customers);
  if (width > 0 && length > 0) {
    const compensation = customerArray('prepareColumns', summary.length, customers);
    for (let j = 0; j < width; j++) {
      const b = summarised[j]!;
      const exponential = kind[b] === 1;
      const h = halfLife[b]!;
      for (let i = segmentStart[b * blocks]!; i < segmentStart[(b + 1) * blocks]!; i++) {
        const worth = value.length === 0 ? boost[b]! : value[i]!;
        const v = exponential ? worth * 2 ** (-(newest - time[i]!) / h) : worth;
        addNeumaier(summary, compensation, customerOf[i]! * width + j, v);
      }
    }
    for (let cell = 0; cell < summary.length; cell++) summary[cell]! += compensation[cell]!;
  }
  return {
    compiled,
    customerCount: customers,
    blockBits: BLOCK_BITS,
    blocks,
    segmentStart,
    time,
    customer: customerOf,
    value,
    newest,
    summarised,
    summary,
    // Models with rules (issue 18): a copy of the columns in canonical order, capped once.
    ...(compiled.rules === undefined
      ? {}
      : { rules: selectRuleColumnsCopy(compiled.rules, columns, length) }),
  };
}
