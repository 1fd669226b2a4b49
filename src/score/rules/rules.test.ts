import { describe, expect, it } from 'vitest';
import { defineModel } from '../../model/defineModel.js';
import { linear } from '../../model/linear.js';
import { permanent } from '../../model/permanent.js';
import { step } from '../../model/step.js';
import { scoreAt } from '../scoreAt.js';
import { scoreParts } from '../scoreParts.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('frequency caps', () => {
  // Marketo's engagement score: at most 20 activities of a type count per day, over a 30-day window.
  const marketo = defineModel({
    behaviours: {
      pageView: { boost: 1, decay: step({ days: 30 }), frequencyCap: { count: 20, per: 'day' } },
    },
  });
  const views = [
    // 200 page views on day 0 (one a minute from midnight), 5 on day 1 at noon.
    ...Array.from({ length: 200 }, (_, m) => ({ behaviour: 'pageView', at: m * minute })),
    ...Array.from({ length: 5 }, (_, m) => ({ behaviour: 'pageView', at: day + 12 * hour + m })),
  ];

  it('counts at most 20 events of a behaviour per calendar day (Marketo-like, worked by hand)', () => {
    // Day 0: the first 20 of 200 count (20 points); day 1: all 5 count. 20 + 5 = 25.
    expect(scoreAt(marketo, views, 2 * day)).toBe(25);
    // At day 30 + 6 h the day-0 views are 30 days and more old: step decay drops them (age >= 30
    // days), the day-1 views are 29 days old and count: 5.
    expect(scoreAt(marketo, views, 30 * day + 6 * hour)).toBe(5);
    // Capped-out events have no effect at all, even while the counted ones fade.
    expect(scoreAt(marketo, views.slice(0, 20), 2 * day)).toBe(20);
  });

  it('places the days in the cap time zone', () => {
    const late = [
      { behaviour: 'visit', at: Date.UTC(2026, 0, 1, 23, 30) },
      { behaviour: 'visit', at: Date.UTC(2026, 0, 2, 0, 30) },
    ];
    const model = (timeZone: string) =>
      defineModel({
        behaviours: {
          visit: { boost: 1, decay: permanent(), frequencyCap: { count: 1, per: 'day', timeZone } },
        },
      });
    // UTC: two calendar days, one event each. Tokyo (+09:00): 08:30 and 09:30 of Jan 2, one day.
    expect(scoreAt(model('UTC'), late, Date.UTC(2026, 0, 3))).toBe(2);
    expect(scoreAt(model('Asia/Tokyo'), late, Date.UTC(2026, 0, 3))).toBe(1);
  });

  it('counts an event in a rolling window iff fewer than count events of it precede it there', () => {
    const model = defineModel({
      behaviours: {
        visit: { boost: 1, decay: permanent(), frequencyCap: { count: 2, window: 10 } },
      },
    });
    // Windows (at - 10, at]: 0 -> {} counts; 5 -> {0} counts; 9 -> {0, 5} no; 10 -> {5, 9} no;
    // 15 -> {9, 10} no; 20 -> {15} counts. Counted: 0, 5, 20.
    const events = [20, 15, 10, 9, 5, 0].map((at) => ({ behaviour: 'visit', at }));
    expect(scoreAt(model, events, 20)).toBe(3);
    expect(scoreAt(model, events, 12)).toBe(2);
  });

  it('takes the heavier of two events at the same instant first, whatever the input order', () => {
    const model = defineModel({
      behaviours: {
        order: { boost: 10, decay: permanent(), frequencyCap: { count: 1, per: 'day' } },
      },
    });
    const light = { behaviour: 'order', at: 0, weight: 1 };
    const heavy = { behaviour: 'order', at: 0, weight: 3 };
    expect(scoreAt(model, [light, heavy], 0)).toBe(30);
    expect(scoreAt(model, [heavy, light], 0)).toBe(30);
  });

  it('gives Chromium-like site engagement: 5 points a day at most, 100 in all', () => {
    const model = defineModel({
      behaviours: {
        visit: { boost: 1, decay: permanent(), frequencyCap: { count: 5, per: 'day' } },
      },
      bounds: { min: 0, max: 100 },
    });
    const visits = (days: number) =>
      Array.from({ length: days * 8 }, (_, i) => ({
        behaviour: 'visit',
        at: Math.floor(i / 8) * day + (i % 8) * hour,
      }));
    // 8 visits a day, 5 count: 12 days -> 60; 30 days -> 150, bounded to 100.
    expect(scoreAt(model, visits(12), 40 * day)).toBe(60);
    expect(scoreAt(model, visits(30), 40 * day)).toBe(100);
  });
});

