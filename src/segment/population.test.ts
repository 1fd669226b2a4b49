import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { atRisk } from './atRisk.js';
import { scorePopulation } from './scorePopulation.js';
import { segmentCounts } from './segmentCounts.js';
import { segmentFlows } from './segmentFlows.js';

const day = 86_400_000;

const model = defineModel({
  behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
});
// By hand, one purchase of +50 over 120 days is worth 50 (1 - d / 120) at age d days: high until
// day 48, low until day 96.
const events = [
  { customerId: 'cy', behaviour: 'purchase', at: -100 * day },
  { customerId: 'ann', behaviour: 'purchase', at: 0 },
  { customerId: 'bo', behaviour: 'purchase', at: -4 * day },
  { customerId: 'bo', behaviour: 'purchase', at: 50 * day },
  { customerId: 'di', behaviour: 'purchase', at: 30 * day },
];

describe('scorePopulation', () => {
  it('scores every customer, sorted by customerId', () => {
    // at day 40: ann 50 (1 - 40/120) = 33.33, bo 50 (1 - 44/120) = 31.67, cy age 140: 0, di 45.83
    const rows = scorePopulation(model, events, 40 * day);
    expect(rows.map((row) => row.customerId)).toEqual(['ann', 'bo', 'cy', 'di']);
    expect(rows.map((row) => row.segment)).toEqual(['high', 'high', 'disengaged', 'high']);
    expect(rows[0]?.score).toBeCloseTo(100 / 3, 12);
    expect(rows[1]?.score).toBeCloseTo(95 / 3, 12);
    expect(rows[2]?.score).toBe(0);
  });

  it('lists with score 0 a customer whose events are all ignored or after the instant', () => {
    const rows = scorePopulation(
      model,
      [
        { customerId: 'ann', behaviour: 'purchase', at: 0 },
        { customerId: 'zed', behaviour: 'newsletter', at: 0 },
        { customerId: 'yul', behaviour: 'purchase', at: 10 * day },
      ],
      0,
      { unknownBehaviour: 'ignore' },
    );
    expect(rows).toEqual([
      { customerId: 'ann', score: 50, segment: 'high' },
      { customerId: 'yul', score: 0, segment: 'disengaged' },
      { customerId: 'zed', score: 0, segment: 'disengaged' },
    ]);
  });

  it('gives no rows for no events', () => {
    expect(scorePopulation(model, [], 0)).toEqual([]);
  });

  it('rejects an event without a customerId with INVALID_EVENT naming events[i].customerId', () => {
    const error = thrown(() =>
      scorePopulation(model, [...events, { behaviour: 'purchase', at: 0 }], 0),
    );
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.path).toEqual(['events', 5, 'customerId']);
    expect(error.message).toMatch(/^scorePopulation: events\[5\]\.customerId must be/);
  });
});

describe('segmentCounts', () => {
  it('counts every segment of the ladder and its share', () => {
    expect(segmentCounts(model, events, 40 * day)).toEqual({
      total: 4,
      counts: { high: 3, low: 0, disengaged: 1 },
      shares: { high: 0.75, low: 0, disengaged: 0.25 },
    });
  });

  it('uses the names of a custom ladder', () => {
    const tiers = defineModel({
      behaviours: model.behaviours,
      segments: { levels: [{ name: 'gold', min: 40 }], below: 'other' },
    });
    // at day 40 only di (45.83) reaches 40
    expect(segmentCounts(tiers, events, 40 * day).counts).toEqual({ gold: 1, other: 3 });
  });

  it('counts no customer, with shares of 0, when there are no events', () => {
    expect(segmentCounts(model, [], 0)).toEqual({
      total: 0,
      counts: { high: 0, low: 0, disengaged: 0 },
      shares: { high: 0, low: 0, disengaged: 0 },
    });
  });

  it('counts a customer whose every event is ignored in the segment of a score of 0', () => {
    const ignored = [{ customerId: 'zed', behaviour: 'unknown', at: 0 }];
    expect(segmentCounts(model, ignored, 0, { unknownBehaviour: 'ignore' }).counts).toEqual({
      high: 0,
      low: 0,
      disengaged: 1,
    });
  });
});

