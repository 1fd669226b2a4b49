import * as fc from 'fast-check';
import { type IssueList, issueList } from '../errors/issueList.js';
import { readFields } from '../errors/readFields.js';
import { readScale } from '../survey/_lib/surveyInput.js';
import { readLengths } from './_lib/readArbitraryOptions.js';

/**
 * Options of {@link npsResponsesArbitrary} and {@link csatResponsesArbitrary}.
 *
 * @category Testing
 */
export interface ResponsesArbitraryOptions {
  /** Fewest answers (default 1: metrics of an empty sample are an error, not a number). */
  readonly minLength?: number;
  /** Most answers (default 200, at least `minLength`, at most 1,000,000). */
  readonly maxLength?: number;
}

/** The sample sizes of a responses arbitrary, every problem recorded on `issues`. */
function readResponsesOptions(issues: IssueList, options: unknown) {
  const fields = readFields(issues, ['options'], options, {
    known: ['minLength', 'maxLength'],
    optional: true,
  });
  return fields === undefined
    ? undefined
    : readLengths(issues, fields.minLength, fields.maxLength, 1, 200);
}

/**
 * NPS answers: arrays of whole numbers 0..10, never empty by default.
 *
 * @param options - Sample sizes.
 * @returns An arbitrary of answer arrays `nps` accepts.
 * @throws `EngagekitError` `INVALID_OPTION` at the call (not when fast-check draws) for
 * options that are not an object, an unknown option, a size that is not a whole number from 0 to
 * 1,000,000 or `minLength > maxLength`; every problem is listed.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { nps } from 'engagekit';
 * import { npsResponsesArbitrary } from 'engagekit/testing';
 *
 * // Every NPS lies in [-100, 100].
 * fc.assert(
 *   fc.property(npsResponsesArbitrary(), (answers) => {
 *     const { score } = nps(answers);
 *     return score >= -100 && score <= 100;
 *   }),
 * );
 * fc.sample(npsResponsesArbitrary({ maxLength: 5 }), { numRuns: 50, seed: 2 }).every(
 *   (answers) => answers.length >= 1 && answers.every((answer) => Number.isInteger(answer) && answer >= 0 && answer <= 10),
 * ); // => true
 * ```
 * @category Testing
 */
export function npsResponsesArbitrary(
  options: ResponsesArbitraryOptions = {},
): fc.Arbitrary<number[]> {
  const issues = issueList('npsResponsesArbitrary');
  const lengths = readResponsesOptions(issues, options);
  issues.throwIfAny('INVALID_OPTION');
  return fc.array(fc.integer({ min: 0, max: 10 }), lengths!);
}

/**
 * CSAT (or CES) answers: arrays of whole numbers on a scale, never empty by default.
 *
 * @param scale - Lowest and highest answer (default `[1, 5]`).
 * @param options - Sample sizes.
 * @returns An arbitrary of answer arrays `csat` accepts with the same scale.
 * @throws `EngagekitError` `INVALID_OPTION` at the call (not when fast-check draws) for a
 * scale `csat` refuses (not two integers, lowest not below highest, more points than it takes)
 * and for the options {@link npsResponsesArbitrary} refuses; every problem is listed.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check';
 * import { csat } from 'engagekit';
 * import { csatResponsesArbitrary } from 'engagekit/testing';
 *
 * // The Wilson interval always contains the share of satisfied answers.
 * fc.assert(
 *   fc.property(csatResponsesArbitrary([1, 5]), (answers) => {
 *     const result = csat(answers);
 *     return result.interval.lower <= result.score && result.score <= result.interval.upper;
 *   }),
 * );
 * fc.sample(csatResponsesArbitrary([1, 7], { maxLength: 4 }), { numRuns: 50, seed: 4 }).flat().every(
 *   (answer) => answer >= 1 && answer <= 7,
 * ); // => true
 * ```
 * @category Testing
 */
export function csatResponsesArbitrary(
  scale: readonly [number, number] = [1, 5],
  options: ResponsesArbitraryOptions = {},
): fc.Arbitrary<number[]> {
  const issues = issueList('csatResponsesArbitrary');
  const [lowest, highest] = readScale(issues, ['scale'], scale) ?? [0, 0];
  const lengths = readResponsesOptions(issues, options);
  issues.throwIfAny('INVALID_OPTION');
  return fc.array(fc.integer({ min: lowest, max: highest }), lengths!);
}
