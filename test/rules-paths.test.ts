import { describe, expect, it } from 'vitest';
import {
  atRisk,
  defineModel,
  EngagekitError,
  forecast,
  forecastColumns,
  linear,
  prepareColumns,
  scoreAt,
  scoreColumns,
  scorePrepared,
} from '../src/index.js';

// Issue 18: a path that does not implement the model's scoring rules refuses the model with
// UNSUPPORTED naming the rule, never a number that silently ignores the rules. scoreAt (and
// scoreParts), forecast (test/rules-forecast.test-prop.ts), transitions
// (test/rules-transitions.test-prop.ts), scoreColumns, prepared columns, explainScore, segmentAt and scoreTimeline
// (test/rules-segment.test-prop.ts), scorePopulation, segmentCounts and segmentFlows
// (test/rules-population.test-prop.ts), the worker pool (test/rules-pool.test-prop.ts) and toSql
// in every dialect (src/sql/toSql.test-prop.ts) implement them.
const day = 86_400_000;
const model = defineModel({
  behaviours: {
    visit: { boost: 10, decay: linear({ days: 30 }), frequencyCap: { count: 1, per: 'day' } },
  },
  bounds: { max: 100 },
});
const events = [
  { customerId: 'ann', behaviour: 'visit', at: 0 },
  { customerId: 'ann', behaviour: 'visit', at: 1 },
];
const columns = {
  customer: new Uint32Array([0, 0]),
  behaviour: new Uint16Array([0, 0]),
  at: new Float64Array([0, 1]),
};

const PATHS: Record<string, () => unknown> = {
  atRisk: () => atRisk(model, events, { at: day, within: { days: 7 } }),
  forecastColumns: () => forecastColumns(model, columns, day, 1),
};

describe('paths without the scoring rules', () => {
  it('scoreAt honours the frequency cap the other paths refuse', () => {
    // Two visits on day 0, at most one counts: 10 * (1 - 1/30) at day 1.
    expect(scoreAt(model, events, day)).toBeCloseTo(10 * (29 / 30), 12);
  });

  it('scoreColumns and prepared columns honour the frequency cap as scoreAt does', () => {
    const expected = scoreAt(model, events, day);
    expect(scoreColumns(model, columns, day, 1)[0]).toBeCloseTo(expected, 12);
    expect(scorePrepared(prepareColumns(model, columns, 1), day)[0]).toBeCloseTo(expected, 12);
  });

  it('forecast honours the frequency cap: the capped visit never lifts the customer to low', () => {
    // Only the visit at 0 counts: 10 * (1 - 1 ms / 30 days) at 1 ms, below 10, and fading; the
    // capped visit would have made it 19.99... (low) until day 15.
    expect(forecast(model, events, 1)).toEqual({
      score: scoreAt(model, events, 1),
      segment: 'disengaged',
      next: null,
    });
    expect(scoreAt(model, events, 1)).toBeLessThan(10);
  });

  for (const [fn, run] of Object.entries(PATHS)) {
    it(`${fn} refuses a model with rules with UNSUPPORTED naming the rule`, () => {
      const error = (() => {
        try {
          run();
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(EngagekitError);
      expect((error as EngagekitError).code).toBe('UNSUPPORTED');
      expect((error as EngagekitError).path).toEqual(['model']);
      expect((error as EngagekitError).message).toMatch(new RegExp(`^${fn}: .*frequencyCap`));
    });
  }
});
