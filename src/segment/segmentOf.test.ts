import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { segmentAt } from './segmentAt.js';
import { segmentOf } from './segmentOf.js';

const model = defineModel({ behaviours: { signup: { boost: 10, decay: permanent() } } });

describe('segmentOf', () => {
  it('puts exactly 30 in high and exactly 10 in low (default thresholds)', () => {
    expect(segmentOf(model, 30)).toBe('high');
    expect(segmentOf(model, 10)).toBe('low');
  });

  it('puts scores just under a threshold in the segment below', () => {
    expect(segmentOf(model, 29.999999)).toBe('low');
    expect(segmentOf(model, 9.999999)).toBe('disengaged');
    expect(segmentOf(model, -40)).toBe('disengaged');
    expect(segmentOf(model, 1e9)).toBe('high');
  });

  it('uses the model thresholds', () => {
    const strict = defineModel({
      behaviours: { signup: { boost: 10, decay: permanent() } },
      segments: { high: 60, low: 0 },
    });
    expect(segmentOf(strict, 59)).toBe('low');
    expect(segmentOf(strict, 0)).toBe('low');
    expect(segmentOf(strict, -0.5)).toBe('disengaged');
  });

  it('rejects a score that is not a finite number with INVALID_OPTION naming score', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '30']) {
      expect(() => segmentOf(model, bad as number)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          path: ['score'],
          message: expect.stringContaining('score'),
        }),
      );
    }
  });
});

describe('segmentAt', () => {
  it('follows one purchase from high through low to disengaged', () => {
    const purchases = defineModel({
      behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
    });
    const day = 86_400_000;
    const events = [{ behaviour: 'purchase', at: 0 }];
    expect(segmentAt(purchases, events, 48 * day - 1)).toBe('high');
    expect(segmentAt(purchases, events, 48 * day)).toBe('high'); // exactly 30
    expect(segmentAt(purchases, events, 48 * day + 1)).toBe('low');
    expect(segmentAt(purchases, events, 96 * day)).toBe('low'); // exactly 10
    expect(segmentAt(purchases, events, 96 * day + 1)).toBe('disengaged');
  });
});
