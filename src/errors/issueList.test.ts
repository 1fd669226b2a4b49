import { describe, expect, it } from 'vitest';
import { EngagekitError } from './EngagekitError.js';
import { issueList, MAX_LISTED_ISSUES } from './issueList.js';

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}

describe('issueList', () => {
  it('throws nothing while no problem is recorded', () => {
    const issues = issueList('nps');
    expect(
      issues.number(['options', 'confidence'], 0.9, { above: 0, below: 1, expected: 'x' }),
    ).toBe(0.9);
    expect(issues.oneOf(['options', 'method'], 'wald', ['wald', 'adjustedWald'])).toBe('wald');
    expect(() => issues.throwIfAny('INVALID_OPTION')).not.toThrow();
    expect(issues.count).toBe(0);
  });

  it('reports every problem in one error, each with its path, the first as the error itself', () => {
    const issues = issueList('nps');
    const rule = { above: 0, below: 1, expected: 'a confidence level between 0 and 1' };
    expect(issues.number(['options', 'confidence'], 1, rule)).toBeUndefined();
    expect(issues.oneOf(['options', 'method'], 'wilson', ['wald', 'adjustedWald'])).toBeUndefined();
    issues.add(['options', 'weights', 2], 'must be >= 0');
    const error = caught(() => issues.throwIfAny('INVALID_OPTION'));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'confidence']);
    expect(error.issues).toEqual([
      {
        path: ['options', 'confidence'],
        message: 'nps: options.confidence must be a confidence level between 0 and 1, got 1',
      },
      {
        path: ['options', 'method'],
        message: `nps: options.method must be 'wald' or 'adjustedWald', got "wilson"`,
      },
      { path: ['options', 'weights', 2], message: 'nps: options.weights[2] must be >= 0' },
    ]);
    expect(error.message).toMatch(/^nps: options\.confidence must be .* \(and 2 more problems: /);
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [1.5, '1.5'],
    [-1, '-1'],
    [11, '11'],
    ['3', '"3" (a string; convert it with Number(...) first)'],
    [null, 'null'],
  ])('refuses %s as a whole number from 0 to 10', (value, shown) => {
    const issues = issueList('f');
    const rule = { integer: true, min: 0, max: 10, expected: 'a whole number from 0 to 10' };
    expect(issues.number(['n'], value, rule)).toBeUndefined();
    expect(caught(() => issues.throwIfAny('INVALID_OPTION')).message).toBe(
      `f: n must be a whole number from 0 to 10, got ${shown}`,
    );
  });

  it('says a missing value is required, and keeps exclusive bounds exclusive', () => {
    const issues = issueList('f');
    expect(
      issues.number(['options', 'asOf'], undefined, { expected: 'an instant' }),
    ).toBeUndefined();
    expect(issues.number(['x'], 0, { above: 0, expected: 'more than 0' })).toBeUndefined();
    expect(issues.number(['y'], 1, { below: 1, expected: 'less than 1' })).toBeUndefined();
    expect(
      issues.oneOf(['options', 'period'], undefined, ['day', 'week', 'month']),
    ).toBeUndefined();
    expect(caught(() => issues.throwIfAny('INVALID_OPTION')).issues.map((i) => i.message)).toEqual([
      'f: options.asOf is required: an instant',
      'f: x must be more than 0, got 0',
      'f: y must be less than 1, got 1',
      `f: options.period is required: 'day', 'week' or 'month'`,
    ]);
  });

  it(`lists the first ${MAX_LISTED_ISSUES} problems and counts the rest in one last issue`, () => {
    const issues = issueList('nps');
    for (let i = 0; i < 250; i++) issues.add(['responses', i], 'is 12, outside the scale 0..10');
    const error = caught(() => issues.throwIfAny('INVALID_RESPONSE'));
    expect(issues.count).toBe(250);
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.issues.at(-1)).toEqual({
      path: ['responses'],
      message: 'nps: 150 more problems not listed',
    });
  });

  it('takes problems already worded, such as those of an error another reader threw', () => {
    const issues = issueList('retention');
    issues.push({ path: ['options', 'asOf'], message: 'retention: options.asOf must be a point' });
    issues.add(['options', 'days'], 'must list at least one day');
    expect(issues.count).toBe(2);
    const error = caught(() => issues.throwIfAny('INVALID_OPTION'));
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'retention: options.asOf must be a point',
      'retention: options.days must list at least one day',
    ]);
  });

  it('runs a throwing reader, keeping its value or its problems; other errors pass through', () => {
    const issues = issueList('f');
    expect(issues.attempt(() => 7)).toBe(7);
    const thrown = new EngagekitError('INVALID_OPTION', 'f: options.asOf must be a point', [
      'options',
      'asOf',
    ]);
    expect(
      issues.attempt(() => {
        throw thrown;
      }),
    ).toBeUndefined();
    expect(issues.count).toBe(1);
    expect(() =>
      issues.attempt(() => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
    expect(caught(() => issues.throwIfAny('INVALID_OPTION')).issues).toEqual(thrown.issues);
  });

  it('renders a location given in words instead of the path', () => {
    const issues = issueList('npsCrossTab');
    issues.add(['segments', 'ann'], 'must be a segment name', 'segments.get("ann")');
    const error = caught(() => issues.throwIfAny('INVALID_OPTION'));
    expect(error.message).toBe('npsCrossTab: segments.get("ann") must be a segment name');
    expect(error.path).toEqual(['segments', 'ann']);
  });
});
