import * as fc from 'fast-check';
import type { Model } from '../model/modelSchema.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { amountArbitrary } from './_lib/amount.js';
import type { ArbitraryMagnitude } from './ArbitraryMagnitude.js';

/**
 * Options of {@link eventsArbitrary}.
 *
 * @category Testing
 */
export interface EventsArbitraryOptions {
  /** Earliest event time, epoch milliseconds (default 2026-01-01T00:00:00Z). */
  readonly from?: number;
  /** Latest event time, epoch milliseconds (default one year after `from`). */
  readonly to?: number;
  /** Most events (default 40). */
  readonly maxLength?: number;
  /** Whether events carry weights in [-3, 3] (default true). */
  readonly weights?: boolean;
  /**
   * How large weights are (default `'realistic'`: 0 or 0.001 to 3 in absolute value; `'extreme'`:
   * any finite double, 5e-324 and 1e308 included).
   */
  readonly magnitude?: ArbitraryMagnitude;
  /** Customer ids to draw from; when given, every event has a `customerId`. */
  readonly customers?: readonly string[];
}

const JAN_2026 = Date.UTC(2026, 0, 1);

/**
 * Events of a model's behaviours at whole-millisecond instants in `[from, to]`, in random order.
 *
 * @param model - The model whose behaviour ids the events use.
 * @param options - Time range, size, weights and customers.
 * @returns An arbitrary of event arrays.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { defineModel, linear } from 'engagekit';
 * import { eventsArbitrary } from 'engagekit/testing';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });
 * const [events] = fc.sample(eventsArbitrary(model, { maxLength: 5 }), { numRuns: 1, seed: 3 });
 * events !== undefined && events.every((event) => event.behaviour === 'visit'); // => true
 * ```
 * @category Testing
 */
export function eventsArbitrary(
  model: Model,
  options: EventsArbitraryOptions = {},
): fc.Arbitrary<EngagementEvent[]> {
  const from = options.from ?? JAN_2026;
  const to = options.to ?? from + 365 * 86_400_000;
  const weight =
    options.weights === false
      ? fc.constant(undefined)
      : fc.option(amountArbitrary(options.magnitude, { least: 0.001, max: 3, negative: true }), {
          nil: undefined,
        });
  const customer =
    options.customers === undefined || options.customers.length === 0
      ? fc.constant(undefined)
      : fc.constantFrom(...options.customers);
  const event = fc
    .record({
      behaviour: fc.constantFrom(...model.behaviourIds),
      at: fc.integer({ min: from, max: to }),
      weight,
      customerId: customer,
    })
    .map(
      ({ behaviour, at, weight: w, customerId }): EngagementEvent => ({
        behaviour,
        at,
        ...(w === undefined ? {} : { weight: w }),
        ...(customerId === undefined ? {} : { customerId }),
      }),
    );
  return fc.array(event, { maxLength: options.maxLength ?? 40 });
}
