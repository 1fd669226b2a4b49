import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { populationSums } from '../../score/_lib/populationSums.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import { populationWithRules } from '../rules/populationWithRules.js';
import { customerColumns } from './customerColumns.js';
import { forecastGrouped } from './forecastGrouped.js';
import { idOrder } from './idOrder.js';
import { classifyIndex, type Ladder } from './ladder.js';

/** Every customer's score and segment (an index into the ladder) at one instant. */
export interface PopulationAt {
  readonly score: Float64Array;
  readonly segment: Uint8Array;
}

/**
 * Every customer's score and segment at each of `times` (one or two instants), for the population
 * functions: the customers' ids and, per instant, the typed arrays indexed like the ids.
 *
 * A model without rules and a ladder without a hysteresis band take one pass over the objects
 * (`populationSums`: the same doubles as `scoreAt`, no columns, no grouping, no sweep), and the
 * customers come in first-seen order, sorted only when `sorted` asks (by a radix sort of the ids alone, `idOrder`).
 * Otherwise, and when that pass finds a total beyond the range of a number or would hold too many
 * sums, the events are read into columns with customers sorted by id and each customer is scored
 * on their own, by the rules' path or `forecastGrouped`, which throw the errors they always have,
 * met in the order of the ids.
 */
export function populationAt(
  model: Model,
  compiled: CompiledModel,
  ladder: Ladder,
  events: readonly EngagementEvent[],
  options: ScoreOptions,
  times: readonly number[],
  fn: string,
  sorted: boolean,
): { readonly ids: readonly string[]; readonly results: PopulationAt[] } {
  if (compiled.rules === undefined && ladder.band === 0) {
    const fast = populationSums(compiled, events, fn, options, times);
    if (fast !== undefined) {
      const count = fast.ids.length;
      const order = sorted ? idOrder(fast.ids) : undefined;
      const results = fast.scores.map((firstSeen) => {
        const score = order === undefined ? firstSeen : new Float64Array(count);
        if (order !== undefined) for (let p = 0; p < count; p++) score[p] = firstSeen[order[p]!]!;
        const segment = new Uint8Array(count);
        for (let c = 0; c < count; c++) segment[c] = classifyIndex(ladder, score[c]!, -1);
        return { score, segment };
      });
      return {
        ids: order === undefined ? fast.ids : Array.from(order, (c) => fast.ids[c]!),
        results,
      };
    }
  }
  const { ids, columns } = customerColumns(compiled, events, fn, options);
  const count = ids.length;
  const results =
    compiled.rules === undefined
      ? times.map(
          (time) => forecastGrouped(compiled, ladder, columns, count, time, time, fn).result,
        )
      : populationWithRules(model, compiled, compiled.rules, columns, count, times, fn);
  return { ids, results };
}
