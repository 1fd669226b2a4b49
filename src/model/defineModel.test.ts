import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from './defineModel.js';
import { exponential } from './exponential.js';
import { linear } from './linear.js';
import type { ModelDefinition } from './modelSchema.js';
import { permanent } from './permanent.js';

const DAY = 86_400_000;

function rejection(definition: unknown): EngagekitError {
  try {
    defineModel(definition as ModelDefinition);
  } catch (error) {
    expect(error).toBeInstanceOf(EngagekitError);
    return error as EngagekitError;
  }
  return expect.unreachable('defineModel should have thrown');
}

describe('defineModel', () => {
  it('returns the article model with durations in milliseconds and default segments', () => {
    const model = defineModel({
      behaviours: {
        emailClick: { boost: 25, decay: linear({ days: 14 }) },
        purchase: { boost: 50, decay: linear({ days: 120 }) },
      },
    });
    expect(model).toEqual({
      behaviours: {
        emailClick: { boost: 25, decay: { kind: 'linear', duration: 14 * DAY } },
        purchase: { boost: 50, decay: { kind: 'linear', duration: 120 * DAY } },
      },
      segments: { high: 30, low: 10 },
      behaviourIds: ['emailClick', 'purchase'],
    });
  });

  it('accepts plain decay objects with date-fns durations', () => {
    const model = defineModel({
      behaviours: { visit: { boost: 5, decay: { kind: 'step', duration: { hours: 12 } } } },
    });
    expect(model.behaviours.visit?.decay).toEqual({ kind: 'step', duration: 12 * 3_600_000 });
  });

  it('returns a deeply frozen model', () => {
    const model = defineModel({
      behaviours: { signup: { boost: 10, decay: permanent() } },
      segments: { high: 40, low: 20 },
    });
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.behaviours.signup)).toBe(true);
    expect(Object.isFrozen(model.segments)).toBe(true);
    expect(Object.isFrozen(model.behaviourIds)).toBe(true);
  });

  it('keeps caps and negative boosts', () => {
    const model = defineModel({
      behaviours: {
        visit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
        complaint: { boost: -30, decay: linear({ days: 60 }) },
      },
    });
    expect(model.behaviours.visit?.cap).toBe(15);
    expect(model.behaviours.complaint?.boost).toBe(-30);
  });

  describe('rejects bad models with INVALID_MODEL and the path of the offending field', () => {
    const decay = { kind: 'linear', duration: 1000 };
    it.each([
      ['no behaviours', { behaviours: {} }, ['behaviours'], /at least one behaviour/],
      [
        'a missing boost',
        { behaviours: { a: { decay } } },
        ['behaviours', 'a', 'boost'],
        /required/,
      ],
      [
        'a NaN boost',
        { behaviours: { a: { boost: Number.NaN, decay } } },
        ['behaviours', 'a', 'boost'],
        /finite/,
      ],
      [
        'an infinite boost',
        { behaviours: { a: { boost: Number.POSITIVE_INFINITY, decay } } },
        ['behaviours', 'a', 'boost'],
        /finite/,
      ],
      [
        'a string boost',
        { behaviours: { a: { boost: '25', decay } } },
        ['behaviours', 'a', 'boost'],
        /finite number.*"25"/,
      ],
      [
        'an unknown decay kind',
        { behaviours: { a: { boost: 1, decay: { kind: 'sigmoid' } } } },
        ['behaviours', 'a', 'decay', 'kind'],
        /linear/,
      ],
      [
        'a negative duration',
        { behaviours: { a: { boost: 1, decay: { kind: 'step', duration: -1 } } } },
        ['behaviours', 'a', 'decay', 'duration'],
        /negative/,
      ],
      [
        'a negative duration unit',
        { behaviours: { a: { boost: 1, decay: { kind: 'step', duration: { days: -1 } } } } },
        ['behaviours', 'a', 'decay', 'duration', 'days'],
        /negative/,
      ],
      [
        'a negative cap',
        { behaviours: { a: { boost: 1, decay, cap: -1 } } },
        ['behaviours', 'a', 'cap'],
        /negative/,
      ],
      [
        'a misspelt field',
        { behaviours: { a: { boots: 1, boost: 1, decay } } },
        ['behaviours', 'a'],
        /"boots"/,
      ],
      [
        'high equal to low',
        { behaviours: { a: { boost: 1, decay } }, segments: { high: 10, low: 10 } },
        ['segments', 'high'],
        /greater than low/,
      ],
      [
        'high below low',
        { behaviours: { a: { boost: 1, decay } }, segments: { high: 5, low: 10 } },
        ['segments', 'high'],
        /greater than low/,
      ],
      [
        'a NaN threshold',
        { behaviours: { a: { boost: 1, decay } }, segments: { high: Number.NaN, low: 10 } },
        ['segments', 'high'],
        /finite/,
      ],
      [
        'an empty behaviour id',
        { behaviours: { '': { boost: 1, decay } } },
        ['behaviours', ''],
        /empty/,
      ],
      ['a model that is not an object (the whole input)', 42, ['input'], /object/],
    ])('%s', (_name, definition, path, message) => {
      const error = rejection(definition);
      expect(error.code).toBe('INVALID_MODEL');
      expect(error.path).toEqual(path);
      expect(error.message).toMatch(/^defineModel: /);
      expect(error.message).toMatch(message);
      const last = path.at(-1);
      if (typeof last === 'string' && last !== '') expect(error.message).toContain(last);
    });
  });
});
