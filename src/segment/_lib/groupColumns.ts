import type { EventColumns } from '../../score/_lib/readEvents.js';
import type { EventColumnsInput } from '../../score/EventColumnsInput.js';

/**
 * Event columns regrouped by customer: customer `c`'s events are the positions
 * `start[c] .. start[c + 1] - 1`, in the order the columns gave them (a stable counting sort), so
 * summing them in order gives the very doubles `scoreAt` gives on that customer's events.
 */
export interface GroupedColumns {
  readonly customerCount: number;
  readonly start: Uint32Array;
  readonly behaviour: Int32Array;
  readonly at: Float64Array;
  readonly weight: Float64Array;
  readonly source: Int32Array;
}

/**
 * Groups checked columns by customer in two passes and no allocation per event, keeping only the
 * events at or before `upTo` (a forecast assumes later events away; they do not change the score
 * or the segment at `upTo`).
 */
export function groupColumns(
  columns: EventColumnsInput,
  customerCount: number,
  upTo: number,
): GroupedColumns {
  const { customer, behaviour, at, weight } = columns;
  const length = customer.length;
  const start = new Uint32Array(customerCount + 1);
  let kept = 0;
  for (let i = 0; i < length; i++) {
    if (at[i]! <= upTo) {
      start[customer[i]! + 1]!++;
      kept++;
    }
  }
  for (let c = 0; c < customerCount; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, customerCount);
  const groupedBehaviour = new Int32Array(kept);
  const groupedAt = new Float64Array(kept);
  const groupedWeight = new Float64Array(kept);
  const source = new Int32Array(kept);
  for (let i = 0; i < length; i++) {
    const time = at[i]!;
    if (!(time <= upTo)) continue;
    const position = next[customer[i]!]!++;
    groupedBehaviour[position] = behaviour[i]!;
    groupedAt[position] = time;
    groupedWeight[position] = weight === undefined ? 1 : weight[i]!;
    source[position] = i;
  }
  return {
    customerCount,
    start,
    behaviour: groupedBehaviour,
    at: groupedAt,
    weight: groupedWeight,
    source,
  };
}

/** Customer `c`'s events as columns of their own (views, no copy). */
export function customerView(grouped: GroupedColumns, c: number): EventColumns {
  const from = grouped.start[c]!;
  const to = grouped.start[c + 1]!;
  return {
    length: to - from,
    behaviour: grouped.behaviour.subarray(from, to),
    at: grouped.at.subarray(from, to),
    weight: grouped.weight.subarray(from, to),
    source: grouped.source.subarray(from, to),
    ignoredUnknown: 0,
  };
}
