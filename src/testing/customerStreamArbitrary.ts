import * as fc from 'fast-check';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import type { Model } from '../model/modelSchema.js';
import { readModel } from '../model/readModel.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { idsArbitrary } from './_lib/amount.js';
import { readFlag, readIdArbitrary, readSize } from './_lib/readArbitraryOptions.js';
import { EVENTS_ARBITRARY_FIELDS, readEventsOptions } from './_lib/readEventsOptions.js';
import { type EventsArbitraryOptions, eventsArbitrary } from './eventsArbitrary.js';

/**
 * Options of {@link customerStreamArbitrary}.
 *
 * @category Testing
 */
export interface CustomerStreamArbitraryOptions extends Omit<EventsArbitraryOptions, 'customers'> {
  /**
   * How many customers (default 5, at most 1,000,000): ids `c0`, `c1`, ... unless `customerIds`
   * is given.
   */
  readonly customers?: number;
  /**
   * Where customer ids come from: by default the fixed ids `c0`, `c1`, ...; pass an arbitrary
   * (e.g. `fc.uuid()`, or the id format of the host's database) to draw up to `customers`
   * distinct ids from it (fewer when it repeats itself).
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
 * @throws `EngagekitError` at the call (not when fast-check draws): `INVALID_MODEL` when
 * `model` is not a model; `INVALID_OPTION` for any option {@link eventsArbitrary} refuses, a
 * `customers` that is not a whole number from 1 to 1,000,000, a `customerIds` that is not an
 * arbitrary or an `outOfOrder` that is not a boolean; every problem is listed.
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
  const valid = readModel(model, 'customerStreamArbitrary');
  const issues = issueList('customerStreamArbitrary');
  const fields = readFields(issues, ['options'], options, {
    known: [
      ...EVENTS_ARBITRARY_FIELDS.filter((key) => key !== 'customers'),
      'customers',
      'customerIds',
      'outOfOrder',
    ],
    optional: true,
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const {
    customers: countOption,
    customerIds: idsOption,
    outOfOrder: orderOption,
    ...rest
  } = fields!;
  readEventsOptions(issues, rest);
  const count = readSize(issues, ['options', 'customers'], countOption, 5, 1);
  const customerIds = readIdArbitrary(issues, ['options', 'customerIds'], idsOption);
  const outOfOrder = readFlag(issues, ['options', 'outOfOrder'], orderOption, true);
  issues.throwIfAny('INVALID_OPTION');
  const events = idsArbitrary(count!, customerIds, 'c').chain((customers) =>
    eventsArbitrary(valid, { ...(rest as EventsArbitraryOptions), customers }),
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
