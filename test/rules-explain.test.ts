import { describe, expect, it } from 'vitest';
import {
  defineModel,
  explainScore,
  linear,
  permanent,
  scoreAt,
  scoreTimeline,
  segmentAt,
  step,
  transitions,
} from '../src/index.js';
import { hubspotLikeEvents, hubspotLikeModel } from './hubspotLikeCustomer.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A HubSpot-like customer (test/hubspotLikeCustomer.ts).
const model = hubspotLikeModel;
const events = hubspotLikeEvents;

describe('explainScore with the scoring rules (hand-worked)', () => {
  it('shows the email group bounded at 25 and the click a frequency cap left out', () => {
    // At 26 h: four clicks count (40 points, bounded to 25), the purchase 50 * (1 - 26/2400).
    const explanation = explainScore(model, events, 26 * HOUR);
    const purchase = 50 * (1 - 26 / 2400);
    expect(explanation.score).toBeCloseTo(25 + purchase, 12);
    expect(explanation.rules).toEqual({
      groups: [
        { group: 'email', raw: 40, bounded: 25, removed: { frequencyCap: 1, reset: 0 } },
        {
          group: 'commerce',
          raw: purchase,
          bounded: purchase,
          removed: { frequencyCap: 0, reset: 0 },
        },
      ],
      ungrouped: { raw: 0, removed: { frequencyCap: 0, reset: 0 } },
      unbounded: 25 + purchase,
    });
    expect(explanation.ignored).toEqual({ future: 2, unknownBehaviour: 0 });
    expect(explanation.behaviours.map((part) => [part.behaviour, part.events])).toEqual([
      ['purchase', 1],
      ['emailClick', 4],
    ]);
  });

  it('shows the clicks the unsubscribe discarded and the one after it', () => {
    const explanation = explainScore(model, events, 3 * DAY);
    const purchase = 50 * (1 - 3 / 100);
    expect(explanation.score).toBeCloseTo(10 + purchase, 12);
    expect(explanation.rules?.groups[0]).toEqual({
      group: 'email',
      raw: 10,
      bounded: 10,
      removed: { frequencyCap: 1, reset: 4 },
    });
    expect(explanation.events.map((event) => event.index)).toEqual([3, 7, 6]);
  });

  it('bounds the score at 100 and says what it was before', () => {
    const many = [0, 0, 0, 0].map((at) => ({ behaviour: 'purchase', at }));
    const explanation = explainScore(model, many, 0);
    expect(explanation.score).toBe(100);
    expect(explanation.rules?.unbounded).toBe(200);
    expect(explanation.segment).toBe('high');
  });

  it('segmentAt and scoreTimeline classify the bounded score', () => {
    expect(segmentAt(model, events, 2 * DAY)).toBe('high');
    expect(
      scoreTimeline(model, events, { from: 0, to: 3 * DAY, step: { days: 1 } }).map(
        (point) => point.score,
      ),
    ).toEqual([
      10 + 50, // 0 h: the click and the purchase at 0 h
      25 + 50 * (1 - 1 / 100), // 24 h: clicks at 0, 1 and 24 h counted (30, bounded to 25)
      0 + 50 * (1 - 2 / 100), // 48 h: the unsubscribe at 30 h wiped the clicks
      10 + 50 * (1 - 3 / 100), // 72 h: the click at 50 h
    ]);
  });

  it('replays a hysteresis band under the rules: the segment follows the path (worked by hand)', () => {
    // Visits of 10 fading linearly over 8 days, one a day counted; an unsubscribe (1 point for a
    // day) discards the visits before it. high 30, low 10, band 5.
    const banded = defineModel({
      behaviours: {
        visit: { boost: 10, decay: linear({ days: 8 }), frequencyCap: { count: 1, per: 'day' } },
        unsubscribe: { boost: 1, decay: step({ days: 1 }), resets: ['visit'] },
      },
      segments: { high: 30, low: 10, band: 5 },
    });
    const events = [
      ...[0, 1, 2].map((hour) => ({ behaviour: 'visit', at: hour * HOUR })), // one counts
      ...[1, 2, 3].map((day) => ({ behaviour: 'visit', at: day * DAY })),
      { behaviour: 'unsubscribe', at: 5.5 * DAY },
    ];
    // With x in days, each visit at day d adds 10 * (8 - (x - d)) / 8 = 10 - 1.25 (x - d); from
    // day 3 the four counted visits add 47.5 - 5x: 32.5 at day 3 (high), 27.5 at day 4 (high
    // thanks to the band; low without it), exactly 25 at day 4.5 (still high), below it a
    // millisecond later (low). The unsubscribe at day 5.5 leaves its own 1 point: disengaged.
    expect(segmentAt(banded, events, 4 * DAY)).toBe('high');
    expect(segmentAt(banded, events, 4.5 * DAY)).toBe('high');
    expect(segmentAt(banded, events, 4.5 * DAY + 1)).toBe('low');
    expect(explainScore(banded, events, 4 * DAY).segment).toBe('high');
    expect(transitions(banded, events, { from: 0, to: 6 * DAY })).toEqual([
      { at: 3 * DAY, from: 'low', to: 'high', score: 32.5 },
      {
        at: 4.5 * DAY + 1,
        from: 'high',
        to: 'low',
        score: scoreAt(banded, events, 4.5 * DAY + 1),
      },
      { at: 5.5 * DAY, from: 'low', to: 'disengaged', score: 1 },
    ]);
    expect(
      scoreTimeline(banded, events, { from: 0, to: 6 * DAY, step: DAY }).map((p) => p.segment),
    ).toEqual(['low', 'low', 'low', 'high', 'high', 'low', 'disengaged']);
    // at 1 ms the score is a hair under 10 and the band keeps the customer low
    expect(segmentAt(banded, events, 1)).toBe('low');
  });
});

describe('overflow under the scoring rules', () => {
  it('throws OVERFLOW, never Infinity or NaN, when a behaviour total leaves the range of a number', () => {
    const huge = defineModel({
      behaviours: { big: { boost: 1e308, decay: permanent() } },
      bounds: { max: 100 },
    });
    const events = [
      { behaviour: 'big', at: 0 },
      { behaviour: 'big', at: 1 },
    ];
    for (const run of [
      () => explainScore(huge, events, 1),
      () => segmentAt(huge, events, 1),
      () => scoreTimeline(huge, events, { from: 0, to: 1, step: 1 }),
    ]) {
      expect(run).toThrow(/^(explainScore|segmentAt|scoreTimeline): the total of behaviour "big"/);
      expect(run).toThrow(expect.objectContaining({ code: 'OVERFLOW', path: ['events'] }));
    }
  });

  it('throws OVERFLOW when the groups add up beyond the range of a number', () => {
    const huge = defineModel({
      behaviours: {
        a: { boost: 1e308, decay: permanent() },
        b: { boost: 1e308, decay: permanent() },
      },
      groups: { one: { behaviours: ['a'] }, two: { behaviours: ['b'] } },
    });
    const events = [
      { behaviour: 'a', at: 0 },
      { behaviour: 'b', at: 0 },
    ];
    expect(() => explainScore(huge, events, 0)).toThrow(/^explainScore: the score at 0/);
  });
});
