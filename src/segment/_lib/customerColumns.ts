import type { CompiledModel } from '../../model/compileModel.js';
import { badCustomerId, readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import type { ColumnsOfEvents } from './groupColumns.js';
import { idOrder } from './idOrder.js';

/** Every customer's events as columns, customers sorted by id (code unit order). */
export interface CustomerColumns {
  /** The customers: customer index `c` is `ids[c]`. */
  readonly ids: readonly string[];
  /** The kept events, with `customer` indexing `ids`. */
  readonly columns: ColumnsOfEvents & { readonly weight: Float64Array };
}

/**
 * Validates the events once (as `readEvents` does) and lays them out as columns with customer
 * indexes, in one pass over the objects with no allocation per event. Every event needs a
 * non-empty string `customerId`, ignored ones too (checked after every other field, so the first
 * bad event of another kind is reported first): a customer is known by any of their events, so
 * one whose events are all ignored (or all after the instant scored) is still listed, with score
 * 0, as in the columns, the state and the SQL.
 */
export function customerColumns(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions = {},
): CustomerColumns {
  const all = readEvents(compiled, events, fn, options, true);
  if (all.badCustomer >= 0) {
    badCustomerId(fn, all.badCustomer, events[all.badCustomer]!.customerId);
  }
  const columns = {
    customer: all.customer,
    behaviour: all.behaviour,
    at: all.at,
    weight: all.weight,
  };
  return sortCustomers(all.customerIds, columns);
}

/** The same customers and events, customers renumbered in the order of their ids (`columns.customer` in place). */
function sortCustomers(
  ids: readonly string[],
  columns: CustomerColumns['columns'],
): CustomerColumns {
  const order = idOrder(ids);
  const rank = new Uint32Array(order.length);
  for (let position = 0; position < order.length; position++) rank[order[position]!] = position;
  const customer = columns.customer;
  for (let k = 0; k < customer.length; k++) customer[k] = rank[customer[k]!]!;
  return { ids: Array.from(order, (c) => ids[c]!), columns };
}