describe('segmentFlows', () => {
  it('moves each customer from their segment at from to their segment at to', () => {
    // day 40 -> day 60: ann high -> low (25); bo high -> high (the first purchase at age 64 is
    // 23.33, the one of day 50 at age 10 is 45.83: 69.17); cy disengaged -> disengaged; di high ->
    // high (50 (1 - 30 / 120) = 37.5)
    const flows = segmentFlows(model, events, { from: 40 * day, to: 60 * day });
    expect(flows).toEqual({
      segments: ['high', 'low', 'disengaged'],
      matrix: [
        [2, 1, 0],
        [0, 0, 0],
        [0, 0, 1],
      ],
      atFrom: { high: 3, low: 0, disengaged: 1 },
      atTo: { high: 2, low: 1, disengaged: 1 },
      total: 4,
    });
  });

  it('rejects to before from with INVALID_OPTION naming options.to', () => {
    const error = thrown(() => segmentFlows(model, events, { from: 10, to: 0 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'to']);
    expect(error.message).toMatch(/^segmentFlows: options\.to/);
  });

  it('gives a matrix of zeros when there are no events', () => {
    const flows = segmentFlows(model, [], { from: 0, to: 1 });
    expect(flows.total).toBe(0);
    expect(flows.matrix).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe('atRisk', () => {
  it('lists who drops a segment within the horizon, soonest first, with the exact instant', () => {
    // at day 40, next 10 days: bo drops at age 48 = day 44, ann at day 48; di (age 10) and cy
    // (already disengaged) do not. bo's purchase at day 50 is in the future and does not count.
    expect(atRisk(model, events, { at: 40 * day, within: { days: 10 } })).toEqual([
      {
        customerId: 'bo',
        score: expect.closeTo(50 * (1 - 44 / 120), 12),
        segment: 'high',
        drop: { at: 44 * day + 1, segment: 'low' },
      },
      {
        customerId: 'ann',
        score: expect.closeTo(50 * (1 - 40 / 120), 12),
        segment: 'high',
        drop: { at: 48 * day + 1, segment: 'low' },
      },
    ]);
  });

  it('includes a drop exactly at the end of the horizon and not one a millisecond later', () => {
    expect(atRisk(model, events, { at: 40 * day, within: 8 * day + 1 })).toHaveLength(2);
    expect(atRisk(model, events, { at: 40 * day, within: 8 * day })).toHaveLength(1);
  });

  it('rejects a bad horizon with INVALID_OPTION naming options.within', () => {
    const error = thrown(() => atRisk(model, events, { at: 0, within: -1 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'within']);
    expect(error.message).toMatch(/^atRisk: options\.within/);
  });

  it('rejects a bad instant with INVALID_OPTION naming options.at', () => {
    const error = thrown(() => atRisk(model, events, { at: Number.NaN, within: 1 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'at']);
  });

  it('rejects events that are not an array with INVALID_EVENT naming events (the screen read their length: a TypeError)', () => {
    for (const bad of [undefined, null, 7, { length: 2 }]) {
      const error = thrown(() => atRisk(model, bad as never, { at: 0, within: 1 }));
      expect(error.code).toBe('INVALID_EVENT');
      expect(error.path).toEqual(['events']);
    }
  });
});

describe('atRisk: a rise and a fall back', () => {
  it('a customer who rises and falls back to their segment of now is not at risk', () => {
    // permanent 30 - 14 (step, ends day 10) + 1 (step, ends day 10 + 1 ms) = 17, low; at day 10
    // the penalty ends (31, high), one millisecond later the +1 ends (30, high); with high at 30.5
    // that is low -> high -> low: back where they were, not lower.
    const bounce = defineModel({
      behaviours: {
        base: { boost: 30, decay: { kind: 'permanent' } },
        penalty: { boost: -14, decay: { kind: 'step', duration: 10 * day } },
        nudge: { boost: 1, decay: { kind: 'step', duration: 10 * day - 1 } },
      },
      segments: { high: 30.5, low: 10 },
    });
    const events = ['base', 'penalty'].map((behaviour) => ({ customerId: 'x', behaviour, at: 0 }));
    events.push({ customerId: 'x', behaviour: 'nudge', at: 2 });
    expect(atRisk(bounce, events, { at: 2, within: { days: 20 } })).toEqual([]);
  });
});
