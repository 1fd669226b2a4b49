import { describe, expect, it } from 'vitest';
import {
  defineModel,
  EngagekitError,
  explainScore,
  linear,
  permanent,
  scoreTimeline,
  segmentAt,
} from '../src/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A HubSpot-like model: email and commerce groups, the email group limited to 25, total 100; at
// most two email clicks a day count (UTC) and an unsubscribe wipes the clicks before it.
const model = defineModel({
  behaviours: {
    emailClick: { boost: 10, decay: permanent(), frequencyCap: { count: 2, per: 'day' } },
    purchase: { boost: 50, decay: linear({ days: 100 }) },
    unsubscribe: { boost: 0, decay: permanent(), resets: ['emailClick'] },
  },
  groups: {
    email: { behaviours: ['emailClick'], bounds: { max: 25 } },
    commerce: { behaviours: ['purchase'] },
  },
  bounds: { max: 100 },
});
const events = [
  { behaviour: 'emailClick', at: 0 },
  { behaviour: 'emailClick', at: 1 * HOUR },
  { behaviour: 'emailClick', at: 2 * HOUR }, // third of day 0: capped
  { behaviour: 'purchase', at: 0 },
  { behaviour: 'emailClick', at: 24 * HOUR },
  { behaviour: 'emailClick', at: 25 * HOUR },
  { behaviour: 'unsubscribe', at: 30 * HOUR }, // discards the four counted clicks before it
  { behaviour: 'emailClick', at: 50 * HOUR }, // day 2: counts
];

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

  it('refuses a hysteresis band with the rules (UNSUPPORTED at segments.band)', () => {
    const banded = defineModel({
      behaviours: {
        visit: { boost: 10, decay: permanent(), frequencyCap: { count: 1, per: 'day' } },
      },
      segments: { high: 30, low: 10, band: 5 },
    });
    for (const run of [
      () => explainScore(banded, [], 0),
      () => segmentAt(banded, [], 0),
      () => scoreTimeline(banded, [], { from: 0, to: 1, step: 1 }),
    ]) {
      expect(run).toThrow(EngagekitError);
      try {
        run();
      } catch (error) {
        expect((error as EngagekitError).code).toBe('UNSUPPORTED');
        expect((error as EngagekitError).path).toEqual(['model', 'segments', 'band']);
        expect((error as EngagekitError).message).toMatch(
          /^(explainScore|segmentAt|scoreTimeline): .*band/,
        );
      }
    }
  });
});
