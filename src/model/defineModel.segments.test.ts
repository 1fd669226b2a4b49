import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from './defineModel.js';
import { linear } from './linear.js';
import type { ModelDefinition } from './modelSchema.js';
import { parseModel } from './parseModel.js';

const behaviours = { purchase: { boost: 50, decay: linear({ days: 120 }) } };

describe('defineModel: segment ladders', () => {
  it('defaults to high 30 and low 10', () => {
    expect(defineModel({ behaviours }).segments).toEqual({ high: 30, low: 10 });
  });

  it('keeps a band on the default ladder', () => {
    expect(defineModel({ behaviours, segments: { high: 40, low: 5, band: 3 } }).segments).toEqual({
      high: 40,
      low: 5,
      band: 3,
    });
  });

  it('sorts the levels of a custom ladder from the highest min down', () => {
    const model = defineModel({
      behaviours,
      segments: {
        levels: [
          { name: 'casual', min: 10 },
          { name: 'champion', min: 80 },
          { name: 'active', min: 30 },
        ],
        below: 'dormant',
      },
    });
    expect(model.segments).toEqual({
      levels: [
        { name: 'champion', min: 80 },
        { name: 'active', min: 30 },
        { name: 'casual', min: 10 },
      ],
      below: 'dormant',
    });
  });

  it('a model with a custom ladder and a band survives a JSON round trip through parseModel', () => {
    const model = defineModel({
      behaviours,
      segments: { levels: [{ name: 'vip', min: 50 }], below: 'rest', band: 10 },
    });
    expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });
});

describe('defineModel: segment errors name the field', () => {
  const cases: [string, unknown, (string | number)[], RegExp][] = [
    ['high not above low', { high: 10, low: 30 }, ['segments', 'high'], /high must be greater/],
    ['a negative band', { high: 30, low: 10, band: -1 }, ['segments', 'band'], /band/],
    ['a band as wide as the gap', { high: 30, low: 10, band: 20 }, ['segments', 'band'], /band/],
    [
      'a duplicate name',
      { levels: [{ name: 'a', min: 10 }], below: 'a' },
      ['segments', 'levels', 0, 'name'],
      /used twice/,
    ],
    [
      'a duplicate min',
      {
        levels: [
          { name: 'a', min: 10 },
          { name: 'b', min: 10 },
        ],
        below: 'c',
      },
      ['segments', 'levels', 1, 'min'],
      /min 10 is used by two levels/,
    ],
    [
      'a band wider than a gap of the ladder',
      {
        levels: [
          { name: 'a', min: 10 },
          { name: 'b', min: 12 },
        ],
        below: 'c',
        band: 2,
      },
      ['segments', 'band'],
      /band must be smaller than the gap/,
    ],
    ['no levels', { levels: [], below: 'c' }, ['segments', 'levels'], /at least one level/],
    [
      'an empty name',
      { levels: [{ name: '', min: 1 }], below: 'c' },
      ['segments', 'levels', 0, 'name'],
      /must not be an empty string/,
    ],
  ];
  for (const [what, segments, path, message] of cases) {
    it(`rejects ${what} with INVALID_MODEL`, () => {
      const error = thrown(() =>
        defineModel({ behaviours, segments } as unknown as ModelDefinition),
      );
      expect(error.code).toBe('INVALID_MODEL');
      expect(error.path).toEqual(path);
      expect(error.message).toMatch(/^defineModel: segments/);
      expect(error.message).toMatch(message);
    });
  }
});
