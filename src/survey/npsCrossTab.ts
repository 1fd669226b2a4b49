import type { EngagekitErrorPath } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { type IssueList, issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { responseProblem } from './_lib/surveyInput.js';

/**
 * A customer's engagement segment, e.g. from `segmentAt`. Any segment name is accepted, so custom
 * ladders work too.
 *
 * @category Survey
 */
export interface CustomerSegment {
  readonly customerId: string;
  /** `'high'`, `'low'`, `'disengaged'` or a custom ladder's name (the same names as the model's `Segment`). */
  readonly segment: 'high' | 'low' | 'disengaged' | (string & {});
}

/**
 * A customer's 0-10 NPS answer.
 *
 * @category Survey
 */
export interface CustomerNpsResponse {
  readonly customerId: string;
  readonly response: number;
}

/**
 * Options of {@link npsCrossTab}.
 *
 * @category Survey
 */
export interface NpsCrossTabOptions {
  /**
   * Segments listed first, in this order, even when empty; others follow sorted by name.
   * Default `['high', 'low', 'disengaged']`.
   */
  readonly segmentOrder?: readonly string[];
  /** Segments whose promoters are advocates; default `['high']`. */
  readonly advocateSegments?: readonly string[];
  /** Segments whose promoters are at-risk fans; default `['low', 'disengaged']`. */
  readonly atRiskSegments?: readonly string[];
}

/**
 * Counts of NPS categories among the respondents of one group of customers.
 *
 * @category Survey
 */
export interface NpsCrossTabCell {
  /** Customers in the group (respondents or not). */
  readonly customers: number;
  /** Customers of the group who answered. */
  readonly respondents: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** The group's NPS, -100..100, or `null` when nobody in it answered. */
  readonly nps: number | null;
}

/**
 * One row of {@link NpsCrossTab}.
 *
 * @category Survey
 */
export interface NpsCrossTabRow extends NpsCrossTabCell {
  readonly segment: string;
}

/**
 * Engagement segment x NPS category: what customers do beside what they say.
 *
 * @category Survey
 */
export interface NpsCrossTab {
  /** One row per segment. */
  readonly rows: readonly NpsCrossTabRow[];
  /** All segmented customers together. */
  readonly total: NpsCrossTabCell;
  /** Promoters in an advocate segment (highly engaged promoters), ids sorted. */
  readonly advocates: readonly string[];
  /** Promoters in an at-risk segment (fans whose engagement is fading), ids sorted. */
  readonly atRiskFans: readonly string[];
  /** Answers from customers with no segment, left out of the table. */
  readonly unsegmented: number;
}

/** Reads a list of segment names, recording what is wrong with it. */
function readNames(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
): readonly string[] | undefined {
  if (!Array.isArray(value)) {
    issues.add(path, `must be an array of segment names, got ${describeValue(value)}`);
    return undefined;
  }
  const names: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const name: unknown = value[i];
    if (typeof name === 'string') names.push(name);
    else issues.add([...path, i], `must be a segment name (a string), got ${describeValue(name)}`);
  }
  return names;
}

/** One entry of the segments or the responses: its customer id, its value and where it is. */
interface Entry {
  readonly key: unknown;
  readonly value: unknown;
  /** `[argument, index]` in an array, `[argument, customerId]` in a Map. */
  readonly path: readonly (string | number)[];
  /** The entry as a person reads it: `responses[3]`, `responses.get("ann")`. */
  readonly where: string;
}

/**
 * The entries of an array of `{ customerId, <valueField> }` (every index read, so a hole of a
 * sparse array is reported, not skipped) or of a Map; problems recorded on `issues`.
 */
