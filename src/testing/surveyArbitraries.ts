import * as fc from 'fast-check';

/**
 * Options of {@link npsResponsesArbitrary} and {@link csatResponsesArbitrary}.
 *
 * @category Testing
 */
export interface ResponsesArbitraryOptions {
  /** Fewest answers (default 1: metrics of an empty sample are an error, not a number). */
  readonly minLength?: number;
  /** Most answers (default 200). */
  readonly maxLength?: number;
}

/**
 * NPS answers: arrays of whole numbers 0..10, never empty by default.
 *
 * @param options - Sample sizes.
 * @returns An arbitrary of answer arrays `nps` accepts.
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
  return fc.array(fc.integer({ min: 0, max: 10 }), {
    minLength: options.minLength ?? 1,
    maxLength: options.maxLength ?? 200,
  });
}

/**
 * CSAT (or CES) answers: arrays of whole numbers on a scale, never empty by default.
 *
 * @param scale - Lowest and highest answer (default `[1, 5]`).
 * @param options - Sample sizes.
 * @returns An arbitrary of answer arrays `csat` accepts with the same scale.
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
  return fc.array(fc.integer({ min: scale[0], max: scale[1] }), {
    minLength: options.minLength ?? 1,
    maxLength: options.maxLength ?? 200,
  });
}
