import { describe, expect, it } from 'vitest';
import { EngagekitError } from './EngagekitError.js';
import { errorOfIssues } from './errorOfIssues.js';

describe('errorOfIssues', () => {
  it('keeps every problem in issues, names the first in path and message and the others after it', () => {
    const error = errorOfIssues('INVALID_OPTION', [
      { path: ['options', 'confidence'], message: 'nps: options.confidence must be below 1' },
      { path: ['options', 'method'], message: "nps: options.method must be 'wald'" },
      { path: ['options', 'weights', 2], message: 'nps: options.weights[2] must be >= 0' },
    ]);
    expect(error).toBeInstanceOf(EngagekitError);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'confidence']);
    expect(error.message).toBe(
      "nps: options.confidence must be below 1 (and 2 more problems: options.method must be 'wald'; options.weights[2] must be >= 0)",
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'confidence'],
      ['options', 'method'],
      ['options', 'weights', 2],
    ]);
  });

  it('with one problem, the message is that problem alone', () => {
    const error = errorOfIssues('INVALID_EVENT', [
      { path: ['events', 0, 'at'], message: 'scoreAt: events[0].at must be an instant' },
    ]);
    expect(error.message).toBe('scoreAt: events[0].at must be an instant');
    expect(error.issues).toEqual([
      { path: ['events', 0, 'at'], message: 'scoreAt: events[0].at must be an instant' },
    ]);
  });

  it('an error built directly carries itself as its one issue, frozen', () => {
    const error = new EngagekitError('INVALID_OPTION', 'x: bad', ['options']);
    expect(error.issues).toEqual([{ path: ['options'], message: 'x: bad' }]);
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(Object.isFrozen(error.issues[0]!.path)).toBe(true);
  });
});
