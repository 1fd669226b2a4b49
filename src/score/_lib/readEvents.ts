import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { readOptions } from '../../errors/readOptions.js';
import type { CompiledModel } from '../../model/compileModel.js';
import { MAX_INSTANT } from '../../time/instant.js';
import type { EngagementEvent, ScoreOptions } from '../EngagementEvent.js';

/** Validated events as columns: behaviour index, epoch milliseconds, weight, original index. */
export interface EventColumns {
  readonly length: number;
  readonly behaviour: Int32Array;
  readonly at: Float64Array;
  readonly weight: Float64Array;
  /** Position of each kept event in the caller's array. */
  readonly source: Int32Array;
  /** Events left out because their behaviour is unknown and the caller asked to ignore them. */
  readonly ignoredUnknown: number;
}

/** {@link EventColumns} with each kept event's customer, read in the same pass. */
export interface CustomerEventColumns extends EventColumns {
  /** Each kept event's customer: an index into `customerIds`. */
  readonly customer: Uint32Array;
  /** Every customer id met, ignored events' too, in first-seen order. */
  readonly customerIds: readonly string[];
  /** The index of the first event whose `customerId` is not a non-empty string; -1 when none. */
  readonly badCustomer: number;
}

/** Throws `INVALID_EVENT` for event `index` (and its `field`), the message naming both. */
export function invalidEvent(
  fn: string,
  index: number,
  field: string | undefined,
  problem: string,
): never {
  const path = field === undefined ? ['events', index] : ['events', index, field];
  const where = field === undefined ? `events[${index}]` : `events[${index}].${field}`;
  throw new EngagekitError('INVALID_EVENT', `${fn}: ${where} ${problem}`, path);
}

/** Throws `INVALID_EVENT` for an entry of the events that is not an object. */
export function notAnEvent(fn: string, index: number, event: unknown): never {
  invalidEvent(
    fn,
    index,
    undefined,
    `must be an object { behaviour, at, weight? }, got ${describeValue(event)}`,
  );
}

/** Throws `INVALID_EVENT` for a `customerId` that is not a non-empty string (population functions). */
export function badCustomerId(fn: string, index: number, id: unknown): never {
  invalidEvent(
    fn,
    index,
    'customerId',
    `must be a non-empty string naming the customer, got ${describeValue(id)}`,
  );
}

/** Throws `INVALID_EVENT` for a behaviour that is not a string. */
export function badBehaviour(fn: string, index: number, id: unknown): never {
  invalidEvent(fn, index, 'behaviour', `must be a behaviour id (string), got ${describeValue(id)}`);
}

/** Throws `INVALID_EVENT` for an instant that is not a Date or epoch milliseconds in range. */
export function badInstant(fn: string, index: number, time: unknown): never {
  invalidEvent(
    fn,
    index,
    'at',
    `must be a Date or epoch milliseconds within ±8.64e15 (the range of a Date), got ${describeValue(time)}${typeof time === 'string' ? '; parse strings first, e.g. Date.parse(...)' : ''}`,
  );
}

/** Throws `INVALID_EVENT` for a weight that is not a finite number (nor null or missing). */
export function badWeight(fn: string, index: number, weight: unknown): never {
  invalidEvent(fn, index, 'weight', `must be a finite number, got ${describeValue(weight)}`);
}

/** Throws `INVALID_EVENT` for a weight whose product with the boost of behaviour `b` overflows. */
export function weightOverflows(
  fn: string,
  index: number,
  compiled: CompiledModel,
  b: number,
  weight: number,
): never {
  invalidEvent(
    fn,
    index,
    'weight',
    `times the boost of "${compiled.behaviourIds[b]}" (${compiled.boost[b]}) overflows a number (${weight}); scale the weights down`,
  );
}

/** Throws `UNKNOWN_BEHAVIOUR` for event `index`, listing the model's behaviours. */
export function unknownBehaviour(
  fn: string,
  index: number,
  id: string,
  compiled: CompiledModel,
): never {
  const known = compiled.behaviourIds.slice(0, 10).map((known) => JSON.stringify(known));
  if (compiled.behaviourIds.length > 10) known.push('...');
  throw new EngagekitError(
    'UNKNOWN_BEHAVIOUR',
    `${fn}: events[${index}].behaviour ${JSON.stringify(id)} is not in the model (known: ${known.join(', ')}); add it to the model or pass { unknownBehaviour: 'ignore' }`,
    ['events', index, 'behaviour'],
  );
}

