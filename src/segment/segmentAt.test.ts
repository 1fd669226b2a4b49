import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { explainScore } from './explainScore.js';
import { forecast } from './forecast.js';
import { scoreTimeline } from './scoreTimeline.js';
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

describe('segmentAt, explainScore and forecast: hostile input', () => {
  const huge = defineModel({
    behaviours: { whale: { boost: 1e308, decay: permanent() } },
    segments: { high: 30, low: 10, band: 5 },
  });
  const events = [
    { behaviour: 'whale', at: 0 },
    { behaviour: 'whale', at: 1 },
  ];

  it("throws OVERFLOW instead of calling a NaN score 'high' or 'disengaged'", () => {
    for (const [name, run] of [
      ['segmentAt', () => segmentAt(huge, events, 2)],
      ['explainScore', () => explainScore(huge, events, 2)],
      ['forecast', () => forecast(huge, events, 2)],
      ['scoreTimeline', () => scoreTimeline(huge, events, { from: 0, to: 2, step: 1 })],
    ] as const) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(isEngagekitError(caught, 'OVERFLOW'), name).toBe(true);
      expect((caught as Error).message.startsWith(`${name}: `)).toBe(true);
      expect(isEngagekitError(caught) && caught.path).toEqual(['events']);
    }
    // one whale is 1e308, a finite score
    expect(segmentAt(huge, events, 0)).toBe('high');
  });

  it('rejects null options with INVALID_OPTION, not a TypeError', () => {
    expect(() => segmentAt(huge, events, 0, null as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['options'] }),
    );
    expect(() => explainScore(huge, events, 0, null as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_OPTION', path: ['options'] }),
    );
  });
});
