import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { segmentAt } from './segmentAt.js';

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
