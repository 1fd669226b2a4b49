import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import type { ColumnsOfEvents } from './groupColumns.js';

/** Every customer's events as columns, customers sorted by id (code unit order). */
export interface CustomerColumns {
  /** The customers, sorted: customer index `c` is `ids[c]`. */
  readonly ids: readonly string[];
  /** The kept events, with `customer` indexing `ids`. */
  readonly columns: ColumnsOfEvents;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Validates the events once (as `readEvents` does) and lays them out as columns with customer
 * indexes. Every event needs a non-empty string `customerId`, ignored ones too: a customer is
 * known by any of their events, so one whose events are all ignored (or all after the instant
 * scored) is still listed, with score 0, as in the columns, the state and the SQL.
 */
export function customerColumns(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions = {},
): CustomerColumns {
  const all = readEvents(compiled, events, fn, options);
  const count = events.length;
  const firstSeen = new Map<string, number>();
  const customerOf = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const id = events[i]!.customerId;
    if (typeof id !== 'string' || id === '') {
      throw new EngagekitError(
        'INVALID_EVENT',
        `${fn}: events[${i}].customerId must be a non-empty string naming the customer, got ${describeValue(id)}`,
        ['events', i, 'customerId'],
      );
    }
    let c = firstSeen.get(id);
    if (c === undefined) {
      c = firstSeen.size;
      firstSeen.set(id, c);
    }
    customerOf[i] = c;
  }
  const unsorted = [...firstSeen.keys()];
  const order = unsorted.map((_, c) => c).sort((a, b) => compareIds(unsorted[a]!, unsorted[b]!));
  const rank = new Uint32Array(order.length);
  order.forEach((c, position) => {
    rank[c] = position;
  });
  const customer = new Uint32Array(all.length);
  for (let k = 0; k < all.length; k++) customer[k] = rank[customerOf[all.source[k]!]!]!;
  return {
    ids: order.map((c) => unsorted[c]!),
    columns: { customer, behaviour: all.behaviour, at: all.at, weight: all.weight },
  };
}
