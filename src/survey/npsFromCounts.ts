import * as z from 'zod';
import { EngagekitError } from '../errors/EngagekitError.js';
import { parseWith } from '../errors/zodIssues.js';
import { npsSummary } from './_lib/npsSummary.js';
import { npsOptionsSchema } from './_lib/surveyInput.js';
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

const count = z
  .number({ error: 'must be a whole number of responses' })
  .int({ error: 'must be a whole number of responses' })
  .min(0, { error: 'must not be negative' });

const countsSchema = z.strictObject({ promoters: count, passives: count, detractors: count });

/**
 * The Net Promoter Score of category counts, as {@link nps} computes it from the answers.
 *
 * @remarks
 * Same formula, interval and options as {@link nps} (weights aside: counts are unweighted).
 *
 * @param counts - Promoters, passives and detractors: whole numbers >= 0, not all 0.
 * @param options - Confidence level and interval method.
 * @returns The same result as {@link nps} of the answers.
 * @throws {@link EngagekitError} `INVALID_RESPONSE` for a count that is not a whole number >= 0,
 * `EMPTY_INPUT` when all are 0, `INVALID_OPTION` for bad options.
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
  const { promoters, passives, detractors } = parseWith(countsSchema, counts, {
    fn: 'npsFromCounts',
    code: 'INVALID_RESPONSE',
    path: ['counts'],
  });
  const parsed = parseWith(npsOptionsSchema.omit({ weights: true }), options, {
    fn: 'npsFromCounts',
    code: 'INVALID_OPTION',
    path: ['options'],
  });
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
    parsed.confidence ?? 0.95,
    parsed.method ?? 'wald',
  );
}
