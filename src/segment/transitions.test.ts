import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { segmentAt } from './segmentAt.js';
import { transitions } from './transitions.js';

const day = 86_400_000;

const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 120 }) },
    complaint: { boost: -30, decay: step({ days: 10 }) },
    signup: { boost: 5, decay: permanent() },
  },
});

describe('transitions: worked numbers', () => {
  it('lists the drift of one purchase and the jump a second purchase causes, in time order', () => {
    // By hand: 50 (1 - d / 120) crosses 30 at day 48 and 10 at day 96; the second purchase at day
    // 100 adds 50 to 50 (1 - 100 / 120) = 8.33, so 58.33 from day 100 on, high.
    const events = [
      { behaviour: 'purchase', at: 100 * day },
      { behaviour: 'purchase', at: 0 },
    ];
    const changes = transitions(model, events, { from: 0, to: 110 * day });
    expect(changes.map(({ at, from, to }) => ({ at, from, to }))).toEqual([
      { at: 48 * day + 1, from: 'high', to: 'low' },
      { at: 96 * day + 1, from: 'low', to: 'disengaged' },
      { at: 100 * day, from: 'disengaged', to: 'high' },
    ]);
    expect(changes[2]?.score).toBeCloseTo(50 + 50 / 6, 12);
  });

  it('a complaint drops the customer at its instant and they come back when it expires', () => {
    // 50 at day 0, complaint -30 at day 10 for 10 days: 50 (1 - 10/120) - 30 = 15.83, low; back to
    // 50 (1 - 20 / 120) = 41.67, high, at day 20 exactly.
    const events = [
      { behaviour: 'purchase', at: 0 },
      { behaviour: 'complaint', at: 10 * day },
    ];
    expect(
      transitions(model, events, { from: 0, to: 30 * day }).map(({ at, from, to }) => [
        at,
        from,
        to,
      ]),
    ).toEqual([
      [10 * day, 'high', 'low'],
      [20 * day, 'low', 'high'],
    ]);
  });

  it('the segment at from is the starting point, not a transition', () => {
    const events = [{ behaviour: 'purchase', at: 0 }];
    expect(transitions(model, events, { from: 0, to: 0 })).toEqual([]);
    expect(transitions(model, events, { from: 48 * day + 1, to: 90 * day })).toEqual([]);
  });

  it('the end of the interval is included', () => {
    const events = [{ behaviour: 'purchase', at: 0 }];
    expect(transitions(model, events, { from: 0, to: 48 * day + 1 })).toHaveLength(1);
    expect(transitions(model, events, { from: 0, to: 48 * day })).toHaveLength(0);
  });

  it('with a hysteresis band the customer does not flap around a threshold', () => {
    // signup 5 x 7 = 35, permanent; each complaint (-8 for 10 days) takes the score to 27: without a
    // band that is low, with a band of 5 it stays high (27 >= 30 - 5).
    const events = [
      { behaviour: 'signup', at: 0, weight: 7 },
      { behaviour: 'complaint', at: 2 * day, weight: 8 / 30 },
      { behaviour: 'complaint', at: 14 * day, weight: 8 / 30 },
    ];
    const plain = transitions(model, events, { from: 0, to: 30 * day });
    expect(plain.map(({ at, to }) => [at / day, to])).toEqual([
      [2, 'low'],
      [12, 'high'],
      [14, 'low'],
      [24, 'high'],
    ]);
    const sticky = defineModel({
      behaviours: model.behaviours,
      segments: { high: 30, low: 10, band: 5 },
    });
    expect(transitions(sticky, events, { from: 0, to: 30 * day })).toEqual([]);
  });
});

describe('transitions: hysteresis and the starting segment', () => {
  const sticky = defineModel({
    behaviours: { purchase: { boost: 50, decay: linear({ days: 120 }) } },
    segments: { high: 30, low: 10, band: 5 },
  });
  const purchase = [{ behaviour: 'purchase', at: 0 }];

  it('replays the history to find the segment at from', () => {
    // By hand: 50 (1 - d / 120) is 27.08 at day 55, below 30 but replayed from day 0 the customer
    // is still high; they leave below 25 (day 60) and low below 5 (day 108).
    expect(
      transitions(sticky, purchase, { from: 55 * day, to: 120 * day }).map(({ at, from, to }) => [
        at,
        from,
        to,
      ]),
    ).toEqual([
      [60 * day + 1, 'high', 'low'],
      [108 * day + 1, 'low', 'disengaged'],
    ]);
  });

  it('takes the segment just before from when the host gives it', () => {
    expect(
      transitions(sticky, purchase, { from: 55 * day, to: 120 * day, previous: 'low' }).map(
        ({ at, to }) => [at, to],
      ),
    ).toEqual([[108 * day + 1, 'disengaged']]);
  });
});

