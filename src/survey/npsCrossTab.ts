import * as z from 'zod';
import { EngagekitError } from '../errors/EngagekitError.js';
import { describeValue } from '../errors/formatPath.js';
import { parseWith } from '../errors/zodIssues.js';
import { checkResponse } from './_lib/surveyInput.js';

/**
 * An engagement segment's name: `'high'`, `'low'`, `'disengaged'` or a custom ladder's name (the
 * same names as the model's `Segment`; survey metrics do not depend on the model).
 */
type SegmentName = 'high' | 'low' | 'disengaged' | (string & {});

/**
 * A customer's engagement segment, e.g. from `segmentAt`. Any segment name is accepted, so custom
 * ladders work too.
 *
 * @category Survey
 */
export interface CustomerSegment {
  readonly customerId: string;
  readonly segment: SegmentName;
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

const names = z.array(z.string({ error: 'must be a segment name' }), {
  error: 'must be an array of segment names',
});
const optionsSchema = z.strictObject({
  segmentOrder: names.optional(),
  advocateSegments: names.optional(),
  atRiskSegments: names.optional(),
});

type Entries = { key: unknown; value: unknown; path: (string | number)[] }[];

function entries(
  input: unknown,
  argument: string,
  valueField: string,
  code: 'INVALID_OPTION' | 'INVALID_RESPONSE',
): Entries {
  if (input instanceof Map) {
    return Array.from(input, ([key, value]) => ({
      key,
      value,
      path: [argument, String(key)],
    }));
  }
  if (!Array.isArray(input)) {
    throw new EngagekitError(
      code,
      `npsCrossTab: ${argument} must be an array of { customerId, ${valueField} } or a Map, got ${describeValue(input)}`,
      [argument],
    );
  }
  return input.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object') {
      throw new EngagekitError(
        code,
        `npsCrossTab: ${argument}[${index}] must be an object { customerId, ${valueField} }, got ${describeValue(item)}`,
        [argument, index],
      );
    }
    const record = item as Record<string, unknown>;
    return { key: record.customerId, value: record[valueField], path: [argument, index] };
  });
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
 * @throws {@link EngagekitError} `INVALID_RESPONSE` (with the index) for an answer that is not an
 * integer 0..10, a missing customer id or a customer who answered twice; `INVALID_OPTION` for a bad
 * segment entry, a customer listed in two segments, or bad options.
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
  segments: readonly CustomerSegment[] | ReadonlyMap<string, SegmentName>,
  responses: readonly CustomerNpsResponse[] | ReadonlyMap<string, number>,
  options: NpsCrossTabOptions = {},
): NpsCrossTab {
  const parsed = parseWith(optionsSchema, options, {
    fn: 'npsCrossTab',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
  const order = parsed.segmentOrder ?? ['high', 'low', 'disengaged'];
  const advocateSegments = new Set(parsed.advocateSegments ?? ['high']);
  const atRiskSegments = new Set(parsed.atRiskSegments ?? ['low', 'disengaged']);

  const cells = new Map<string, Tally>();
  for (const segment of order) if (!cells.has(segment)) cells.set(segment, emptyTally());
  const listed = new Set(cells.keys());
  const segmentOf = new Map<string, string>();
  for (const { key, value, path } of entries(segments, 'segments', 'segment', 'INVALID_OPTION')) {
    if (typeof key !== 'string') {
      throw new EngagekitError(
        'INVALID_OPTION',
        `npsCrossTab: ${describePath(path)}.customerId must be a string, got ${describeValue(key)}`,
        [...path, 'customerId'],
      );
    }
    if (typeof value !== 'string') {
      const field = typeof path[1] === 'number' ? [...path, 'segment'] : path;
      throw new EngagekitError(
        'INVALID_OPTION',
        `npsCrossTab: ${describePath(path)}${field === path ? '' : '.segment'} must be a segment name (string), got ${describeValue(value)}`,
        field,
      );
    }
    if (segmentOf.has(key)) {
      throw new EngagekitError(
        'INVALID_OPTION',
        `npsCrossTab: ${describePath(path)}.customerId ${JSON.stringify(key)} is listed twice; give each customer one segment`,
        [...path, 'customerId'],
      );
    }
    segmentOf.set(key, value);
    let cell = cells.get(value);
    if (cell === undefined) {
      cell = emptyTally();
      cells.set(value, cell);
    }
    cell.customers++;
  }

  const total = emptyTally();
  total.customers = segmentOf.size;
  const advocates: string[] = [];
  const atRiskFans: string[] = [];
  const answered = new Set<string>();
  let unsegmented = 0;
  for (const { key, value, path } of entries(
    responses,
    'responses',
    'response',
    'INVALID_RESPONSE',
  )) {
    if (typeof key !== 'string') {
      throw new EngagekitError(
        'INVALID_RESPONSE',
        `npsCrossTab: ${describePath(path)}.customerId must be a string, got ${describeValue(key)}`,
        [...path, 'customerId'],
      );
    }
    checkResponse(
      'npsCrossTab',
      value,
      0,
      10,
      typeof path[1] === 'number' ? [...path, 'response'] : path,
    );
    if (answered.has(key)) {
      throw new EngagekitError(
        'INVALID_RESPONSE',
        `npsCrossTab: ${describePath(path)}.customerId ${JSON.stringify(key)} answered twice; keep one answer per customer (the latest)`,
        [...path, 'customerId'],
      );
    }
    answered.add(key);
    const segment = segmentOf.get(key);
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
      if (advocateSegments.has(segment)) advocates.push(key);
      if (atRiskSegments.has(segment)) atRiskFans.push(key);
    }
  }
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

function describePath(path: readonly (string | number)[]): string {
  return typeof path[1] === 'number'
    ? `${path[0]}[${path[1]}]`
    : `${path[0]}.get(${JSON.stringify(path[1])})`;
}
