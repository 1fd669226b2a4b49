import { EngagekitError } from '../errors/EngagekitError.js';
import { issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { npsSummary } from './_lib/npsSummary.js';
import { CONFIDENCE, NPS_METHODS } from './_lib/surveyInput.js';
import type { NpsResult } from './NpsResult.js';
import type { NpsOptions } from './nps.js';

/**
 * How many answers fell in each NPS category.
 *
 * @category Survey
 */
export interface NpsCounts {
  /** Answers 9-10. */
  readonly promoters: number;
  /** Answers 7-8. */
  readonly passives: number;
  /** Answers 0-6. */
  readonly detractors: number;
}

const COUNT = {
  integer: true,
  min: 0,
  max: 9_007_199_254_740_991, // Number.MAX_SAFE_INTEGER, as a literal a bundler can drop unused
  expected: 'a whole number of responses, 0 to 2^53 - 1',
};

/**
 * The Net Promoter Score of category counts, as {@link nps} computes it from the answers.
 *
 * @remarks
 * Same formula, interval and options as {@link nps} (weights aside: counts are unweighted).
 *
 * @param counts - Promoters, passives and detractors: whole numbers >= 0, not all 0.
 * @param options - Confidence level and interval method.
 * @returns The same result as {@link nps} of the answers.
 * @throws {@link EngagekitError} `INVALID_OPTION` for bad options; `INVALID_RESPONSE` for counts
 * that are not an object of three whole numbers from 0 to 2^53 - 1 (every bad one listed in
 * `error.issues`); `EMPTY_INPUT` when all are 0.
 *
 * @example
 * ```ts
 * import { npsFromCounts } from 'engagekit';
 *
 * const result = npsFromCounts({ promoters: 40, passives: 30, detractors: 30 });
 * result.score; // => 10
 * Number(result.marginOfError.toFixed(2)); // => 16.28
 * Number(result.interval.lower.toFixed(2)); // => -6.28
 * ```
 * @category Survey
 */
export function npsFromCounts(
  counts: NpsCounts,
  options: Omit<NpsOptions, 'weights'> = {},
): NpsResult {
  const issues = issueList('npsFromCounts');
  const fields = readFields(issues, ['options'], options, {
    known: ['confidence', 'method'],
    optional: true,
  });
  const confidence =
    fields?.confidence === undefined
      ? 0.95
      : issues.number(['options', 'confidence'], fields.confidence, CONFIDENCE);
  const method =
    fields?.method === undefined
      ? 'wald'
      : issues.oneOf(['options', 'method'], fields.method, NPS_METHODS);
  issues.throwIfAny('INVALID_OPTION');
  const given = readFields(issues, ['counts'], counts, {
    known: ['promoters', 'passives', 'detractors'],
    required: ['promoters', 'passives', 'detractors'],
  });
  const [promoters, passives, detractors] = (['promoters', 'passives', 'detractors'] as const).map(
    (key) => (given === undefined ? 0 : issues.number(['counts', key], given[key], COUNT)),
  ) as [number, number, number];
  issues.throwIfAny('INVALID_RESPONSE');
  const n = promoters + passives + detractors;
  if (n === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      'npsFromCounts: counts are all 0; an NPS needs at least one response',
      ['counts'],
    );
  }
  return npsSummary(
    {
      promoters,
      passives,
      detractors,
      promoterWeight: promoters,
      passiveWeight: passives,
      detractorWeight: detractors,
      effectiveSampleSize: n,
    },
    // Every problem was thrown above: the values read are all there.
    confidence!,
    method!,
  );
}
