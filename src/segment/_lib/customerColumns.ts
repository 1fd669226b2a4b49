import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumns } from '../../score/_lib/readEvents.js';
import { readEvents } from '../../score/_lib/readEvents.js';
import type { EngagementEvent, ScoreOptions } from '../../score/EngagementEvent.js';
import { selectColumns } from '../sweep/sweepColumns.js';

/** Every customer's events as columns, customers sorted by id (code unit order). */
export interface CustomerColumns {
  readonly ids: readonly string[];
  readonly columns: readonly EventColumns[];
}

/**
 * Validates the events once and splits them by `customerId`. Every kept event needs a non-empty
 * string `customerId`; a customer appears when at least one of their events is kept.
 */
export function customerColumns(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions = {},
): CustomerColumns {
  const all = readEvents(compiled, events, fn, options);
  const positions = new Map<string, number[]>();
  for (let i = 0; i < all.length; i++) {
    const index = all.source[i]!;
    const id = events[index]?.customerId;
    if (typeof id !== 'string' || id === '') {
      throw new EngagekitError(
        'INVALID_EVENT',
        `${fn}: events[${index}].customerId must be a non-empty string naming the customer, got ${describeValue(id)}`,
        ['events', index, 'customerId'],
      );
    }
    const list = positions.get(id);
    if (list === undefined) positions.set(id, [i]);
    else list.push(i);
  }
  const ids = [...positions.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ids, columns: ids.map((id) => selectColumns(all, positions.get(id)!)) };
}

/** Throws `EMPTY_INPUT` when there is no customer to count. */
export function requireCustomers(customers: CustomerColumns, fn: string): void {
  if (customers.ids.length > 0) return;
  throw new EngagekitError(
    'EMPTY_INPUT',
    `${fn}: events has no customer to count; pass events with a customerId`,
    ['events'],
  );
}
