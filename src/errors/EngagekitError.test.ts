import { describe, expect, it } from 'vitest';
import { EngagekitError, isEngagekitError } from './EngagekitError.js';

/** An error as another copy of the package (its other build) makes it: another class, same brand. */
function fromAnotherCopy(code: string): Error {
  const error = new Error('scoreAt: bad');
  Object.defineProperty(error, Symbol.for('engagekit.error'), { value: true });
  return Object.assign(error, { name: 'EngagekitError', code, path: [], issues: [] });
}

describe('EngagekitError brand', () => {
  it('every instance carries the brand Symbol.for("engagekit.error"), not enumerable', () => {
    const error = new EngagekitError('INVALID_OPTION', 'x: bad');
    expect((error as unknown as Record<symbol, unknown>)[Symbol.for('engagekit.error')]).toBe(true);
    expect(Object.getOwnPropertyDescriptor(error, Symbol.for('engagekit.error'))?.enumerable).toBe(
      false,
    );
    expect(JSON.parse(JSON.stringify({ ...error }))).toEqual({
      code: 'INVALID_OPTION',
      path: [],
      issues: [{ path: [], message: 'x: bad' }],
      name: 'EngagekitError',
    });
  });

  it('isEngagekitError and instanceof accept an error of another copy of the package by its brand', () => {
    const foreign = fromAnotherCopy('INVALID_MODEL');
    expect(isEngagekitError(foreign)).toBe(true);
    expect(isEngagekitError(foreign, 'INVALID_MODEL')).toBe(true);
    expect(isEngagekitError(foreign, 'INVALID_EVENT')).toBe(false);
    expect(foreign instanceof EngagekitError).toBe(true);
  });

  it('rejects look-alikes without the brand: same name and code, or a brand that is not true', () => {
    const lookAlike = Object.assign(new Error('x'), {
      name: 'EngagekitError',
      code: 'INVALID_MODEL',
    });
    expect(isEngagekitError(lookAlike)).toBe(false);
    expect(lookAlike instanceof EngagekitError).toBe(false);
    expect(isEngagekitError({ [Symbol.for('engagekit.error')]: 'yes' })).toBe(false);
    for (const value of [null, undefined, 0, 'EngagekitError', new TypeError('x')]) {
      expect(isEngagekitError(value)).toBe(false);
      expect(value instanceof EngagekitError).toBe(false);
    }
  });
});
