import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { scoreAt } from '../score/scoreAt.js';
import { forecast } from './forecast.js';
import { segmentAt } from './segmentAt.js';

const day = 86_400_000;

describe('forecast: worked numbers', () => {
  const model = defineModel({
    behaviours: {
      purchase: { boost: 50, decay: linear({ days: 120 }) },
      emailClick: { boost: 40, decay: exponential({ days: 7 }) },
      survey: { boost: 15, decay: step({ days: 30 }) },
      signup: { boost: 20, decay: permanent() },
      unsubscribe: { boost: -20, decay: linear({ days: 90 }) },
    },
  });
  const purchase = [{ behaviour: 'purchase', at: 0 }];

  it('one purchase (+50, linear over 120 days) is high until day 48, low until day 96, then disengaged', () => {
    // By hand: 50 * (1 - d / 120) = 30 at d = 48 and = 10 at d = 96; exactly 30 is still high,
    // so the first millisecond in the next segment is one after the crossing.
    expect(forecast(model, purchase, 0)).toEqual({
      score: 50,
      segment: 'high',
      next: { at: 48 * day + 1, segment: 'low' },
    });
    expect(forecast(model, purchase, 48 * day).next).toEqual({ at: 48 * day + 1, segment: 'low' });
    expect(forecast(model, purchase, 48 * day + 1).next).toEqual({
      at: 96 * day + 1,
      segment: 'disengaged',
    });
    expect(forecast(model, purchase, 96 * day + 1)).toEqual({
      score: scoreAt(model, purchase, 96 * day + 1),
      segment: 'disengaged',
      next: null,
    });
  });

  it('an exponential boost crosses a threshold at H * log2(B / threshold)', () => {
    // By hand: 40 * 2^(-t / 7 days) = 30  <=>  t = 7 days * log2(40 / 30) = 2.9052 days.
    const crossing = 7 * day * Math.log2(40 / 30);
    const result = forecast(model, [{ behaviour: 'emailClick', at: 0 }], 0);
    expect(result.next).toEqual({ at: Math.floor(crossing) + 1, segment: 'low' });
    // and 10 is reached at 7 days * log2(40 / 10) = 14 days exactly
    expect(forecast(model, [{ behaviour: 'emailClick', at: 0 }], 3 * day).next).toEqual({
      at: 14 * day + 1,
      segment: 'disengaged',
    });
  });

  it('a mixed pair of half-lives crosses where the quadratic solved by hand says', () => {
    const pair = defineModel({
      behaviours: {
        fast: { boost: 32, decay: exponential({ days: 1 }) },
        slow: { boost: 16, decay: exponential({ days: 2 }) },
      },
    });
    const events = [
      { behaviour: 'fast', at: 0 },
      { behaviour: 'slow', at: 0 },
    ];
    // By hand, with x = 2^(-t / 2 days): 32 x^2 + 16 x = 30 gives x = (-16 + sqrt(16^2 + 4 * 32 * 30))
    // / 64 = (-16 + 64) / 64 = 0.75, so t = -2 log2(0.75) days = 0.830075 days.
    const high = -2 * day * Math.log2(0.75);
    expect(forecast(pair, events, 0).next).toEqual({ at: Math.floor(high) + 1, segment: 'low' });
    // 32 x^2 + 16 x = 10 gives x = (-16 + sqrt(1536)) / 64 = 0.362372, t = 2.928910 days.
    const low = -2 * day * Math.log2((-16 + Math.sqrt(1536)) / 64);
    expect(forecast(pair, events, day).next).toEqual({
      at: Math.floor(low) + 1,
      segment: 'disengaged',
    });
    expect(low / day).toBeCloseTo(2.92891, 5);
  });

  it('a mixed linear and exponential pair crosses where segmentAt changes', () => {
    const events = [
      { behaviour: 'purchase', at: 0 },
      { behaviour: 'emailClick', at: 0 },
    ];
    // 50 (1 - t / 120) + 40 * 2^(-t / 7) = 30 has one root after 0; check the millisecond on both sides
    const next = forecast(model, events, 0).next;
    expect(next?.segment).toBe('low');
    const at = next?.at ?? 0;
    expect(segmentAt(model, events, at - 1)).toBe('high');
    expect(segmentAt(model, events, at)).toBe('low');
    const t = at / day;
    expect(50 * (1 - t / 120) + 40 * 2 ** (-t / 7)).toBeCloseTo(30, 6);
  });

  it('a fading penalty makes the score rise into a higher segment, exactly at the threshold', () => {
    // By hand: 20 + 15 - 20 (1 - t / 90) = 30 at t = 67.5 days; exactly 30 is high already.
    const events = [
      { behaviour: 'signup', at: 0 },
      { behaviour: 'survey', at: 0 },
      { behaviour: 'unsubscribe', at: 0 },
    ];
    const withoutSurvey = events.filter((event) => event.behaviour !== 'survey');
    const result = forecast(
      model,
      [...withoutSurvey, { behaviour: 'signup', at: 0, weight: 0.75 }],
      0,
    );
    expect(result.score).toBe(15);
    expect(result.next).toEqual({ at: 67.5 * day, segment: 'high' });
  });

  it('a step boost that expires drops the score at exactly its duration', () => {
    const events = [
      { behaviour: 'signup', at: 0 },
      { behaviour: 'survey', at: 0 },
    ];
    expect(forecast(model, events, day)).toEqual({
      score: 35,
      segment: 'high',
      next: { at: 30 * day, segment: 'low' },
    });
  });

  it('an exponential cutoff drops the score at exactly the cutoff', () => {
    const cut = defineModel({
      behaviours: {
        click: { boost: 40, decay: exponential({ days: 7 }, { cutoff: { days: 2 } }) },
      },
    });
    expect(forecast(cut, [{ behaviour: 'click', at: 5 }], 5).next).toEqual({
      at: 2 * day + 5,
      segment: 'disengaged',
    });
  });

  it('a grace period holds the boost before it fades', () => {
    // By hand: 50 (120 - d) / (120 - 30) = 30 at d = 66 days.
    const graceful = defineModel({
      behaviours: {
        purchase: { boost: 50, decay: linear({ days: 120 }, { grace: { days: 30 } }) },
      },
    });
    expect(forecast(graceful, purchase, 0).next).toEqual({ at: 66 * day + 1, segment: 'low' });
  });

  it('a capped behaviour holds its cap until its total falls below it', () => {
    // Ten visits of +10 (half-life 3 days) are capped at 15 until 100 * 2^(-t / 3) = 15, at
    // t = 8.2 days; the click (+25 over 14 days) meanwhile takes the score to 30 at 15 + 25 (1 -
    // t / 14) = 30, t = 5.6 days, so the customer leaves high while the visits are still capped.
    const capped = defineModel({
      behaviours: {
        click: { boost: 25, decay: linear({ days: 14 }) },
        visit: { boost: 10, decay: exponential({ days: 3 }), cap: 15 },
      },
    });
    const events = [
      { behaviour: 'click', at: 0 },
      ...Array.from({ length: 10 }, () => ({ behaviour: 'visit', at: 0 })),
    ];
    expect(forecast(capped, events, 0)).toEqual({
      score: 40,
      segment: 'high',
      next: { at: 483_840_001, segment: 'low' }, // 5.6 days = 483,840,000 ms
    });
    // the visits alone: capped at 15 (low) until their total falls below 15 at 8.2 days, then
    // below 10 at 3 log2(100 / 10) days
    const visits = events.slice(1);
    expect(forecast(capped, visits, 0)).toEqual({
      score: 15,
      segment: 'low',
      next: { at: Math.floor(3 * day * Math.log2(10)) + 1, segment: 'disengaged' },
    });
  });

  it('events after the instant are new happenings and do not count', () => {
    const events = [...purchase, { behaviour: 'purchase', at: 40 * day }];
    expect(forecast(model, events, 10 * day).next).toEqual({ at: 48 * day + 1, segment: 'low' });
  });

  it('a score that only tends to a threshold never reaches it', () => {
    const tail = [{ behaviour: 'emailClick', at: 0 }];
    const constant = defineModel({
      behaviours: { click: { boost: 40, decay: exponential({ days: 7 }) } },
      segments: { high: 50, low: 0 },
    });
    expect(
      forecast(
        constant,
        tail.map(() => ({ behaviour: 'click', at: 0 })),
        0,
      ).next,
    ).toBeNull();
  });

  it('a custom ladder with four levels steps down through each', () => {
    const tiers = defineModel({
      behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
      segments: {
        levels: [
          { name: 'casual', min: 10 },
          { name: 'champion', min: 80 },
          { name: 'active', min: 30 },
        ],
        below: 'dormant',
      },
    });
    const two = [...purchase, ...purchase];
    // By hand: 100 (1 - d / 120) = 80, 30, 10 at d = 24, 84, 108.
    expect(forecast(tiers, two, 0)).toEqual({
      score: 100,
      segment: 'champion',
      next: { at: 24 * day + 1, segment: 'active' },
    });
    expect(forecast(tiers, two, 30 * day).next).toEqual({ at: 84 * day + 1, segment: 'casual' });
    expect(forecast(tiers, two, 90 * day).next).toEqual({ at: 108 * day + 1, segment: 'dormant' });
  });

  it('with a hysteresis band the customer leaves a segment only below threshold minus band', () => {
    const sticky = defineModel({
      behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
      segments: { high: 30, low: 10, band: 5 },
    });
    // By hand: 50 (1 - d / 120) = 25 at d = 60 and = 5 at d = 108.
    expect(forecast(sticky, purchase, 0).next).toEqual({ at: 60 * day + 1, segment: 'low' });
    // at day 55 the score (27.08) is below 30: replaying the history says the customer is high
    expect(forecast(sticky, purchase, 55 * day)).toEqual({
      score: scoreAt(sticky, purchase, 55 * day),
      segment: 'high',
      next: { at: 60 * day + 1, segment: 'low' },
    });
    // told they were low just before, they are low and stay so until below 5
    expect(forecast(sticky, purchase, 55 * day, { previous: 'low' })).toEqual({
      score: scoreAt(sticky, purchase, 55 * day),
      segment: 'low',
      next: { at: 108 * day + 1, segment: 'disengaged' },
    });
  });
});

describe('forecast: errors', () => {
  const model = defineModel({
    behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
  });

  it('rejects an instant that is not a point in time with INVALID_INSTANT naming at', () => {
    const error = thrown(() => forecast(model, [], Number.NaN));
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.path).toEqual(['at']);
    expect(error.message).toMatch(/^forecast: at must be a point in time/);
  });

  it('rejects a previous segment that is not in the ladder with INVALID_OPTION', () => {
    const error = thrown(() => forecast(model, [], 0, { previous: 'vip' as 'high' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'previous']);
    expect(error.message).toMatch(/^forecast: options\.previous must be a segment/);
  });

  it('rejects a bad event with INVALID_EVENT and its index', () => {
    const error = thrown(() => forecast(model, [{ behaviour: 'purchase', at: Number.NaN }], 0));
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.path).toEqual(['events', 0, 'at']);
  });
});
