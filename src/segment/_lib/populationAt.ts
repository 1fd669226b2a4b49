import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { customerScores } from '../../score/_lib/customerScores.js';
import { populationWithRules } from '../rules/populationWithRules.js';
import { type CustomerColumns, sortCustomers } from './customerColumns.js';
import { forecastGrouped } from './forecastGrouped.js';
import { classifyIndex, type Ladder } from './ladder.js';

/** Every customer's score and segment (an index into the ladder) at one instant. */
export interface PopulationAt {
  readonly score: Float64Array;
  readonly segment: Uint8Array;
}

/**
 * Every customer's score and segment at each of `times`, for the population functions, with the
 * customers of the result: `read` itself, or `read` sorted by id when the exact path ran.
 *
 * A model without rules and a ladder without a hysteresis band take one pass over the columns per
 * instant (`customerScores`: the same doubles as `scoreAt`, no grouping, no sweep, no allocation
 * per customer). Otherwise, and when that pass finds a total beyond the range of a number or would
 * hold too many sums, the customers are sorted by id (unless `sorted` says they are) and each is
 * scored on their own as before, by the rules' path or `forecastGrouped`, which throw the errors
 * they always have, met in the order of the ids.
 */
export function populationAt(
  model: Model,
  compiled: CompiledModel,
  ladder: Ladder,
  read: CustomerColumns,
  sorted: boolean,
  times: readonly number[],
  fn: string,
): { readonly customers: CustomerColumns; readonly results: PopulationAt[] } {
  const count = read.ids.length;
  if (compiled.rules === undefined && ladder.band === 0) {
    const scores: Float64Array[] = [];
    for (const time of times) {
      const score = customerScores(compiled, read.columns, count, time);
      if (score === undefined) break;
      scores.push(score);
    }
    if (scores.length === times.length) {
      const results = scores.map((score) => {
        const segment = new Uint8Array(count);
        for (let c = 0; c < count; c++) segment[c] = classifyIndex(ladder, score[c]!, -1);
        return { score, segment };
      });
      return { customers: read, results };
    }
  }
  const customers = sorted ? read : sortCustomers(read.ids, read.columns);
  const { columns } = customers;
  const results =
    compiled.rules === undefined
      ? times.map(
          (time) => forecastGrouped(compiled, ladder, columns, count, time, time, fn).result,
        )
      : populationWithRules(model, compiled, compiled.rules, columns, count, times, fn);
  return { customers, results };
}
