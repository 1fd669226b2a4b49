import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { scoreAt } from '../score/scoreAt.js';
import { scoreTimeline } from './scoreTimeline.js';

const DAY = 86_400_000;
const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
});
const events = [{ behaviour: 'purchase', at: 0 }];

describe('scoreTimeline', () => {
  it('samples from, from + step, ... up to to, with segments (one purchase: 50, 25, 0)', () => {
    expect(scoreTimeline(model, events, { from: 0, to: 120 * DAY, step: { days: 60 } })).toEqual([
      { at: 0, score: 50, segment: 'high' },
      { at: 60 * DAY, score: 25, segment: 'low' },
      { at: 120 * DAY, score: 0, segment: 'disengaged' },
    ]);
  });

  it('agrees with scoreAt at every point, events before from included', () => {
    const timeline = scoreTimeline(model, [...events, { behaviour: 'purchase', at: 50 * DAY }], {
      from: new Date(10 * DAY),
      to: new Date(100 * DAY),
      step: 7 * DAY,
    });
    expect(timeline).toHaveLength(13);
    for (const point of timeline) {
      expect(point.score).toBe(
        scoreAt(model, [...events, { behaviour: 'purchase', at: 50 * DAY }], point.at),
      );
    }
  });

  it('stops at the last whole step before to', () => {
    expect(
      scoreTimeline(model, events, { from: 0, to: 10, step: 4 }).map((point) => point.at),
    ).toEqual([0, 4, 8]);
  });

  it.each([
    ['to before from', { from: 10, to: 0, step: 1 }, ['options', 'to']],
    ['a zero step', { from: 0, to: 10, step: 0 }, ['options', 'step']],
    ['a negative step', { from: 0, to: 10, step: -1 }, ['options', 'step']],
    ['too many points', { from: 0, to: 1e9, step: 1 }, ['options', 'step']],
    ['a NaN from', { from: Number.NaN, to: 10, step: 1 }, ['options', 'from']],
  ])('rejects %s with INVALID_OPTION naming the option', (_name, options, path) => {
    expect(() => scoreTimeline(model, events, options)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        path,
        message: expect.stringContaining(`options.${path[1]}`),
      }),
    );
  });
});
