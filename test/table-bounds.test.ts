/**
 * Issue 21: every result whose size grows with a parameter rather than with the input is bounded,
 * and a parameter past the bound is an `EngagekitError` naming the option, not an exhausted heap.
 * Each function is called at its bound (the whole result comes back) and one past it.
 * (cohortTable's and backtest's bounds are tested in their own files; results that grow with the
 * input alone — kaplanMeier, npsCrossTab, transitions, engagementRates... — need no bound.)
 */
import { describe, expect, it } from 'vitest';
import {
  defineModel,
  type EngagekitError,
  lifecycle,
  linear,
  powerUserCurve,
  retention,
  retentionCurve,
  scoreTimeline,
  stickiness,
} from '../src/index.js';
import { thrown } from './thrown.js';

const day = 86_400_000;
const asOf = Date.UTC(2026, 2, 1, 12);
const activity = [
  { userId: 'ann', at: asOf - 3 * day },
  { userId: 'bob', at: asOf - day },
];

function refused(call: () => unknown, path: readonly (string | number)[], message: RegExp) {
  const error = thrown(call) as EngagekitError;
  expect(error.code).toBe('INVALID_OPTION');
  expect(error.path).toEqual(path);
  expect(error.message).toMatch(message);
}

describe('results bounded by their parameters (issue 21)', () => {
  it('scoreTimeline gives at most 100000 points and refuses a step that would give more', () => {
    const model = defineModel({ behaviours: { visit: { boost: 10, decay: linear({ days: 7 }) } } });
    const events = [{ behaviour: 'visit', at: 0 }];
    expect(scoreTimeline(model, events, { from: 0, to: 99_999, step: 1 })).toHaveLength(100_000);
    refused(
      () => scoreTimeline(model, events, { from: 0, to: 100_000, step: 1 }),
      ['options', 'step'],
      /^scoreTimeline: .* give 100001 points, more than 100000; use a longer options\.step/,
    );
  });

  it('lifecycle reports at most 100000 periods and refuses activity spanning more', () => {
    const old = [{ userId: 'ann', at: asOf - 100_000 * day }];
    refused(
      () => lifecycle(old, { period: 'day', asOf }),
      ['options', 'period'],
      /^lifecycle: the activity spans 100001 periods, more than 100000; use a longer period/,
    );
    expect(lifecycle(old, { period: 'week', asOf }).length).toBeLessThanOrEqual(100_000);
  });

  it('retentionCurve gives lastDay + 1 points up to 10000 days and refuses more', () => {
    expect(retentionCurve(activity, { lastDay: 10_000, asOf })).toHaveLength(10_001);
    refused(
      () => retentionCurve(activity, { lastDay: 10_001, asOf }),
      ['options', 'lastDay'],
      /^retentionCurve: .*10000/,
    );
  });

  it('retention refuses a day offset beyond 100000', () => {
    expect(retention(activity, { days: [100_000], asOf })).toHaveLength(1);
    refused(
      () => retention(activity, { days: [1, 100_001], asOf }),
      ['options', 'days', 1],
      /^retention: .*must be at most 100000, got 100001/,
    );
  });

  it('powerUserCurve and stickiness take windows of at most 10000 days', () => {
    expect(powerUserCurve(activity, { at: asOf, days: 10_000 })).toHaveLength(10_000);
    refused(
      () => powerUserCurve(activity, { at: asOf, days: 10_001 }),
      ['options', 'days'],
      /^powerUserCurve: .*from 1 to 10000/,
    );
    refused(
      () => stickiness(activity, asOf, { days: 10_001 }),
      ['options', 'days'],
      /^stickiness: .*from 1 to 10000/,
    );
  });
});
