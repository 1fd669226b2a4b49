import * as fc from 'fast-check';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import type { Model } from '../model/modelSchema.js';
import { readModel } from '../model/readModel.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { amountArbitrary } from './_lib/amount.js';
import { oneOfIds } from './_lib/readArbitraryOptions.js';
import { EVENTS_ARBITRARY_FIELDS, readEventsOptions } from './_lib/readEventsOptions.js';
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
  /** Most events (default 40, at most 1,000,000). */
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

/**
 * Events of a model's behaviours at whole-millisecond instants in `[from, to]`, in random order.
 *
 * @param model - The model whose behaviour ids the events use.
 * @param options - Time range, size, weights and customers.
 * @returns An arbitrary of event arrays.
 * @throws `EngagekitError` at the call (not when fast-check draws): `INVALID_MODEL` when
 * `model` is not a model; `INVALID_OPTION` for options that are not an object, an unknown option,
 * a `maxLength` that is not a whole number from 0 to 1,000,000, an instant that is not whole
 * milliseconds within the range of a `Date`, `to` before `from`, a `magnitude` other than
 * `'realistic'` or `'extreme'`, or a customer id that is not a string; every problem is listed.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { EngagekitError, defineModel, linear } from 'engagekit';
 * import { eventsArbitrary } from 'engagekit/testing';
 *
 * const model = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });
 * const [events] = fc.sample(eventsArbitrary(model, { maxLength: 5 }), { numRuns: 1, seed: 3 });
 * events !== undefined && events.every((event) => event.behaviour === 'visit'); // => true
 * try {
 *   eventsArbitrary(model, { maxLength: -1, magnitude: 'huge' as never });
 * } catch (error) {
 *   if (error instanceof EngagekitError) {
 *     error.issues.map((issue) => issue.path.join('.')); // => ['options.maxLength', 'options.magnitude']
 *   }
 * }
 * ```
 * @category Testing
 */
export function eventsArbitrary(
  model: Model,
  options: EventsArbitraryOptions = {},
): fc.Arbitrary<EngagementEvent[]> {
  const valid = readModel(model, 'eventsArbitrary');
  const issues = issueList('eventsArbitrary');
  const fields = readFields(issues, ['options'], options, {
    known: EVENTS_ARBITRARY_FIELDS,
    optional: true,
  });
  if (fields === undefined) issues.throwIfAny('INVALID_OPTION');
  const read = readEventsOptions(issues, fields!);
  issues.throwIfAny('INVALID_OPTION');
  const { from, to } = read.range!;
  const weight =
    read.weights === false
      ? fc.constant(undefined)
      : fc.option(amountArbitrary(read.magnitude, { least: 0.001, max: 3, negative: true }), {
          nil: undefined,
        });
  const customer = read.customers.length === 0 ? fc.constant(undefined) : oneOfIds(read.customers);
  const event = fc
    .record({
      behaviour: oneOfIds(valid.behaviourIds),
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
  return fc.array(event, { maxLength: read.maxLength! });
}
