import { describe, expect, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { explainScore } from './explainScore.js';

const DAY = 86_400_000;
const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    siteVisit: { boost: 5, decay: exponential({ days: 3 }), cap: 12 },
  },
});

describe('explainScore', () => {
  const events = [
    { behaviour: 'siteVisit', at: 0 },
    { behaviour: 'purchase', at: 0 },
    { behaviour: 'siteVisit', at: 0 },
    { behaviour: 'emailClick', at: 7 * DAY },
    { behaviour: 'siteVisit', at: 0 },
    { behaviour: 'purchase', at: 20 * DAY },
    { behaviour: 'webinar', at: 0 },
  ];
  const explanation = explainScore(model, events, 7 * DAY, { unknownBehaviour: 'ignore' });

  it('gives the score, its segment and the instant', () => {
    // purchase 50 * (1 - 7/120) = 47.0833..., click 25, visits 3 * 5 * 2^(-7/3) capped at 12 -> 2.976...
    const visits = 15 * 2 ** (-7 / 3);
    expect(explanation.score).toBeCloseTo(50 * (113 / 120) + 25 + visits, 12);
    expect(explanation.segment).toBe('high');
    expect(explanation.at).toBe(7 * DAY);
  });

  it('lists behaviours largest first with capped and uncapped totals', () => {
    expect(explanation.behaviours.map((part) => part.behaviour)).toEqual([
      'purchase',
      'emailClick',
      'siteVisit',
    ]);
    expect(explanation.behaviours.map((part) => part.events)).toEqual([1, 1, 3]);
    expect(explanation.behaviours.every((part) => !part.capped)).toBe(true);
  });

  it('marks a behaviour whose cap cut its total', () => {
    const atVisit = explainScore(model, events.slice(0, 5), 0, { unknownBehaviour: 'ignore' });
    const visits = atVisit.behaviours.find((part) => part.behaviour === 'siteVisit');
    expect(visits).toEqual({
      behaviour: 'siteVisit',
      contribution: 12,
      uncapped: 15,
      capped: true,
      events: 3,
    });
    expect(atVisit.score).toBe(62);
  });

  it('lists counted events largest first with their index in the input', () => {
    expect(explanation.events.map((event) => event.index)).toEqual([1, 3, 0, 2, 4]);
    expect(explanation.events[1]).toEqual({
      index: 3,
      behaviour: 'emailClick',
      at: 7 * DAY,
      weight: 1,
      contribution: 25,
    });
  });

  it('counts the events that did not count, so none disappears silently', () => {
    expect(explanation.ignored).toEqual({ future: 1, unknownBehaviour: 1 });
  });
});
