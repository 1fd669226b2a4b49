import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import type { EngagementEvent } from '../score/EngagementEvent.js';
import { scoreAt } from '../score/scoreAt.js';
import { segmentAt } from '../segment/segmentAt.js';
import { backtest } from './backtest.js';
import { predictiveValidity } from './predictiveValidity.js';

const DAY = 86_400_000;
const model = defineModel({
  behaviours: {
    visit: { boost: 10, decay: linear({ days: 30 }) },
    purchase: { boost: 20, decay: permanent() },
  },
});

describe('backtest', () => {
  const events: EngagementEvent[] = [
    { customerId: 'ann', behaviour: 'visit', at: 0 },
    { customerId: 'ann', behaviour: 'visit', at: 5 * DAY },
    { customerId: 'ann', behaviour: 'purchase', at: 20 * DAY },
    { customerId: 'bob', behaviour: 'visit', at: 1 * DAY },
    { customerId: 'cy', behaviour: 'visit', at: 2 * DAY },
    { customerId: 'cy', behaviour: 'purchase', at: 10 * DAY }, // exactly at t: in the score, not the outcome
    { customerId: 'cy', behaviour: 'purchase', at: 40 * DAY }, // exactly t + horizon: counts
    { customerId: 'dee', behaviour: 'visit', at: 12 * DAY }, // appears after t = 10: not observed at 10
    { customerId: 'dee', behaviour: 'purchase', at: 41 * DAY }, // after the window: no
    { customerId: 'eve', behaviour: 'visit', at: 60 * DAY }, // only extends the data
  ];

  it('labels outcomes in (t, t + horizon] and scores every customer seen by t with scoreAt', () => {
    const result = backtest(model, events, {
      at: 10 * DAY,
      outcome: 'purchase',
      horizon: { days: 30 },
    });
    // By hand at t = 10 days: ann 10(1 - 10/30) + 10(1 - 5/30) = 15; bob 10(1 - 9/30) = 7;
    // cy 10(1 - 8/30) + 20 (purchase at t counts) = 27.33.
    expect(result.observations.map((o) => [o.customerId, o.outcome])).toEqual([
      ['ann', true],
      ['bob', false],
      ['cy', true],
    ]);
    expect(result.observations[0]?.score).toBeCloseTo(15, 12);
    expect(result.observations[1]?.score).toBeCloseTo(7, 12);
    expect(result.observations[2]?.score).toBeCloseTo(10 * (22 / 30) + 20, 12);
    expect(result).toMatchObject({
      n: 3,
      positives: 2,
      auc: 1,
      horizon: 30 * DAY,
      observedUntil: 60 * DAY,
    });
    expect(result.instants).toEqual([{ at: 10 * DAY, n: 3, positives: 2, auc: 1 }]);
  });

  it('censors instants whose horizon ends after the last event time, and keeps the boundary', () => {
    // observedUntil = 60 days (eve's visit): t = 30 ends exactly at 60 (kept), t = 31 does not.
    const result = backtest(model, events, {
      atEach: [31 * DAY, 10 * DAY, 30 * DAY],
      outcome: 'purchase',
      horizon: { days: 30 },
    });
    expect(result.instants.map((row) => row.at)).toEqual([10 * DAY, 30 * DAY]);
    expect(result.censoredInstants).toEqual([31 * DAY]);
    // At t = 30: ann (no purchase after 30), bob, cy (purchase at 40), dee (purchase at 41).
    expect(result.instants[1]).toMatchObject({ n: 4, positives: 2 });
  });

  it('pools the instants into predictiveValidity of its observations; Dates and repeats are fine', () => {
    const result = backtest(model, events, {
      atEach: [new Date(10 * DAY), 30 * DAY, 10 * DAY],
      outcome: 'purchase',
      horizon: { days: 30 },
    });
    expect(result.instants.map((row) => row.at)).toEqual([10 * DAY, 30 * DAY]);
    const { n, positives, negatives, outcomeRate, auc, standardError, interval, correlation } =
      result;
    expect({
      n,
      positives,
      negatives,
      outcomeRate,
      auc,
      standardError,
      interval,
      correlation,
    }).toEqual(
      predictiveValidity(
        result.observations.map((o) => o.score),
        result.observations.map((o) => o.outcome),
      ),
    );
  });

  it('takes observedUntil from the options when given', () => {
    const result = backtest(model, events, {
      atEach: [10 * DAY, 30 * DAY],
      outcome: 'purchase',
      horizon: { days: 30 },
      observedUntil: 45 * DAY,
    });
    expect(result.censoredInstants).toEqual([30 * DAY]);
    expect(result.observedUntil).toBe(45 * DAY);
  });

  it('leaves outcome-only behaviours out of the score and accepts a predicate outcome', () => {
    const withChurn: EngagementEvent[] = [
      { customerId: 'a', behaviour: 'visit', at: 0 },
      { customerId: 'a', behaviour: 'renewal', at: 5 * DAY },
      { customerId: 'b', behaviour: 'visit', at: -20 * DAY },
      { customerId: 'c', behaviour: 'visit', at: -25 * DAY },
      { customerId: 'c', behaviour: 'renewal', at: -1 * DAY },
      { customerId: 'c', behaviour: 'renewal', at: 8 * DAY },
    ];
    const byId = backtest(model, withChurn, { at: 0, outcome: ['renewal'], horizon: { days: 7 } });
    // By hand at t = 0: a 10; b 10 (1 - 20/30) = 3.3333; c 10 (1 - 25/30) = 1.6667 (its renewal
    // at -1 day is not in the score, and is before the window).
    expect(
      byId.observations.map((o) => [o.customerId, Number(o.score.toFixed(4)), o.outcome]),
    ).toEqual([
      ['a', 10, true],
      ['b', 3.3333, false],
      ['c', 1.6667, false],
    ]);
    const byPredicate = backtest(model, withChurn, {
      at: 0,
      outcome: (event) => event.behaviour === 'renewal',
      horizon: { days: 7 },
      unknownBehaviour: 'ignore',
    });
    expect(byPredicate.observations).toEqual(byId.observations);
  });

  it('reports outcome rate, Wilson interval and lift per segment and per decile', () => {
    // 20 customers with 0..19 visits on day 0 (score = 10 * visits at t = 0), the top 10 buy.
    const many: EngagementEvent[] = [];
    for (let c = 0; c < 20; c++) {
      const customerId = `c${String(c).padStart(2, '0')}`;
      many.push({ customerId, behaviour: 'visit', at: 0, weight: c / 10 });
      if (c >= 10) many.push({ customerId, behaviour: 'purchase', at: 3 * DAY });
    }
    many.push({ customerId: 'c00', behaviour: 'visit', at: 100 * DAY });
    const result = backtest(model, many, { at: 0, outcome: 'purchase', horizon: { days: 30 } });
    // Scores are c (0..19): high >= 30 none, low 10..19 (c = 10..19, all buy), disengaged 0..9.
    expect(result.segments).toEqual([
      { segment: 'high', n: 0, positives: 0, rate: null, interval: null, lift: null },
      expect.objectContaining({ segment: 'low', n: 10, positives: 10, rate: 1, lift: 2 }),
      expect.objectContaining({ segment: 'disengaged', n: 10, positives: 0, rate: 0, lift: 0 }),
    ]);
    // R: prop.test(10, 10, correct = FALSE)$conf.int = 0.722467200137111 1
    expect(result.segments[1]?.interval?.lower).toBeCloseTo(0.722467200137111, 12);
    expect(result.deciles.map((d) => [d.decile, d.n, d.positives, d.minScore, d.maxScore])).toEqual(
      [
        [1, 2, 2, 18, 19],
        [2, 2, 2, 16, 17],
        [3, 2, 2, 14, 15],
        [4, 2, 2, 12, 13],
        [5, 2, 2, 10, 11],
        [6, 2, 0, 8, 9],
        [7, 2, 0, 6, 7],
        [8, 2, 0, 4, 5],
        [9, 2, 0, 2, 3],
        [10, 2, 0, 0, 1],
      ],
    );
    expect(result.auc).toBe(1);
  });

  it('keeps equal scores in one decile', () => {
    // 10 customers: 6 score 0 (no visit yet counted: visits decayed away), 4 score 10..40.
    const tied: EngagementEvent[] = [];
    for (let c = 0; c < 10; c++) {
      const customerId = `c${c}`;
      tied.push({
        customerId,
        behaviour: 'visit',
        at: c < 6 ? -40 * DAY : 0,
        weight: c < 6 ? 1 : c - 5,
      });
      if (c % 2 === 0) tied.push({ customerId, behaviour: 'purchase', at: DAY });
    }
    tied.push({ customerId: 'c0', behaviour: 'visit', at: 50 * DAY });
    const result = backtest(model, tied, { at: 0, outcome: 'purchase', horizon: { days: 30 } });
    // Ranks from the top: 40, 30, 20, 10 are ranks 1-4 (deciles 1-4); the six zeros share mean
    // rank 7.5, decile floor(10 * 7 / 10) + 1 = 8.
    expect(result.deciles.map((d) => [d.decile, d.n])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [8, 6],
    ]);
  });

  it.each([
    [
      'both at and atEach',
      { at: 0, atEach: [0] },
      'INVALID_OPTION',
      ['options', 'at'],
      'options.at',
    ],
    ['neither at nor atEach', {}, 'INVALID_OPTION', ['options', 'at'], 'options.at'],
    [
      'a zero horizon',
      { at: 0, horizon: 0 },
      'INVALID_OPTION',
      ['options', 'horizon'],
      'options.horizon',
    ],
    ['a NaN instant', { at: Number.NaN }, 'INVALID_OPTION', ['options', 'at'], 'options.at'],
    ['an empty atEach', { atEach: [] }, 'INVALID_OPTION', ['options', 'atEach'], 'options.atEach'],
    [
      'an outcome of the wrong type',
      { at: 0, outcome: 3 },
      'INVALID_OPTION',
      ['options', 'outcome'],
      'options.outcome',
    ],
    [
      'a predicate that returns a number',
      { at: 0, outcome: () => 1 },
      'INVALID_OPTION',
      ['options', 'outcome'],
      'options.outcome',
    ],
    ['an unknown option', { at: 0, horizont: 5 }, 'INVALID_OPTION', ['options'], 'horizont'],
    [
      'every instant censored',
      { at: 50 * DAY },
      'EMPTY_INPUT',
      ['options', 'at'],
      'options.horizon',
    ],
    ['no customer seen yet', { at: -10 * DAY }, 'EMPTY_INPUT', ['options', 'at'], 'instant'],
    [
      'an outcome that never happens',
      { at: 10 * DAY, outcome: 'visit', horizon: 1 },
      'EMPTY_INPUT',
      ['options', 'outcome'],
      'options.outcome',
    ],
  ])('rejects %s with its code, naming the field', (_name, patch, code, path, field) => {
    const options = { outcome: 'purchase', horizon: { days: 30 }, ...patch };
    expect(() => backtest(model, events, options as never)).toThrowError(
      expect.objectContaining({
        code,
        path,
        message: expect.stringMatching(new RegExp(`^backtest: .*${field}`)),
      }),
    );
  });

  it('rejects events without a customerId, bad events and unknown behaviours, naming the event', () => {
    const cases: [EngagementEvent[], string, (string | number)[], string][] = [
      [
        [{ behaviour: 'visit', at: 0 }],
        'INVALID_EVENT',
        ['events', 0, 'customerId'],
        'events\\[0\\].customerId',
      ],
      [
        [{ customerId: 'a', behaviour: 'visit', at: Number.NaN }],
        'INVALID_EVENT',
        ['events', 0, 'at'],
        'events\\[0\\].at',
      ],
      [
        [
          { customerId: 'a', behaviour: 'visit', at: 0 },
          { customerId: 'a', behaviour: 'vist', at: 0 },
        ],
        'UNKNOWN_BEHAVIOUR',
        ['events', 1, 'behaviour'],
        'events\\[1\\].behaviour',
      ],
      [[], 'EMPTY_INPUT', ['events'], 'events'],
    ];
    for (const [bad, code, path, field] of cases) {
      expect(() => backtest(model, bad, { at: 0, outcome: 'purchase', horizon: 1 })).toThrowError(
        expect.objectContaining({
          code,
          path,
          message: expect.stringMatching(new RegExp(`^backtest: .*${field}`)),
        }),
      );
    }
  });
});

