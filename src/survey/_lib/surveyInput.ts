import { EngagekitError, type EngagekitErrorPath } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import type { IssueList, NumberRule } from '../../errors/issueList.js';
import type { NpsIntervalMethod } from '../NpsResult.js';

/** A confidence level: a probability strictly between 0 and 1. */
export const CONFIDENCE: NumberRule = {
  above: 0,
  below: 1,
  expected: 'between 0 and 1 (exclusive), e.g. 0.95',
};

/**
 * Reads a threshold on the scale `lowest..highest` (`satisfiedAtLeast`, `easyAtLeast`), recording
 * its problem on `issues`.
 */
export function readThreshold(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
  lowest: number,
  highest: number,
): number | undefined {
  const threshold = issues.number(path, value, {
    integer: true,
    expected: 'a whole number on the scale',
  });
  if (threshold === undefined || (threshold >= lowest && threshold <= highest)) return threshold;
  issues.add(path, `(${threshold}) must be on the scale ${lowest}..${highest}`);
  return undefined;
}

/** The NPS interval methods. */
export const NPS_METHODS: readonly NpsIntervalMethod[] = ['wald', 'adjustedWald'];

/** The most points a rating scale may have. */
const MAX_SCALE_POINTS = 1001;

// Number.MAX_SAFE_INTEGER written out: a bundler drops an unused constant only when it reads no
// property of a global.
const SCALE_END: NumberRule = {
  integer: true,
  min: -9_007_199_254_740_991,
  max: 9_007_199_254_740_991,
  expected: 'an integer within +-(2^53 - 1)',
};

/**
 * Reads an integer rating scale `[lowest, highest]` (lowest < highest, at most 1001 points),
 * recording its problems on `issues`; `undefined` when it has one.
 */
export function readScale(
  issues: IssueList,
  path: EngagekitErrorPath,
  value: unknown,
): readonly [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.add(
      path,
      `must be [lowest, highest], two integers such as [1, 5], got ${Array.isArray(value) ? `${value.length} values` : describeValue(value)}`,
    );
    return undefined;
  }
  const lowest = issues.number([...path, 0], value[0], SCALE_END);
  const highest = issues.number([...path, 1], value[1], SCALE_END);
  if (lowest === undefined || highest === undefined) return undefined;
  if (lowest >= highest) {
    issues.add(path, `must be [lowest, highest] with lowest < highest, e.g. [1, 5]`);
    return undefined;
  }
  if (highest - lowest + 1 > MAX_SCALE_POINTS) {
    issues.add(path, `must span at most ${MAX_SCALE_POINTS} points, got ${highest - lowest + 1}`);
    return undefined;
  }
  return [lowest, highest];
}

/**
 * What is wrong with one answer on `lowest..highest`, worded to follow its path; `undefined`
 * for an integer on the scale.
 */
export function responseProblem(
  response: unknown,
  lowest: number,
  highest: number,
): string | undefined {
  if (typeof response !== 'number') {
    return `must be a number, got ${describeValue(response)}${typeof response === 'string' ? '; convert strings with Number(...) first' : ''}`;
  }
  if (Number.isNaN(response)) return 'is NaN; drop missing answers before scoring';
  if (!Number.isInteger(response)) {
    return `is ${response}, not a whole number; answers on this scale are integers`;
  }
  if (response < lowest || response > highest) {
    return `is ${response}, outside the scale ${lowest}..${highest}`;
  }
  return undefined;
}

/**
 * Counts rating responses per scale point: `counts[k]` is the number of responses equal to
 * `lowest + k`. Every bad response is recorded on `issues` with its index (the caller throws
 * `INVALID_RESPONSE`); throws `EMPTY_INPUT` when there is none. Every index is read, so a sparse
 * array's holes are reported as missing answers.
 */
export function countResponses(
  issues: IssueList,
  responses: unknown,
  lowest: number,
  highest: number,
): Float64Array | undefined {
  if (!Array.isArray(responses)) {
    issues.add(
      ['responses'],
      `must be an array of numbers from ${lowest} to ${highest}, got ${describeValue(responses)}`,
    );
    return undefined;
  }
  if (responses.length === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${issues.fn}: responses is empty; pass at least one response (there is no score of nothing)`,
      ['responses'],
    );
  }
  const counts = new Float64Array(highest - lowest + 1);
  for (let i = 0; i < responses.length; i++) {
    const response: unknown = responses[i];
    if (
      typeof response === 'number' &&
      Number.isInteger(response) &&
      response >= lowest &&
      response <= highest
    ) {
      counts[response - lowest]!++;
    } else issues.add(['responses', i], responseProblem(response, lowest, highest)!);
  }
  return counts;
}

/**
 * Reads survey weights against the responses: one finite, non-negative number per response, not
 * all zero. Every bad weight is recorded on `issues` with its index (the caller throws
 * `INVALID_RESPONSE`); throws `EMPTY_INPUT` when every weight is 0.
 */
export function readWeights(
  issues: IssueList,
  weights: unknown,
  length: number,
): Float64Array | undefined {
  if (!Array.isArray(weights) || weights.length !== length) {
    issues.add(
      ['options', 'weights'],
      `must be an array with one weight per response (${length}), got ${Array.isArray(weights) ? `${weights.length} weights` : describeValue(weights)}`,
    );
    return undefined;
  }
  const read = new Float64Array(length);
  let positive = false;
  for (let i = 0; i < length; i++) {
    const weight: unknown = weights[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      issues.add(
        ['options', 'weights', i],
        `must be a finite number >= 0, got ${describeValue(weight)}`,
      );
      continue;
    }
    if (weight > 0) positive = true;
    read[i] = weight;
  }
  // With any problem (a bad answer too) the caller throws INVALID_RESPONSE with all of them.
  if (issues.count > 0) return undefined;
  if (!positive) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${issues.fn}: options.weights are all 0, so no response counts; give at least one a positive weight`,
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
