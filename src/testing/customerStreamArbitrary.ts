import * as fc from 'fast-check';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { idsArbitrary } from './_lib/amount.js';
import { type EventsArbitraryOptions, eventsArbitrary } from './eventsArbitrary.js';

/**
 * Options of {@link customerStreamArbitrary}.
 *
 * @category Testing
 */
export interface CustomerStreamArbitraryOptions extends Omit<EventsArbitraryOptions, 'customers'> {
  /** How many customers (default 5): ids `c0`, `c1`, ... unless `customerIds` is given. */
  readonly customers?: number;
  /**
   * Where customer ids come from: by default the fixed ids `c0`, `c1`, ...; pass an arbitrary
   * (e.g. `fc.uuid()`, or the id format of the host's database) to draw `customers` distinct ids
   * from it.
   */
  readonly customerIds?: fc.Arbitrary<string>;
  /** Whether some events arrive late, out of time order, as in real streams (default true). */
  readonly outOfOrder?: boolean;
}

/**
 * A stream of events of many customers, as a host receives it: every event has a `customerId`,
 * events arrive in time order, or, with `outOfOrder: true` (the default), with some late arrivals.
 *
 * @param model - The model whose behaviour ids the events use.
 * @param options - Customers, time range, size and ordering.
 * @returns An arbitrary of event arrays in arrival order.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { defineModel, linear, scorePopulation } from 'engagekit';
 * import { customerStreamArbitrary } from 'engagekit/testing';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });
 * const at = Date.UTC(2027, 0, 1);
 * // Scoring a population does not depend on the order events arrive in.
 * fc.assert(
 *   fc.property(customerStreamArbitrary(model), (stream) => {
 *     const forward = scorePopulation(model, stream, at);
 *     const backward = scorePopulation(model, [...stream].reverse(), at);
 *     return JSON.stringify(forward) === JSON.stringify(backward);
 *   }),
 * );
 * const [stream] = fc.sample(customerStreamArbitrary(model, { outOfOrder: false }), { numRuns: 1, seed: 5 });
 * stream !== undefined && stream.every((event, i) => i === 0 || (stream[i - 1]!.at as number) <= (event.at as number)); // => true
 * ```
 * @category Testing
 */
export function customerStreamArbitrary(
  model: Model,
  options: CustomerStreamArbitraryOptions = {},
): fc.Arbitrary<EngagementEvent[]> {
  const count = Math.max(1, options.customers ?? 5);
  const { outOfOrder = true, customerIds, ...rest } = options;
  const events = idsArbitrary(count, customerIds, 'c').chain((customers) =>
    eventsArbitrary(model, { ...rest, customers }),
  );
  return events.chain((events) => {
    const ordered = [...events].sort((a, b) => (a.at as number) - (b.at as number));
    if (!outOfOrder || ordered.length < 2) return fc.constant(ordered);
    // Move a few events later in the stream: they arrive late.
    return fc
      .array(fc.tuple(fc.nat(ordered.length - 1), fc.nat(ordered.length - 1)), { maxLength: 4 })
      .map((moves) => {
        const stream = [...ordered];
        for (const [from, to] of moves) {
          const [event] = stream.splice(from, 1);
          stream.splice(Math.max(from, to), 0, event!);
        }
        return stream;
      });
  });
}
