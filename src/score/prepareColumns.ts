import { checkColumns, checkCustomerCount, compiledOf } from '../_internal/checkColumns.js';
import type { CompiledModel } from '../model/compileModel.js';
import type { Model } from '../model/modelSchema.js';
import type { EventColumnsInput } from './EventColumnsInput.js';

/**
 * Events grouped by customer and behaviour, sorted by time, with the prefix sums that make
 * re-scoring at any instant cost a binary search per group; made by {@link prepareColumns}, read
 * by {@link scorePrepared}.
 *
 * @remarks
 * Group `g = customer * behaviourCount + behaviour` holds events `groupStart[g]` to
 * `groupStart[g + 1] - 1`, by ascending `time`, with `value = weight * boost`. `prefix` is, per
 * group, the running sum of `value` (linear, step, permanent) or, for exponential decay, the
 * running sum decayed to each event's own time, `prefix[j] = sum over i <= j of
 * value[i] * exp(-rate * (time[j] - time[i]))`, so no factor ever exceeds 1 and nothing
 * overflows, however far apart the times. `prefixTime` is, for linear behaviours, the running sum
 * of `value * (time - time of the group's first event)`.
 *
 * @category Fast paths
 */
export interface PreparedColumns {
  readonly compiled: CompiledModel;
  readonly customerCount: number;
  readonly behaviourCount: number;
  readonly groupStart: Uint32Array;
  readonly time: Float64Array;
  readonly value: Float64Array;
  readonly prefix: Float64Array;
  readonly prefixTime: Float64Array;
}

/** Sorts `time[from, to)` ascending, moving `value` along. */
function sortGroup(time: Float64Array, value: Float64Array, from: number, to: number): void {
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const t = time[i]!;
      const v = value[i]!;
      let j = i - 1;
      while (j >= from && time[j]! > t) {
        time[j + 1] = time[j]!;
        value[j + 1] = value[j]!;
        j--;
      }
      time[j + 1] = t;
      value[j + 1] = v;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, i) => from + i);
  order.sort((a, b) => time[a]! - time[b]!);
  const times = order.map((i) => time[i]!);
  const values = order.map((i) => value[i]!);
  time.set(times, from);
  value.set(values, from);
}

/**
 * Prepares events for repeated scoring: groups them by customer and behaviour once, sorts each
 * group by time and keeps prefix sums, so that {@link scorePrepared} re-scores every customer at
 * any instant in O(customers x behaviours x log(events per group)) instead of O(events).
 *
 * @remarks
 * Exponential decay uses the factorisation `sum exp(-k (T - t_i)) = exp(-k (T - t_j)) * sum
 * exp(-k (t_j - t_i))`, rebased at every event `t_j` so that no factor exceeds 1 (no overflow,
 * whatever the times). Linear and step decay use prefix sums over sorted times, with times rebased
 * to each group's first event; a binary search finds the events inside the decay window. Windows
 * of at most 16 events are summed directly, exactly as {@link scoreAt} does. Larger windows use
 * the prefix sums (built with Neumaier compensation), whose error per customer and behaviour is at
 * most about `(n + 4) * 2^-53 * S`, where `n` is the group's event count and `S` the sum of its
 * `|weight * boost|`; for linear decay, times `(1 + (last - first time) / (duration - grace))`.
 * Memory: 32 bytes per event (time, value, two prefix sums) plus 4 bytes per customer and
 * behaviour, beyond the input columns, which it does not keep.
 *
 * @param model - The model, or its {@link compileModel} result.
 * @param columns - The events as columns; `behaviour` indexes `model.behaviourIds`.
 * @param customerCount - How many customers, above every customer index.
 * @returns The prepared index, for {@link scorePrepared}.
 * @throws {@link EngagekitError} `INVALID_COLUMNS` (with the column and index) for a bad column;
 * `INVALID_OPTION` for a bad `customerCount`.
 *
 * @example
 * ```ts
 * import { defineModel, linear, prepareColumns, scorePrepared } from 'engagekit';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 10, decay: linear({ days: 10 }) } } });
 * const day = 86_400_000;
 * const prepared = prepareColumns(
 *   model,
 *   { customer: Uint32Array.of(1, 0, 1), behaviour: Uint8Array.of(0, 0, 0), at: Float64Array.of(day, 0, 0) },
 *   2,
 * );
 * Array.from(prepared.groupStart); // => [0, 1, 3]
 * Array.from(scorePrepared(prepared, 5 * day)); // => [5, 11]
 * ```
 * @category Fast paths
 */
export function prepareColumns(
  model: Model | CompiledModel,
  columns: EventColumnsInput,
  customerCount: number,
): PreparedColumns {
  const compiled = compiledOf(model);
  const customers = checkCustomerCount('prepareColumns', customerCount);
  const length = checkColumns('prepareColumns', compiled, columns, customers);
  const behaviourCount = compiled.behaviourIds.length;
  const { customer, behaviour, at, weight } = columns;
  const groups = customers * behaviourCount;
  const groupStart = new Uint32Array(groups + 1);
  for (let i = 0; i < length; i++) groupStart[customer[i]! * behaviourCount + behaviour[i]! + 1]!++;
  for (let g = 0; g < groups; g++) groupStart[g + 1]! += groupStart[g]!;
  const next = groupStart.slice(0, groups);
  const time = new Float64Array(length);
  const value = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const b = behaviour[i]!;
    const position = next[customer[i]! * behaviourCount + b]!++;
    time[position] = at[i]!;
    value[position] = weight === undefined ? compiled.boost[b]! : weight[i]! * compiled.boost[b]!;
  }
  const prefix = new Float64Array(length);
  const hasLinear = compiled.kind.includes(0);
  const prefixTime = new Float64Array(hasLinear ? length : 0);
  for (let g = 0; g < groups; g++) {
    const from = groupStart[g]!;
    const to = groupStart[g + 1]!;
    if (from === to) continue;
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) sorted = time[i - 1]! <= time[i]!;
    if (!sorted) sortGroup(time, value, from, to);
    const b = g % behaviourCount;
    const kind = compiled.kind[b]!;
    const rate = compiled.rate[b]!;
    const first = time[from]!;
    let sum = 0;
    let compensation = 0;
    let sumTime = 0;
    let compensationTime = 0;
    for (let i = from; i < to; i++) {
      if (kind === 1 && i > from) {
        const factor = Math.exp(-rate * (time[i]! - time[i - 1]!));
        sum *= factor;
        compensation *= factor;
      }
      const v = value[i]!;
      const total = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? sum - total + v : v - total + sum;
      sum = total;
      prefix[i] = sum + compensation;
      if (kind === 0) {
        const w = v * (time[i]! - first);
        const totalTime = sumTime + w;
        compensationTime +=
          Math.abs(sumTime) >= Math.abs(w) ? sumTime - totalTime + w : w - totalTime + sumTime;
        sumTime = totalTime;
        prefixTime[i] = sumTime + compensationTime;
      }
    }
  }
  return {
    compiled,
    customerCount: customers,
    behaviourCount,
    groupStart,
    time,
    value,
    prefix,
    prefixTime,
  };
}
