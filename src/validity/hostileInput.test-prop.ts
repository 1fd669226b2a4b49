import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finiteOrRefused,
  anything as hostile,
  extremeNumber as hostileNumber,
  mostly,
  options,
} from '../../test/hostileDomainInput.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { backtest } from './backtest.js';
import { predictiveValidity } from './predictiveValidity.js';
import { suggestThresholds } from './suggestThresholds.js';

const DAY = 86_400_000;
const score = mostly(
  fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(0, 5e-324, -Number.MAX_VALUE, Number.MAX_VALUE),
  ),
  hostileNumber,
  30,
);
const flag = mostly(fc.boolean(), hostile, 30);
const pairs = fc.array(fc.tuple(score, flag), { maxLength: 40 });
const share = mostly(fc.double({ min: 0, max: 1, noNaN: true }), hostileNumber);
const model = defineModel({
  behaviours: {
    visit: { boost: 10, decay: linear({ days: 30 }) },
    purchase: { boost: 25, decay: exponential({ days: 20 }) },
  },
  segments: { high: 30, low: 10 },
});
const instant = mostly(
  fc.integer({ min: 0, max: 120 * DAY }),
  fc.oneof(hostileNumber, fc.constantFrom(8.64e15, 8.64e15 + 1, -1e308), hostile),
);

describe('every validity function, on any input: a finite, correct result or an EngagekitError with a path', () => {
  it('predictiveValidity and suggestThresholds', () => {
    fc.assert(
      fc.property(
        pairs,
        options({
          method: mostly(fc.constantFrom('youden', 'shares')),
          high: share,
          low: share,
        }),
        (list, given) => {
          const predictor = list.map(([value]) => value) as number[];
          const outcome = list.map(([, happened]) => happened) as boolean[];
          finiteOrRefused(
            'predictiveValidity',
            () => predictiveValidity(predictor, outcome),
            (result) => {
              expect(result.auc).toBeGreaterThanOrEqual(0);
              expect(result.auc).toBeLessThanOrEqual(1);
              if (result.correlation !== null)
                expect(Math.abs(result.correlation)).toBeLessThanOrEqual(1);
              expect(result.positives + result.negatives).toBe(result.n);
            },
          );
          finiteOrRefused(
            'suggestThresholds',
            () => suggestThresholds(predictor, outcome, given as never),
            (result) => {
              expect(result.segments.high).toBeGreaterThan(result.segments.low);
              const { high, low, disengaged } = result.shares;
              expect(high + low + disengaged).toBeCloseTo(1, 12);
            },
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('backtest', () => {
    const event = mostly(
      fc.record({
        customerId: mostly(fc.constantFrom('a', 'b', 'c', 'd'), hostile, 30),
        behaviour: mostly(fc.constantFrom('visit', 'purchase', 'signup'), hostile, 30),
        at: mostly(fc.integer({ min: 0, max: 120 * DAY }), instant, 30),
      }),
      hostile,
      30,
    );
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 30 }),
        options({
          at: instant,
          atEach: mostly(fc.array(instant, { maxLength: 4 })),
          outcome: mostly(fc.constantFrom('purchase', ['purchase', 'signup'], 'signup')),
          horizon: mostly(
            fc.oneof(fc.constant({ days: 30 }), fc.nat({ max: 60 * DAY })),
            hostileNumber,
          ),
          observedUntil: instant,
          unknownBehaviour: mostly(fc.constantFrom('error', 'ignore')),
        }),
        (events, given) =>
          finiteOrRefused(
            'backtest',
            () => backtest(model, events as never, given as never),
            (result) => {
              expect(result.auc).toBeGreaterThanOrEqual(0);
              expect(result.auc).toBeLessThanOrEqual(1);
              expect(result.observations.length).toBe(result.n);
              for (const t of result.instants) expect(Math.abs(t.at)).toBeLessThanOrEqual(8.64e15);
            },
          ),
      ),
      { numRuns: 300 },
    );
  });
});