describe('transitions: errors', () => {
  it('rejects to before from with INVALID_OPTION naming options.to', () => {
    const error = thrown(() => transitions(model, [], { from: 10, to: 0 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'to']);
    expect(error.message).toMatch(/^transitions: options\.to must not be before options\.from/);
  });

  it('rejects a bad from with INVALID_OPTION naming options.from', () => {
    const error = thrown(() => transitions(model, [], { from: Number.NaN, to: 0 }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'from']);
    expect(error.message).toMatch(/options\.from/);
  });

  it('rejects missing options with INVALID_OPTION', () => {
    const error = thrown(() =>
      transitions(model, [], undefined as unknown as { from: number; to: number }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/^transitions: options/);
  });

  it('rejects a previous segment not in the ladder with INVALID_OPTION naming options.previous', () => {
    const error = thrown(() =>
      transitions(model, [], { from: 0, to: 1, previous: 'gold' as 'high' }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'previous']);
    expect(error.message).toMatch(/options\.previous must be a segment/);
  });
});

describe('transitions: hostile input', () => {
  it('finds the change to a segment whose least score is 0 when the last live event expires (its sums rounded to -3e-16 missed it)', () => {
    // Found by test/rules-transitions.test-prop.ts (CI, seed -2027960645): after the changes at
    // 622.8M and 666M the reset visit expires at its cutoff, 738M, and the score is 0 exactly, in
    // 'high'; the closed form kept the removed term's rounding and read the score as just below 0.
    const hostile = defineModel({
      behaviours: {
        visit: {
          boost: -18,
          decay: { kind: 'exponential', halfLife: 68_400_000, cutoff: 115_200_000 },
          cap: 17,
          frequencyCap: { count: 3, per: 'day', timeZone: 'UTC' },
          resets: true,
        },
        purchase: {
          boost: -4,
          decay: { kind: 'exponential', halfLife: 223_200_003 },
          cap: 12,
          frequencyCap: { count: 2, per: 'day', timeZone: 'UTC' },
          resets: true,
        },
      },
      segments: { high: 0, low: -11.618452781526646 },
      bounds: { min: -26, max: 83 },
      groups: { commerce: { behaviours: ['visit'], bounds: { min: -34, max: 15 } } },
    });
    const events = [
      { behaviour: 'visit', at: 540_000_000 },
      { behaviour: 'visit', at: 622_800_000 },
      { behaviour: 'visit', at: 0 },
    ];
    const changes = transitions(hostile, events, { from: 583_200_000, to: 892_800_001 });
    expect(changes.map(({ at, from, to }) => ({ at, from, to }))).toEqual([
      { at: 622_800_000, from: 'low', to: 'disengaged' },
      { at: 666_000_000, from: 'disengaged', to: 'low' },
      { at: 738_000_000, from: 'low', to: 'high' },
    ]);
    expect(changes[2]?.score).toBe(0);
  });

  it('reports a change after the last whole millisecond of a fractional to, at to (it was missed)', () => {
    // a purchase at 10.3 ms makes the customer high; the range ends at 10.5, before 11
    const events = [{ behaviour: 'purchase', at: 10.3 }];
    // 50 faded by 0.2 ms of 120 days (scoreAt's arithmetic: 50 * ((duration - elapsed) / duration))
    const elapsed = 10.5 - 10.3;
    expect(transitions(model, events, { from: 0, to: 10.5 })).toEqual([
      {
        at: 10.5,
        from: 'disengaged',
        to: 'high',
        score: 50 * ((120 * day - elapsed) / (120 * day)),
      },
    ]);
    const [whole] = transitions(model, events, { from: 0, to: 11 });
    expect(whole).toMatchObject({ at: 11, from: 'disengaged', to: 'high' });
    expect(whole?.score).toBeCloseTo(50 - 50 * (0.7 / (120 * day)), 12);
    // nothing after 10 ms and before 10.2: no change
    expect(transitions(model, events, { from: 0, to: 10.2 })).toEqual([]);
  });

  it('throws OVERFLOW when the events add up beyond a number, instead of NaN scores', () => {
    const huge = defineModel({ behaviours: { whale: { boost: 1e308, decay: linear(1000) } } });
    const events = [
      { behaviour: 'whale', at: 0 },
      { behaviour: 'whale', at: 10 },
    ];
    const error = thrown(() => transitions(huge, events, { from: -1, to: 2000 }));
    expect(error.code).toBe('OVERFLOW');
    expect(error.path).toEqual(['events']);
    expect(error.message).toMatch(/^transitions: /);
  });
});

describe('transitions: a score that flickers on a threshold for weeks', () => {
  // Found by a fresh property seed (-699441332): -3 and 2 x 1.5 decaying linearly cancel, so the
  // score sits on the high threshold and scoreAt's roundings flip it every few milliseconds, more
  // often than the sweep's budget of exact sums allows. Once the budget ran out between finding a
  // change and reporting it, a "change" from high to high was reported with a low score.
  const model = defineModel({
    behaviours: {
      a: { boost: -3, decay: linear({ days: 20 }, { grace: { days: 5 } }) },
      b: { boost: 0.7, decay: permanent() },
      c: { boost: 1.5, decay: linear({ days: 20 }, { grace: { days: 5 } }) },
    },
    segments: { high: 1.642599513888889, low: 0.3972162685185183 },
  });
  const events = [
    { behaviour: 'c', at: 1_522_892_054, weight: 2 },
    { behaviour: 'b', at: 2_559_972_637, weight: 2 },
    { behaviour: 'a', at: 2_589_017_685, weight: 2 },
    { behaviour: 'b', at: 1_185_653_255, weight: 1 },
    { behaviour: 'b', at: 2_586_363_339, weight: 0.5 },
    { behaviour: 'c', at: 1_372_481_529, weight: 1 },
    { behaviour: 'b', at: 974_819_782, weight: 1 },
    { behaviour: 'c', at: 1_790_788_817, weight: 2 },
    { behaviour: 'a', at: 863_647_693, weight: 1 },
    { behaviour: 'c', at: 320_450_683, weight: 2 },
    { behaviour: 'b', at: 1_827_105_329, weight: 1 },
    { behaviour: 'a', at: 1_704_875_843, weight: 1 },
  ];

  it('never reports a change to the segment the customer is in, and each change is one segmentAt makes', () => {
    const changes = transitions(model, events, { from: -1, to: 45 * 86_400_000 });
    expect(changes.length).toBeGreaterThan(1000);
    let segment = segmentAt(model, events, -1);
    for (const change of changes) {
      expect(change.from).toBe(segment);
      expect(change.to).not.toBe(change.from);
      expect(segmentAt(model, events, change.at)).toBe(change.to);
      segment = change.to;
    }
  });
});
