import type { CompiledModel } from '../../model/compileModel.js';
import { sweepInput } from '../sweep/ruleSweep.js';
import { sweepSegments } from '../sweep/sweepSegments.js';
import type { ColumnForecast } from './forecastGrouped.js';
import { customerView, type GroupedColumns } from './groupColumns.js';
import type { Ladder } from './ladder.js';

/** A customer who will drop a segment within the horizon, as `atRisk` lists them. */
export interface AtRiskEntry {
  readonly customerId: string;
  readonly score: number;
  readonly segment: string;
  readonly drop: { readonly at: number; readonly segment: string };
}

/**
 * The at-risk list of a forecast cut at `horizon`: every customer whose first change is a drop,
 * or who rises first and then falls below the segment they are in at `at` before the horizon,
 * soonest first, then by id. Shared by `atRisk` (events) and `atRiskOfState` (a state).
 */
export function atRiskList(
  compiled: CompiledModel,
  ladder: Ladder,
  ids: readonly string[],
  result: ColumnForecast,
  grouped: GroupedColumns,
  at: number,
  horizon: number,
): AtRiskEntry[] {
  const names = ladder.names;
  const list: AtRiskEntry[] = [];
  for (let c = 0; c < ids.length; c++) {
    const state = result.segment[c]!;
    let next = result.nextSegment[c]!;
    let dropAt = result.nextAt[c]!;
    if (next < 0 || state === names.length - 1) continue;
    if (next < state) {
      // A rise first: look on to the horizon for a fall below the segment at `at`.
      const input = sweepInput(compiled, customerView(grouped, c));
      const changes = sweepSegments(
        compiled,
        input.columns,
        ladder,
        at,
        state,
        horizon,
        Number.POSITIVE_INFINITY,
        { rules: input.rules },
      );
      const drop = changes.find((change) => change.to > state);
      if (drop === undefined) continue;
      next = drop.to;
      dropAt = drop.at;
    }
    list.push({
      customerId: ids[c]!,
      score: result.score[c]!,
      segment: names[state]!,
      drop: { at: dropAt, segment: names[next]! },
    });
  }
  return list.sort(
    (a, b) =>
      a.drop.at - b.drop.at ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
}