describe('backtest with a custom ladder and a hysteresis band', () => {
  it('reports a row per segment of the ladder and places customers as segmentAt does', () => {
    const day = 86_400_000;
    const model = defineModel({
      behaviours: { visit: { boost: 12, decay: linear({ days: 20 }) } },
      segments: {
        levels: [
          { name: 'fan', min: 20 },
          { name: 'casual', min: 8 },
        ],
        below: 'gone',
        band: 4,
      },
    });
    const events = [
      { customerId: 'a', behaviour: 'visit', at: 0 },
      { customerId: 'a', behaviour: 'visit', at: 0 },
      { customerId: 'b', behaviour: 'visit', at: 2 * day },
      { customerId: 'c', behaviour: 'visit', at: 0 },
      { customerId: 'c', behaviour: 'visit', at: 1 * day },
      { customerId: 'a', behaviour: 'visit', at: 30 * day },
      { customerId: 'b', behaviour: 'visit', at: 40 * day },
    ];
    const result = backtest(model, events, {
      at: 5 * day,
      outcome: 'visit',
      horizon: { days: 30 },
    });
    expect(result.segments.map((row) => row.segment)).toEqual(['fan', 'casual', 'gone']);
    for (const observation of result.observations) {
      const own = events.filter((event) => event.customerId === observation.customerId);
      expect(observation.segment).toBe(segmentAt(model, own, 5 * day));
      expect(observation.score).toBe(scoreAt(model, own, 5 * day));
    }
    // a: 2 x 12 x 15/20 = 18 at day 5, below fan's 20 but within its band of 4: still a fan.
    expect(result.observations.find((o) => o.customerId === 'a')?.segment).toBe('fan');
  });
});

