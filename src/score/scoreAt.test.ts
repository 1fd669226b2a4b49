import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import type { EngagementEvent } from './EngagementEvent.js';
import { scoreAt } from './scoreAt.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

const article = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }), cap: 15 },
    survey: { boost: 15, decay: step({ days: 30 }) },
    unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
  },
});

function thrown(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngagekitError);
    return error as EngagekitError;
  }
  return expect.unreachable('should have thrown');
}

describe('scoreAt', () => {
  it('adds an email click and a purchase to 75 (the article: 25 + 50)', () => {
    const events = [
      { behaviour: 'emailClick', at: T0 },
      { behaviour: 'purchase', at: T0 },
    ];
    expect(scoreAt(article, events, T0)).toBe(75);
  });

  it('counts a purchase at half its 120 days as 25', () => {
    expect(scoreAt(article, [{ behaviour: 'purchase', at: T0 }], T0 + 60 * DAY)).toBe(25);
  });

  it('accepts Date instants for events and for the scoring instant', () => {
    const at = new Date(T0 + 60 * DAY);
    expect(scoreAt(article, [{ behaviour: 'purchase', at: new Date(T0) }], at)).toBe(25);
  });

  it('has no score without events', () => {
    expect(scoreAt(article, [], T0)).toBe(0);
  });

  it('ignores events after the instant and counts one exactly at it', () => {
    const events = [
      { behaviour: 'purchase', at: T0 + 1 },
      { behaviour: 'emailClick', at: T0 },
    ];
    expect(scoreAt(article, events, T0)).toBe(25);
  });

  it('multiplies the boost by the weight (an order worth 2.5 purchases: 125)', () => {
    expect(scoreAt(article, [{ behaviour: 'purchase', at: T0, weight: 2.5 }], T0)).toBe(125);
  });

  it('counts a null weight as 1, as a NULL weight counts in the SQL of toSql', () => {
    const nullWeight = { behaviour: 'purchase', at: T0, weight: null as unknown as number };
    expect(scoreAt(article, [nullWeight], T0)).toBe(50);
  });

  it('lets a negative boost pull the score down (50 - 20 = 30)', () => {
    const events = [
      { behaviour: 'purchase', at: T0 },
      { behaviour: 'unsubscribe', at: T0 },
    ];
    expect(scoreAt(article, events, T0)).toBe(30);
  });

  it('caps what one behaviour contributes: five visits of 5 count 15, not 25', () => {
    const visits = Array.from({ length: 5 }, () => ({ behaviour: 'siteVisit', at: T0 }));
    expect(scoreAt(article, visits, T0)).toBe(15);
    // Six days later each visit is worth 5 * 2^-2 = 1.25; five are 6.25, under the cap.
    expect(scoreAt(article, visits, T0 + 6 * DAY)).toBe(6.25);
  });

  it('caps negative totals at minus the cap', () => {
    const model = defineModel({
      behaviours: { complaint: { boost: -10, decay: permanent(), cap: 25 } },
    });
    const complaints = Array.from({ length: 4 }, () => ({ behaviour: 'complaint', at: T0 }));
    expect(scoreAt(model, complaints, T0)).toBe(-25);
  });

  it('drops a step boost exactly when it expires', () => {
    const events = [{ behaviour: 'survey', at: T0 }];
    expect(scoreAt(article, events, T0 + 30 * DAY - 1)).toBe(15);
    expect(scoreAt(article, events, T0 + 30 * DAY)).toBe(0);
  });

  it('sums a million events without drift (Neumaier): 1e6 x 0.1 = 100000', () => {
    const model = defineModel({ behaviours: { tick: { boost: 0.1, decay: permanent() } } });
    const events: EngagementEvent[] = Array.from({ length: 1_000_000 }, () => ({
      behaviour: 'tick',
      at: T0,
    }));
    let naive = 0;
    for (let i = 0; i < 1_000_000; i++) naive += 0.1;
    expect(Math.abs(naive - 100_000)).toBeGreaterThan(1e-7); // a plain loop drifts
    expect(Math.abs(scoreAt(model, events, T0) - 100_000)).toBeLessThan(1e-9);
  });

  describe('unknown behaviours', () => {
    const events = [
      { behaviour: 'purchase', at: T0 },
      { behaviour: 'webinar', at: T0 },
    ];

    it('are an error by default, with the event index and the known ids', () => {
      const error = thrown(() => scoreAt(article, events, T0));
      expect(error.code).toBe('UNKNOWN_BEHAVIOUR');
      expect(error.path).toEqual(['events', 1, 'behaviour']);
      expect(error.message).toMatch(
        /^scoreAt: events\[1\]\.behaviour "webinar" is not in the model/,
      );
      expect(error.message).toContain("unknownBehaviour: 'ignore'");
    });

    it("are left out when the caller passes unknownBehaviour: 'ignore'", () => {
      expect(scoreAt(article, events, T0, { unknownBehaviour: 'ignore' })).toBe(50);
    });

    it('reject an unknown value of the option', () => {
      const error = thrown(() =>
        scoreAt(article, events, T0, { unknownBehaviour: 'skip' as never }),
      );
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toContain('unknownBehaviour');
    });
  });

  describe('bad events are rejected with INVALID_EVENT and their index', () => {
    it.each([
      ['a NaN time', { behaviour: 'purchase', at: Number.NaN }, 'at', /NaN/],
      [
        'an infinite time',
        { behaviour: 'purchase', at: Number.POSITIVE_INFINITY },
        'at',
        /Infinity/,
      ],
      [
        'an Invalid Date',
        { behaviour: 'purchase', at: new Date('not a date') },
        'at',
        /Invalid Date/,
      ],
      ['an ISO string', { behaviour: 'purchase', at: '2026-01-01' }, 'at', /Date\.parse/],
      ['a NaN weight', { behaviour: 'purchase', at: T0, weight: Number.NaN }, 'weight', /finite/],
      [
        'an infinite weight',
        { behaviour: 'purchase', at: T0, weight: Number.NEGATIVE_INFINITY },
        'weight',
        /finite/,
      ],
      ['a missing behaviour', { at: T0 }, 'behaviour', /behaviour id/],
    ])('%s', (_name, bad, field, message) => {
      const error = thrown(() =>
        scoreAt(article, [{ behaviour: 'purchase', at: T0 }, bad as EngagementEvent], T0),
      );
      expect(error.code).toBe('INVALID_EVENT');
      expect(error.path).toEqual(['events', 1, field]);
      expect(error.message).toContain(`events[1].${field}`);
      expect(error.message).toMatch(message);
    });

    it('an event that is not an object', () => {
      const error = thrown(() => scoreAt(article, [null as never], T0));
      expect(error.code).toBe('INVALID_EVENT');
      expect(error.path).toEqual(['events', 0]);
    });

    it('events that are not an array', () => {
      const error = thrown(() => scoreAt(article, 'purchase' as never, T0));
      expect(error.code).toBe('INVALID_EVENT');
      expect(error.path).toEqual(['events']);
    });
  });

  it('rejects a bad scoring instant with INVALID_INSTANT naming at', () => {
    const error = thrown(() => scoreAt(article, [], new Date('nope')));
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.path).toEqual(['at']);
    expect(error.message).toMatch(/^scoreAt: at must be a point in time/);
  });

  describe('hostile input', () => {
    const huge = defineModel({
      behaviours: {
        whale: { boost: 1e308, decay: permanent() },
        tiny: { boost: 10, decay: permanent() },
      },
    });

    it('throws OVERFLOW, not NaN, when two boosts of 1e308 add up beyond a number', () => {
      const events = [
        { behaviour: 'whale', at: 0 },
        { behaviour: 'whale', at: 1 },
      ];
      const error = thrown(() => scoreAt(huge, events, 2));
      expect(error.code).toBe('OVERFLOW');
      expect(error.path).toEqual(['events']);
      expect(error.message).toMatch(
        /^scoreAt: the total of behaviour "whale" at 2 is beyond the range/,
      );
      // one of them is a finite 1e308
      expect(scoreAt(huge, events, 0)).toBe(1e308);
    });

    it('throws OVERFLOW when weights of 1e307 add up beyond a number', () => {
      const events = Array.from({ length: 20 }, (_, i) => ({
        behaviour: 'tiny',
        at: i,
        weight: 1e307,
      }));
      expect(thrown(() => scoreAt(huge, events, 100)).code).toBe('OVERFLOW');
    });

    it('throws OVERFLOW when finite behaviour totals add up beyond a number', () => {
      const events = [
        { behaviour: 'whale', at: 0 },
        { behaviour: 'tiny', at: 0, weight: 1.7e307 },
      ];
      const error = thrown(() => scoreAt(huge, events, 0));
      expect(error.code).toBe('OVERFLOW');
      expect(error.message).toMatch(/^scoreAt: the score at 0 is beyond the range/);
    });

    it.each([null, 5, 'ignore'])(
      'rejects options %p with INVALID_OPTION naming options',
      (options) => {
        const error = thrown(() => scoreAt(article, [], T0, options as never));
        expect(error.code).toBe('INVALID_OPTION');
        expect(error.path).toEqual(['options']);
        expect(error.message).toMatch(/^scoreAt: options must be an object/);
      },
    );
  });
});