describe('resets', () => {
  const model = defineModel({
    behaviours: {
      purchase: { boost: 50, decay: permanent() },
      visit: { boost: 5, decay: permanent() },
      emailClick: { boost: 10, decay: linear({ days: 10 }) },
      unsubscribe: { boost: -5, decay: permanent(), resets: ['emailClick'] },
      churn: { boost: 0, decay: permanent(), resets: true },
    },
  });

  it('discards every earlier event of all behaviours from the reset instant on', () => {
    const events = [
      { behaviour: 'purchase', at: 0 },
      { behaviour: 'visit', at: 1 },
      { behaviour: 'churn', at: 10 },
      { behaviour: 'visit', at: 10 }, // at the reset's instant: not before it, kept
      { behaviour: 'visit', at: 20 },
    ];
    expect(scoreAt(model, events, 9)).toBe(55); // before the reset: as if none
    expect(scoreAt(model, events, 10)).toBe(5);
    expect(scoreAt(model, events, 20)).toBe(10);
  });

  it('discards only the behaviours a reset names, and the reset scores its own boost', () => {
    const events = [
      { behaviour: 'emailClick', at: 0 },
      { behaviour: 'purchase', at: 0 },
      { behaviour: 'unsubscribe', at: 0.5 * day },
      { behaviour: 'emailClick', at: day },
    ];
    // At day 5: the click at 0 is gone; purchase 50, unsubscribe -5, click at day 1 is
    // 10 * (1 - 4/10) = 6. 50 - 5 + 6 = 51.
    expect(scoreAt(model, events, 5 * day)).toBeCloseTo(51, 12);
  });
});

describe('groups and bounds', () => {
  // HubSpot-like: groups with limits, the total limited to 100.
  const hubspot = defineModel({
    behaviours: {
      emailOpen: { boost: 5, decay: permanent() },
      emailClick: { boost: 10, decay: permanent() },
      pageView: { boost: 2, decay: permanent() },
      purchase: { boost: 30, decay: permanent() },
      complaint: { boost: -20, decay: permanent() },
    },
    groups: {
      email: { behaviours: ['emailOpen', 'emailClick'], bounds: { max: 30 } },
      web: { behaviours: ['pageView'], bounds: { max: 20 } },
      commerce: { behaviours: ['purchase'] },
    },
    bounds: { min: 0, max: 100 },
  });
  const many = (behaviour: string, count: number) =>
    Array.from({ length: count }, (_, at) => ({ behaviour, at }));
  const events = [
    ...many('emailOpen', 4),
    ...many('emailClick', 3),
    ...many('pageView', 15),
    ...many('purchase', 2),
  ];

  it('bounds each group, then the total (HubSpot-like, worked by hand)', () => {
    // email: 4 * 5 + 3 * 10 = 50 -> 30; web: 15 * 2 = 30 -> 20; commerce: 2 * 30 = 60.
    // 30 + 20 + 60 = 110 -> 100.
    expect(scoreParts(hubspot, events, 100)).toEqual({
      score: 100,
      groups: {
        email: { raw: 50, bounded: 30 },
        web: { raw: 30, bounded: 20 },
        commerce: { raw: 60, bounded: 60 },
      },
      ungrouped: 0,
    });
    // A complaint (ungrouped, -20): 110 - 20 = 90, within the bounds.
    expect(scoreAt(hubspot, [...events, { behaviour: 'complaint', at: 50 }], 100)).toBe(90);
    // Two complaints and no purchase: 30 + 20 - 40 = 10; three: -10 -> 0.
    const noPurchase = events.filter((event) => event.behaviour !== 'purchase');
    expect(scoreAt(hubspot, [...noPurchase, ...many('complaint', 2)], 100)).toBe(10);
    expect(scoreAt(hubspot, [...noPurchase, ...many('complaint', 3)], 100)).toBe(0);
  });

  it('keeps the per-behaviour cap before the group', () => {
    const model = defineModel({
      behaviours: { open: { boost: 5, decay: permanent(), cap: 12 } },
      groups: { email: { behaviours: ['open'], bounds: { max: 30 } } },
    });
    expect(scoreParts(model, many('open', 4), 10).groups).toEqual({
      email: { raw: 12, bounded: 12 },
    });
  });
});
