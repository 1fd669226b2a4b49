import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { exponential } from '../model/exponential.js';
import { hasRules } from '../model/hasRules.js';
import { linear } from '../model/linear.js';
import { scoreAt } from '../score/scoreAt.js';
import { calendarDay } from '../time/calendarDay.js';
import { readOptions } from './readOptions.js';

describe('readOptions: the one reader of an options argument (issue 21)', () => {
  it('reads left-out options as {} and an object as itself', () => {
    expect(readOptions(undefined, 'f', '{ a: 1 }')).toEqual({});
    const options = { a: 1 };
    expect(readOptions(options, 'f', '{ a: 1 }')).toBe(options);
  });

  it.each([null, 5, 'days', true])(
    'refuses %s as options with INVALID_OPTION at options',
    (value) => {
      const error = thrown(() => readOptions(value, 'f', '{ a: 1 }'));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.path).toEqual(['options']);
      expect(error.message).toMatch(
        /^f: options must be an object such as \{ a: 1 \} or left out, got /,
      );
    },
  );

  it('linear, exponential, scoreAt and calendarDay refuse options = null with INVALID_OPTION, not a TypeError', () => {
    const calls: [string, () => unknown][] = [
      ['linear', () => linear({ days: 5 }, null as never)],
      ['exponential', () => exponential({ days: 5 }, null as never)],
      ['scoreAt', () => scoreAt(undefined as never, [], 0, null as never)],
      ['calendarDay', () => calendarDay(0, null as never)],
    ];
    for (const [name, call] of calls) {
      const error = thrown(call);
      expect(error.code, name).toMatch(/^INVALID_(OPTION|MODEL)$/);
      expect(error.message.startsWith(`${name}: `), error.message).toBe(true);
    }
    expect(thrown(() => exponential({ days: 5 }, null as never)).path).toEqual(['options']);
  });

  it('hasRules refuses a value that is not a model with INVALID_MODEL, not a TypeError', () => {
    const error = thrown(() => hasRules(0 as never));
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.path).toEqual(['model']);
    expect(error.message).toMatch(/^hasRules: /);
  });
});
