import { describe, expect, it } from 'vitest';
import { EngagekitError } from './EngagekitError.js';
import { issueList } from './issueList.js';
import { readFields } from './readFields.js';

function problems(run: (issues: ReturnType<typeof issueList>) => unknown): EngagekitError {
  const issues = issueList('f');
  run(issues);
  try {
    issues.throwIfAny('INVALID_OPTION');
  } catch (error) {
    if (error instanceof EngagekitError) return error;
  }
  throw new Error('expected problems');
}

const rule = { known: ['days', 'asOf', 'mode'], required: ['days', 'asOf'] } as const;

describe('readFields', () => {
  it('returns the known fields given, and nothing for those left out', () => {
    const issues = issueList('f');
    expect(readFields(issues, ['options'], { days: [1], asOf: 0 }, rule)).toEqual({
      days: [1],
      asOf: 0,
    });
    expect(issues.count).toBe(0);
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    [7, '7'],
    ['x', '"x"'],
  ])('refuses %j as the object, showing the fields it takes', (input, shown) => {
    const error = problems((issues) =>
      expect(readFields(issues, ['options'], input, rule)).toBeUndefined(),
    );
    expect(error.path).toEqual(['options']);
    expect(error.message).toBe(`f: options must be an object { days, asOf, mode? }, got ${shown}`);
  });

  it('says a required object left out is required; an optional one reads as empty', () => {
    const error = problems((issues) => readFields(issues, ['options'], undefined, rule));
    expect(error.message).toBe('f: options is required: an object { days, asOf, mode? }');
    const issues = issueList('f');
    expect(readFields(issues, ['options'], undefined, { ...rule, optional: true })).toEqual({});
    expect(issues.count).toBe(0);
  });

  it('names every unknown field (a misspelt option) and the fields it takes', () => {
    const error = problems((issues) =>
      readFields(issues, ['options'], { dayz: [1], asOf: 0, mdoe: 'on' }, rule),
    );
    expect(error.issues).toEqual([
      {
        path: ['options'],
        message:
          'f: options has unknown fields "dayz", "mdoe"; check the spelling (the fields are days, asOf, mode)',
      },
    ]);
  });

  it('lets other fields through when not strict, and reads nothing from a prototype', () => {
    const issues = issueList('f');
    const input = Object.assign(Object.create({ mode: 'inherited' }), { days: [2], extra: 1 });
    expect(readFields(issues, ['a'], input, { ...rule, strict: false })).toEqual({ days: [2] });
    expect(issues.count).toBe(0);
  });
});
