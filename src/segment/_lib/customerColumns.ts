import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import type { ColumnsOfEvents } from './groupColumns.js';

/** Every customer's events as columns, customers sorted by id (code unit order) unless asked not to. */
export interface CustomerColumns {
  /** The customers: customer index `c` is `ids[c]`. */
  readonly ids: readonly string[];
  /** The kept events, with `customer` indexing `ids`. */
  readonly columns: ColumnsOfEvents & { readonly weight: Float64Array };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Validates the events once (as `readEvents` does) and lays them out as columns with customer
 * indexes, in one pass over the objects with no allocation per event. Every event needs a
 * non-empty string `customerId`, ignored ones too (checked after every other field, so the first
 * bad event of another kind is reported first): a customer is known by any of their events, so
 * one whose events are all ignored (or all after the instant scored) is still listed, with score
 * 0, as in the columns, the state and the SQL. With `sort` (the default) customers are sorted by
 * id; without, they are in first-seen order (for results that do not list them, such as counts).
 */
export function customerColumns(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions = {},
  sort = true,
): CustomerColumns {
  const all = readEvents(compiled, events, fn, options, true);
  if (all.badCustomer >= 0) {
    const i = all.badCustomer;
    throw new EngagekitError(
      'INVALID_EVENT',
      `${fn}: events[${i}].customerId must be a non-empty string naming the customer, got ${describeValue(events[i]!.customerId)}`,
      ['events', i, 'customerId'],
    );
  }
  const columns = {
    customer: all.customer,
    behaviour: all.behaviour,
    at: all.at,
    weight: all.weight,
  };
  return sort ? sortCustomers(all.customerIds, columns) : { ids: all.customerIds, columns };
}

/** The same customers and events, customers renumbered in the order of their ids (`columns.customer` in place). */
export function sortCustomers(
  ids: readonly string[],
  columns: CustomerColumns['columns'],
): CustomerColumns {
  const order = ids.map((_, c) => c).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  const rank = new Uint32Array(order.length);
  for (let position = 0; position < order.length; position++) rank[order[position]!] = position;
  const customer = columns.customer;
  for (let k = 0; k < customer.length; k++) customer[k] = rank[customer[k]!]!;
  return { ids: order.map((c) => ids[c]!), columns };
}