/** Throws `INVALID_EVENT` (path `events`) when `events` is not an array. */
export function checkEventArray(events: unknown, fn: string): void {
  if (!Array.isArray(events)) {
    throw new EngagekitError(
      'INVALID_EVENT',
      `${fn}: events must be an array of { behaviour, at, weight? }, got ${describeValue(events)}`,
      ['events'],
    );
  }
}

/** Reads `options.unknownBehaviour` of the scoring functions: whether unknown behaviours are ignored. */
export function readIgnore(options: ScoreOptions, fn: string): boolean {
  readOptions(options, fn, "{ unknownBehaviour: 'ignore' }");
  const ignore = options.unknownBehaviour === 'ignore';
  if (options.unknownBehaviour !== undefined && !ignore && options.unknownBehaviour !== 'error') {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.unknownBehaviour must be 'error' or 'ignore', got ${describeValue(options.unknownBehaviour)}`,
      ['options', 'unknownBehaviour'],
    );
  }
  return ignore;
}

/**
 * Checks every event once and lays them out as columns, so that scoring at many instants does not
 * re-validate. Throws on the first bad event with its index.
 */
export function readEvents(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options?: ScoreOptions,
): EventColumns;
/**
 * With `customers`, also interns every event's `customerId` (ignored events' too) in the same
 * pass, with no allocation per event: a bad id does not throw here but is reported as
 * `badCustomer` (the first one), so that the caller checks ids after every other field, as the
 * population functions always have.
 */
export function readEvents(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions,
  customers: true,
): CustomerEventColumns;
export function readEvents(
  compiled: CompiledModel,
  events: readonly EngagementEvent[],
  fn: string,
  options: ScoreOptions = {},
  customers = false,
): EventColumns | CustomerEventColumns {
  checkEventArray(events, fn);
  const ignore = readIgnore(options, fn);
  const count = events.length;
  const behaviour = new Int32Array(count);
  const at = new Float64Array(count);
  const weight = new Float64Array(count);
  const source = new Int32Array(count);
  const customer = new Uint32Array(customers ? count : 0);
  const firstSeen = new Map<string, number>();
  const customerIds: string[] = [];
  let badCustomer = -1;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const event = events[i];
    if (event === null || typeof event !== 'object') {
      notAnEvent(fn, i, event);
    }
    let c = 0;
    if (customers) {
      const known = firstSeen.get(event.customerId as string);
      if (known !== undefined) c = known;
      else if (typeof event.customerId === 'string' && event.customerId !== '') {
        c = customerIds.length;
        firstSeen.set(event.customerId, c);
        customerIds.push(event.customerId);
      } else if (badCustomer < 0) badCustomer = i;
    }
    const id = event.behaviour;
    if (typeof id !== 'string') {
      badBehaviour(fn, i, id);
    }
    const time = event.at;
    const millis =
      typeof time === 'number' ? time : time instanceof Date ? time.getTime() : Number.NaN;
    if (!Number.isFinite(millis) || Math.abs(millis) > MAX_INSTANT) {
      badInstant(fn, i, time);
    }
    // A null or missing weight counts 1, as a NULL weight does in the SQL of toSql.
    const w = event.weight as number | null | undefined;
    if (w != null && (typeof w !== 'number' || !Number.isFinite(w))) {
      badWeight(fn, i, w);
    }
    const b = compiled.index.get(id);
    if (b === undefined) {
      if (ignore) continue;
      unknownBehaviour(fn, i, id, compiled);
    }
    if (w != null && !Number.isFinite(w * compiled.boost[b]!)) {
      weightOverflows(fn, i, compiled, b, w);
    }
    behaviour[kept] = b;
    at[kept] = millis;
    weight[kept] = w ?? 1;
    source[kept] = i;
    if (customers) customer[kept] = c;
    kept++;
  }
  const columns: EventColumns = {
    length: kept,
    behaviour: behaviour.subarray(0, kept),
    at: at.subarray(0, kept),
    weight: weight.subarray(0, kept),
    source: source.subarray(0, kept),
    ignoredUnknown: count - kept,
  };
  if (!customers) return columns;
  return { ...columns, customer: customer.subarray(0, kept), customerIds, badCustomer };
}
