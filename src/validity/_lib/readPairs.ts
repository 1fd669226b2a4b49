import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';
import { issueList } from '../../errors/issueList.js';

/** Validated (score, outcome) pairs as columns, with both outcomes present. */
export interface Pairs {
  readonly values: Float64Array;
  /** 1 = the outcome happened. */
  readonly labels: Uint8Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Checks a predictor (finite numbers) and an outcome (booleans) of the same length, with at least
 * one `true` and one `false`; throws `INVALID_OPTION` listing every bad `predictor[i]` /
 * `outcome[i]`, or `EMPTY_INPUT`.
 */
export function readPairs(predictor: unknown, outcome: unknown, fn: string): Pairs {
  const issues = issueList(fn);
  if (!Array.isArray(predictor)) {
    issues.add(['predictor'], `must be an array of numbers, got ${describeValue(predictor)}`);
  }
  if (!Array.isArray(outcome)) {
    issues.add(['outcome'], `must be an array of booleans, got ${describeValue(outcome)}`);
  }
  if (Array.isArray(predictor) && Array.isArray(outcome) && predictor.length !== outcome.length) {
    issues.add(
      ['outcome'],
      `has ${outcome.length} values but predictor has ${predictor.length}; pass one outcome per score`,
    );
  }
  issues.throwIfAny('INVALID_OPTION');
  const scores = predictor as readonly unknown[];
  const flags = outcome as readonly unknown[];
  const n = scores.length;
  if (n === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: predictor and outcome are empty; pass at least one positive and one negative outcome`,
      ['predictor'],
    );
  }
  const values = new Float64Array(n);
  const labels = new Uint8Array(n);
  let positives = 0;
  // Every index is read, so a hole of a sparse array is reported as a missing value.
  for (let i = 0; i < n; i++) {
    const value: unknown = scores[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      issues.add(['predictor', i], `must be a finite number, got ${describeValue(value)}`);
    } else values[i] = value;
    const label: unknown = flags[i];
    if (typeof label !== 'boolean') {
      issues.add(['outcome', i], `must be true or false, got ${describeValue(label)}`);
    } else if (label) {
      labels[i] = 1;
      positives++;
    }
  }
  issues.throwIfAny('INVALID_OPTION');
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new EngagekitError(
      'EMPTY_INPUT',
      `${fn}: outcome is ${positives === 0 ? 'false' : 'true'} for all ${n} scores, so AUC is undefined; pass at least one positive and one negative outcome`,
      ['outcome'],
    );
  }
  return { values, labels, positives, negatives };
}
