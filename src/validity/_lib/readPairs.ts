import { EngagekitError } from '../../errors/EngagekitError.js';
import { describeValue } from '../../errors/formatPath.js';

/** Validated (score, outcome) pairs as columns, with both outcomes present. */
export interface Pairs {
  readonly values: Float64Array;
  /** 1 = the outcome happened. */
  readonly labels: Uint8Array;
  readonly positives: number;
  readonly negatives: number;
}

function invalid(fn: string, path: readonly (string | number)[], message: string): never {
  throw new EngagekitError('INVALID_OPTION', `${fn}: ${message}`, path);
}

/**
 * Checks a predictor (finite numbers) and an outcome (booleans) of the same length, with at least
 * one `true` and one `false`; throws `INVALID_OPTION` naming `predictor[i]` / `outcome[i]`, or
 * `EMPTY_INPUT`.
 */
export function readPairs(predictor: unknown, outcome: unknown, fn: string): Pairs {
  if (!Array.isArray(predictor)) {
    invalid(
      fn,
      ['predictor'],
      `predictor must be an array of numbers, got ${describeValue(predictor)}`,
    );
  }
  if (!Array.isArray(outcome)) {
    invalid(fn, ['outcome'], `outcome must be an array of booleans, got ${describeValue(outcome)}`);
  }
  if (predictor.length !== outcome.length) {
    invalid(
      fn,
      ['outcome'],
      `outcome has ${outcome.length} values but predictor has ${predictor.length}; pass one outcome per score`,
    );
  }
  const n = predictor.length;
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
  for (let i = 0; i < n; i++) {
    const value: unknown = predictor[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      invalid(
        fn,
        ['predictor', i],
        `predictor[${i}] must be a finite number, got ${describeValue(value)}`,
      );
    }
    const label: unknown = outcome[i];
    if (typeof label !== 'boolean') {
      invalid(
        fn,
        ['outcome', i],
        `outcome[${i}] must be true or false, got ${describeValue(label)}`,
      );
    }
    values[i] = value;
    labels[i] = label ? 1 : 0;
    if (label) positives++;
  }
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