function entries(
  issues: IssueList,
  input: unknown,
  argument: 'segments' | 'responses',
  valueField: string,
): Entry[] {
  if (input instanceof Map) {
    return Array.from(input, ([key, value]) => ({
      key,
      value,
      path: [argument, String(key)],
      where: `${argument}.get(${typeof key === 'string' ? JSON.stringify(key) : describeValue(key)})`,
    }));
  }
  if (!Array.isArray(input)) {
    issues.add(
      [argument],
      `must be an array of { customerId, ${valueField} } or a Map, got ${describeValue(input)}`,
    );
    return [];
  }
  const read: Entry[] = [];
  for (let index = 0; index < input.length; index++) {
    const item: unknown = input[index];
    if (item === null || typeof item !== 'object') {
      issues.add(
        [argument, index],
        `must be an object { customerId, ${valueField} }, got ${describeValue(item)}`,
      );
      continue;
    }
    const record = item as Record<string, unknown>;
    read.push({
      key: record.customerId,
      value: record[valueField],
      path: [argument, index],
      where: `${argument}[${index}]`,
    });
  }
  return read;
}

interface Tally {
  customers: number;
  respondents: number;
  promoters: number;
  passives: number;
  detractors: number;
}

function emptyTally(): Tally {
  return { customers: 0, respondents: 0, promoters: 0, passives: 0, detractors: 0 };
}

function finish(tally: Tally): NpsCrossTabCell {
  return {
    ...tally,
    nps:
      tally.respondents === 0
        ? null
        : (100 * (tally.promoters - tally.detractors)) / tally.respondents,
  };
}

/**
 * Cross-tabulates engagement segments against NPS categories, and names the advocates (highly
 * engaged promoters) and the at-risk fans (promoters whose engagement has fallen).
 *
 * @remarks
 * Each customer has one segment (take it from `segmentAt` at the survey instant, or any ladder of
 * your own) and at most one answer (keep the latest). A row counts the segment's customers, its
 * respondents, their promoters (9-10), passives (7-8) and detractors (0-6), and their NPS (`null`
 * with no respondent, never a fake 0). Customers who did not answer count in `customers` only, so
 * `respondents / customers` is the segment's response rate. Answers from customers without a segment
 * are counted in `unsegmented` and left out. Nothing depends on the order of the inputs.
 *
 * @param segments - `{ customerId, segment }` per customer, or a `Map` from customer id to segment.
 * @param responses - `{ customerId, response }` per respondent, or a `Map` from customer id to answer.
 * @param options - Row order and which segments make advocates and at-risk fans.
 * @returns Rows per segment, the total, advocates, at-risk fans and the unsegmented count.
 * @throws {@link EngagekitError} `INVALID_OPTION` for a bad segment entry (a hole of a sparse
 * array included), a customer listed in two segments, or bad options; `INVALID_RESPONSE` (with
 * the index) for an answer that is not an integer 0..10, a missing customer id or a customer who
 * answered twice. `error.issues` lists every problem found, not only the first.
 *
 * @example
 * ```ts
 * import { npsCrossTab } from 'engagekit';
 *
 * const segments = [
 *   { customerId: 'ada', segment: 'high' },
 *   { customerId: 'bob', segment: 'high' },
 *   { customerId: 'cy', segment: 'low' },
 *   { customerId: 'dee', segment: 'disengaged' },
 * ];
 * const responses = [
 *   { customerId: 'ada', response: 10 },
 *   { customerId: 'cy', response: 9 },
 *   { customerId: 'dee', response: 2 },
 * ];
 * const table = npsCrossTab(segments, responses);
 * table.rows[0]; // => { segment: 'high', customers: 2, respondents: 1, promoters: 1,
 * //   passives: 0, detractors: 0, nps: 100 }
 * table.advocates; // => ['ada']
 * table.atRiskFans; // => ['cy']
 * table.total.nps; // => 33.333333333333336
 * ```
 * @category Survey
 */
