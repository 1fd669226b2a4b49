import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { EngagementEvent } from '../../score/EngagementEvent.js';

/**
 * Events grouped by `customerId`, customers in order of first appearance, each customer's events
 * in input order. Every event must carry a non-empty string `customerId`; otherwise throws
 * `INVALID_EVENT` naming `events[i].customerId`. The backtest needs the raw events (outcome
 * predicates see whole events), so it groups them itself rather than through customerColumns.
 */
export function groupByCustomer(
  events: readonly EngagementEvent[],
  fn: string,
): Map<string, EngagementEvent[]> {
  if (!Array.isArray(events)) {
    throw new EngagekitError(
      'INVALID_EVENT',
      `${fn}: events must be an array of { customerId, behaviour, at, weight? }, got ${describeValue(events)}`,
      ['events'],
    );
  }
  const groups = new Map<string, EngagementEvent[]>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const id: unknown = event !== null && typeof event === 'object' ? event.customerId : undefined;
    if (typeof id !== 'string' || id === '') {
      throw new EngagekitError(
        'INVALID_EVENT',
        `${fn}: events[${i}].customerId must be a non-empty string, got ${describeValue(id)}; every event needs the customer it belongs to`,
        ['events', i, 'customerId'],
      );
    }
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [event as EngagementEvent]);
    else group.push(event as EngagementEvent);
  }
  return groups;
}
