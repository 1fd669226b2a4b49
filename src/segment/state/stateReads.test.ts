import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../../errors/EngagekitError.js';
import { defineModel } from '../../model/defineModel.js';
import { exponential } from '../../model/exponential.js';
import { linear } from '../../model/linear.js';
import { advanceState } from '../../score/state/advanceState.js';
import { applyEvent } from '../../score/state/applyEvent.js';
import { createScoreState } from '../../score/state/createScoreState.js';
import { scoreCustomer } from '../../score/state/scoreCustomer.js';
import { atRiskOfState } from './atRiskOfState.js';
import { forecastCustomer } from './forecastCustomer.js';
import { forecastState } from './forecastState.js';
import { segmentCountsOfState } from './segmentCountsOfState.js';

const day = 86_400_000;

describe('forecastCustomer', () => {
  it('finds the instant an exponential score halves below a threshold: 40 with a 10-day half-life is 20 at day 10 and 10 at day 20, so low from day 20 + 1 ms', () => {
    const model = defineModel({
      behaviours: { open: { boost: 40, decay: exponential({ days: 10 }) } },
    });
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'open', at: 0 });
    // 40 * 2^-(10/10) = 20 < 30: low at day 10; 40 * 2^-2 = 10 at day 20 is still low, below it after
    expect(forecastCustomer(state, 'ada', 10 * day)).toEqual({
      score: 20,
      segment: 'low',
      next: { at: 20 * day + 1, segment: 'disengaged' },
    });
  });

  it('counts a held event once its time comes, not before', () => {
    const model = defineModel({
      behaviours: { click: { boost: 25, decay: linear({ days: 14 }) } },
    });
    const state = createScoreState(model);
    advanceState(state, 0);
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: day });
    expect(forecastCustomer(state, 'ada', 0)).toEqual({
      score: 0,
      segment: 'disengaged',
      next: null,
    });
    expect(forecastCustomer(state, 'ada', day).score).toBe(25);
    expect(scoreCustomer(state, 'ada', day)).toBe(25);
  });

  it('refuses segments with a hysteresis band, naming the band', () => {
    const model = defineModel({
      behaviours: { click: { boost: 25, decay: linear({ days: 14 }) } },
      segments: { high: 30, low: 10, band: 5 },
    });
    const state = createScoreState(model);
    for (const read of [
      () => forecastCustomer(state, 'ada', 0),
      () => forecastState(state, 0),
      () => segmentCountsOfState(state, 0),
      () => atRiskOfState(state, { at: 0, within: { days: 1 } }),
    ]) {
      expect(read).toThrowError(EngagekitError);
      expect(read).toThrow(/band/);
      try {
        read();
      } catch (error) {
        expect((error as EngagekitError).code).toBe('UNSUPPORTED');
        expect((error as EngagekitError).path.length).toBeGreaterThan(0);
      }
    }
  });

  it('answers at or after the newest event folded in, as scoreState', () => {
    const model = defineModel({
      behaviours: { click: { boost: 25, decay: linear({ days: 14 }) } },
    });
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: day });
    expect(() => forecastCustomer(state, 'ada', 0)).toThrow(/forecastCustomer: at 0 is before/);
    expect(() => segmentCountsOfState(state, 0)).toThrow(/segmentCountsOfState: at 0 is before/);
  });
});

describe('segmentCountsOfState and atRiskOfState', () => {
  it('count every customer seen, one whose events all expired as disengaged, and list the soonest drop first', () => {
    const model = defineModel({
      behaviours: { click: { boost: 40, decay: linear({ days: 40 }) } },
    });
    const state = createScoreState(model);
    applyEvent(state, { customerId: 'ada', behaviour: 'click', at: 0 });
    applyEvent(state, { customerId: 'bob', behaviour: 'click', at: -2 * day });
    applyEvent(state, { customerId: 'cyd', behaviour: 'click', at: -100 * day });
    expect(segmentCountsOfState(state, 5 * day)).toEqual({
      total: 3,
      counts: { high: 2, low: 0, disengaged: 1 },
      shares: { high: 2 / 3, low: 0, disengaged: 1 / 3 },
    });
    // bob: 40 * (40 - d) / 40 = 30 at d = 10 days, so low from day 8 + 1 ms; ada from day 10 + 1 ms
    expect(atRiskOfState(state, { at: 5 * day, within: { days: 7 } })).toEqual([
      { customerId: 'bob', score: 33, segment: 'high', drop: { at: 8 * day + 1, segment: 'low' } },
      { customerId: 'ada', score: 35, segment: 'high', drop: { at: 10 * day + 1, segment: 'low' } },
    ]);
  });
});