export function npsCrossTab(
  segments: readonly CustomerSegment[] | ReadonlyMap<string, CustomerSegment['segment']>,
  responses: readonly CustomerNpsResponse[] | ReadonlyMap<string, number>,
  options: NpsCrossTabOptions = {},
): NpsCrossTab {
  const issues = issueList('npsCrossTab');
  const fields = readFields(issues, ['options'], options, {
    known: ['segmentOrder', 'advocateSegments', 'atRiskSegments'],
    optional: true,
  });
  const namesOf = (key: 'segmentOrder' | 'advocateSegments' | 'atRiskSegments') =>
    fields?.[key] === undefined ? undefined : readNames(issues, ['options', key], fields[key]);
  const order = namesOf('segmentOrder') ?? ['high', 'low', 'disengaged'];
  const advocateSegments = new Set(namesOf('advocateSegments') ?? ['high']);
  const atRiskSegments = new Set(namesOf('atRiskSegments') ?? ['low', 'disengaged']);

  const cells = new Map<string, Tally>();
  for (const segment of order) if (!cells.has(segment)) cells.set(segment, emptyTally());
  const listed = new Set(cells.keys());
  const segmentOf = new Map<string, string>();
  for (const { key, value, path, where } of entries(issues, segments, 'segments', 'segment')) {
    const inArray = typeof path[1] === 'number';
    let ok = true;
    if (typeof key !== 'string') {
      issues.add(
        [...path, 'customerId'],
        `must be a string, got ${describeValue(key)}`,
        inArray ? undefined : `${where}: the key`,
      );
      ok = false;
    }
    if (typeof value !== 'string') {
      issues.add(
        inArray ? [...path, 'segment'] : path,
        `must be a segment name (string), got ${describeValue(value)}`,
        inArray ? `${where}.segment` : where,
      );
      ok = false;
    }
    if (!ok) continue;
    const id = key as string;
    if (segmentOf.has(id)) {
      issues.add(
        [...path, 'customerId'],
        `${JSON.stringify(id)} is listed twice; give each customer one segment`,
        `${where}.customerId`,
      );
      continue;
    }
    segmentOf.set(id, value as string);
    let cell = cells.get(value as string);
    if (cell === undefined) {
      cell = emptyTally();
      cells.set(value as string, cell);
    }
    cell.customers++;
  }
  issues.throwIfAny('INVALID_OPTION');

  const total = emptyTally();
  total.customers = segmentOf.size;
  const advocates: string[] = [];
  const atRiskFans: string[] = [];
  const answered = new Set<string>();
  let unsegmented = 0;
  for (const { key, value, path, where } of entries(issues, responses, 'responses', 'response')) {
    const inArray = typeof path[1] === 'number';
    if (typeof key !== 'string') {
      issues.add(
        [...path, 'customerId'],
        `must be a string, got ${describeValue(key)}`,
        inArray ? undefined : `${where}: the key`,
      );
    }
    const problem = responseProblem(value, 0, 10);
    if (problem !== undefined) {
      issues.add(inArray ? [...path, 'response'] : path, problem);
    }
    if (typeof key !== 'string' || problem !== undefined) continue;
    const id = key;
    if (answered.has(id)) {
      issues.add(
        [...path, 'customerId'],
        `${JSON.stringify(id)} answered twice; keep one answer per customer (the latest)`,
        `${where}.customerId`,
      );
      continue;
    }
    answered.add(id);
    const segment = segmentOf.get(id);
    if (segment === undefined) {
      unsegmented++;
      continue;
    }
    const cell = cells.get(segment)!;
    const response = value as number;
    for (const target of [cell, total]) {
      target.respondents++;
      if (response >= 9) target.promoters++;
      else if (response >= 7) target.passives++;
      else target.detractors++;
    }
    if (response >= 9) {
      if (advocateSegments.has(segment)) advocates.push(id);
      if (atRiskSegments.has(segment)) atRiskFans.push(id);
    }
  }
  issues.throwIfAny('INVALID_RESPONSE');
  return {
    rows: [
      ...Array.from(listed),
      ...Array.from(cells.keys())
        .filter((segment) => !listed.has(segment))
        .sort(),
    ].map((segment) => ({ segment, ...finish(cells.get(segment)!) })),
    total: finish(total),
    advocates: advocates.sort(),
    atRiskFans: atRiskFans.sort(),
    unsegmented,
  };
}
