import * as z from 'zod';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue, formatPath } from '../../errors/formatPath.js';

/** The zod schema of a confidence level: a probability strictly between 0 and 1. */
export const confidenceSchema = z
  .number({ error: 'must be a confidence level such as 0.95' })
  .gt(0, { error: 'must be between 0 and 1 (exclusive), e.g. 0.95' })
  .lt(1, { error: 'must be between 0 and 1 (exclusive), e.g. 0.95' });

/** The zod schema of an integer rating scale `[lowest, highest]`. */
export const scaleSchema = z
  .tuple(
    [
      z.number().int({ error: 'must be an integer' }),
      z.number().int({ error: 'must be an integer' }),
    ],
    {
      error: 'must be [lowest, highest], two integers such as [1, 5]',
    },
  )
  .refine(([lowest, highest]) => lowest < highest, {
    error: 'must be [lowest, highest] with lowest < highest, e.g. [1, 5]',
  })
  .refine(([lowest, highest]) => highest - lowest <= 1000, {
    error: 'must span at most 1001 points',
  });

/**
 * Validates rating responses and counts them per scale point: `counts[k]` is the number of
 * responses equal to `lowest + k`. Throws `INVALID_RESPONSE` with the index of the first bad one,
 * `EMPTY_INPUT` when there is none.
 */
export function countResponses(
  fn: string,
  responses: unknown,
  lowest: number,
  highest: number,
): Float64Array {
  if (!Array.isArray(responses)) {
    throw new EngagekitError(
      'INVALID_RESPONSE',
      `${fn}: responses must be an array of numbers from ${lowest} to ${highest}, got ${describeValue(responses)}`,
      ['responses'],
    );
  }
  if (responses.length === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: responses is empty; pass at least one response (there is no score of nothing)`,
      ['responses'],
    );
  }
  const counts = new Float64Array(highest - lowest + 1);
  for (let i = 0; i < responses.length; i++) {
    const response: unknown = responses[i];
    checkResponse(fn, response, lowest, highest, ['responses', i]);
    counts[(response as number) - lowest]!++;
  }
  return counts;
}

/** Throws `INVALID_RESPONSE` unless `response` is an integer in `lowest..highest`. */
export function checkResponse(
  fn: string,
  response: unknown,
  lowest: number,
  highest: number,
  path: readonly (string | number)[],
): void {
  if (
    typeof response === 'number' &&
    Number.isInteger(response) &&
    response >= lowest &&
    response <= highest
  ) {
    return;
  }
  const where = formatPath(path);
  const problem =
    typeof response !== 'number'
      ? `must be a number, got ${describeValue(response)}${typeof response === 'string' ? '; convert strings with Number(...) first' : ''}`
      : Number.isNaN(response)
        ? 'is NaN; drop missing answers before scoring'
        : !Number.isInteger(response)
          ? `is ${response}, not a whole number; answers on this scale are integers`
          : `is ${response}, outside the scale ${lowest}..${highest}`;
  throw new EngagekitError('INVALID_RESPONSE', `${fn}: ${where} ${problem}`, path);
}

/**
 * Validates survey weights against the responses: one finite, non-negative number per response,
 * not all zero. Throws `INVALID_RESPONSE` with the index of the first bad weight.
 */
export function readWeights(fn: string, weights: unknown, length: number): Float64Array {
  if (!Array.isArray(weights) || weights.length !== length) {
    throw new EngagekitError(
      'INVALID_RESPONSE',
      `${fn}: options.weights must be an array with one weight per response (${length}), got ${Array.isArray(weights) ? `${weights.length} weights` : describeValue(weights)}`,
      ['options', 'weights'],
    );
  }
  const read = new Float64Array(length);
  let positive = false;
  for (let i = 0; i < length; i++) {
    const weight: unknown = weights[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new EngagekitError(
        'INVALID_RESPONSE',
        `${fn}: options.weights[${i}] must be a finite number >= 0, got ${describeValue(weight)}`,
        ['options', 'weights', i],
      );
    }
    if (weight > 0) positive = true;
    read[i] = weight;
  }
  if (!positive) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: options.weights are all 0, so no response counts; give at least one a positive weight`,
      ['options', 'weights'],
    );
  }
  return read;
}

/** `[max(lowest, value - margin), min(highest, value + margin)]` as `{ lower, upper }`. */
export function clampedInterval(
  centre: number,
  margin: number,
  lowest: number,
  highest: number,
): { lower: number; upper: number } {
  return {
    lower: Math.min(highest, Math.max(lowest, centre - margin)),
    upper: Math.max(lowest, Math.min(highest, centre + margin)),
  };
}

/** The zod schema of an NPS interval method. */
export const methodSchema = z.enum(['wald', 'adjustedWald'], {
  error: "must be 'wald' or 'adjustedWald'",
});

/** The zod schema of the options of `nps` (weights are checked by hand, see {@link readWeights}). */
export const npsOptionsSchema = z.strictObject({
  confidence: confidenceSchema.optional(),
  method: methodSchema.optional(),
  weights: z.unknown().optional(),
});
