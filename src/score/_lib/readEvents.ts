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

function invalid(fn: string, index: number, field: string | undefined, problem: string): never {
  const path = field === undefined ? ['events', index] : ['events', index, field];
  const where = field === undefined ? `events[${index}]` : `events[${index}].${field}`;
  throw new EngagekitError('INVALID_EVENT', `${fn}: ${where} ${problem}`, path);
}

function unknownBehaviour(fn: string, index: number, id: string, compiled: CompiledModel): never {
  const known = compiled.behaviourIds.slice(0, 10).map((known) => JSON.stringify(known));
  if (compiled.behaviourIds.length > 10) known.push('...');
  throw new EngagekitError(
    'UNKNOWN_BEHAVIOUR',
    `${fn}: events[${index}].behaviour ${JSON.stringify(id)} is not in the model (known: ${known.join(', ')}); add it to the model or pass { unknownBehaviour: 'ignore' }`,
    ['events', index, 'behaviour'],
  );
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
  if (!Array.isArray(events)) {
    throw new EngagekitError(
      'INVALID_EVENT',
      `${fn}: events must be an array of { behaviour, at, weight? }, got ${describeValue(events)}`,
      ['events'],
    );
  }
  readOptions(options, fn, "{ unknownBehaviour: 'ignore' }");
  const ignore = options.unknownBehaviour === 'ignore';
  if (options.unknownBehaviour !== undefined && !ignore && options.unknownBehaviour !== 'error') {
    throw new EngagekitError(
      'INVALID_OPTION',
      `${fn}: options.unknownBehaviour must be 'error' or 'ignore', got ${describeValue(options.unknownBehaviour)}`,
      ['options', 'unknownBehaviour'],
    );
  }
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
      invalid(
        fn,
        i,
        undefined,
        `must be an object { behaviour, at, weight? }, got ${describeValue(event)}`,
      );
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
      invalid(fn, i, 'behaviour', `must be a behaviour id (string), got ${describeValue(id)}`);
    }
    const time = event.at;
    const millis =
      typeof time === 'number' ? time : time instanceof Date ? time.getTime() : Number.NaN;
    if (!Number.isFinite(millis) || Math.abs(millis) > MAX_INSTANT) {
      invalid(
        fn,
        i,
        'at',
        `must be a Date or epoch milliseconds within ±8.64e15 (the range of a Date), got ${describeValue(time)}${typeof time === 'string' ? '; parse strings first, e.g. Date.parse(...)' : ''}`,
      );
    }
    // A null or missing weight counts 1, as a NULL weight does in the SQL of toSql.
    const w = event.weight as number | null | undefined;
    if (w != null && (typeof w !== 'number' || !Number.isFinite(w))) {
      invalid(fn, i, 'weight', `must be a finite number, got ${describeValue(w)}`);
    }
    const b = compiled.index.get(id);
    if (b === undefined) {
      if (ignore) continue;
      unknownBehaviour(fn, i, id, compiled);
    }
    if (w != null && !Number.isFinite(w * compiled.boost[b]!)) {
      invalid(
        fn,
        i,
        'weight',
        `times the boost of "${id}" (${compiled.boost[b]}) overflows a number (${w}); scale the weights down`,
      );
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
