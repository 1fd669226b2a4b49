import { EngagekitError } from '../errors/EngagekitError.js';
import { responseProblem } from './_lib/surveyInput.js';

/**
 * The NPS category of an answer: `'promoter'` (9-10), `'passive'` (7-8) or `'detractor'` (0-6).
 *
 * @category Survey
 */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/**
 * The NPS category of one 0-10 answer.
 *
 * @remarks
 * 9 and 10 are promoters, 7 and 8 passives, 0 to 6 detractors (Reichheld, 2003, "The One Number
 * You Need to Grow", Harvard Business Review).
 *
 * @param response - An integer 0..10.
 * @returns Its category.
 * @throws {@link EngagekitError} `INVALID_RESPONSE` when `response` is not an integer 0..10.
 *
 * @example
 * ```ts
 * import { npsCategory } from 'engagekit';
 *
 * npsCategory(10); // => 'promoter'
 * npsCategory(7); // => 'passive'
 * npsCategory(6); // => 'detractor'
 * ```
 * @category Survey
 */
export function npsCategory(response: number): NpsCategory {
  const problem = responseProblem(response, 0, 10);
  if (problem !== undefined) {
    throw new EngagekitError('INVALID_RESPONSE', `npsCategory: response ${problem}`, ['response']);
  }
  return response >= 9 ? 'promoter' : response >= 7 ? 'passive' : 'detractor';
}