describe('backtest at the edges (hostile input)', () => {
  const events: EngagementEvent[] = [
    { customerId: 'ann', behaviour: 'visit', at: 0 },
    { customerId: 'bob', behaviour: 'visit', at: DAY },
    { customerId: 'bob', behaviour: 'purchase', at: 5 * DAY },
    { customerId: 'cy', behaviour: 'visit', at: 60 * DAY },
  ];

  it('rejects scoring instants beyond the range of a Date, naming them', () => {
    // at: 1e308 was taken as an instant and ended as "every instant censored".
    const error = caught(() =>
      backtest(model, events, { at: 1e308, outcome: 'purchase', horizon: 1 }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'at']);
    const each = caught(() =>
      backtest(model, events, {
        atEach: [0, -9e15, Number.NaN],
        outcome: 'purchase',
        horizon: 1,
        observedUntil: 1e300,
      }),
    );
    expect(each.issues.map((issue) => issue.path)).toEqual([
      ['options', 'atEach', 1],
      ['options', 'atEach', 2],
      ['options', 'observedUntil'],
    ]);
  });

  it('reports every bad option at once', () => {
    const error = caught(() =>
      backtest(model, events, {
        outcome: ['purchase', ''],
        horizon: -1,
        unknownBehaviour: 'warn',
      } as never),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'at'],
      ['options', 'outcome', 1],
      ['options', 'horizon'],
      ['options', 'unknownBehaviour'],
    ]);
  });

  it('refuses more than 2000000 observations before scoring any', () => {
    // 1,001 customers, all seen by each of 2,000 instants: 2,002,000 observations.
    const crowd: EngagementEvent[] = Array.from({ length: 1001 }, (_, i) => ({
      customerId: `c${i}`,
      behaviour: 'visit',
      at: 0,
    }));
    const atEach = Array.from({ length: 2000 }, (_, i) => DAY + i);
    const error = caught(() =>
      backtest(model, crowd, { atEach, outcome: 'purchase', horizon: 1, observedUntil: 9 * DAY }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['options', 'atEach']);
    expect(error.message).toMatch(/make 2002000 observations, more than 2000000/);
  });
});

function caught(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}
