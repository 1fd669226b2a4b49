import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { backtest } from './backtest.js';
import { predictiveValidity } from './predictiveValidity.js';
import { suggestThresholds } from './suggestThresholds.js';

/** Every number of a result, however deep, is finite: no NaN, no Infinity. */
function expectFinite(value: unknown, where = 'result'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), where).toBe(true);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) expectFinite(value[i], `${where}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) expectFinite(item, `${where}.${key}`);
  }
}

/**
 * The property of issue 21: the call returns a finite result that `check` accepts, or throws an
 * EngagekitError whose path and every issue's path are not empty and whose message starts with
 * the function's name.
 */
function finiteOrRefused<T>(fn: string, run: () => T, check: (result: T) => void): void {
  let result: T;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngagekitError);
    const refused = error as EngagekitError;
    expect(refused.path.length, refused.message).toBeGreaterThan(0);
    for (const issue of refused.issues) expect(issue.path.length, issue.message).toBeGreaterThan(0);
    expect(refused.message.startsWith(`${fn}: `), refused.message).toBe(true);
    return;
  }
  expectFinite(result);
  check(result);
}

/** Numbers an attacker tries: NaN, infinities, -0, subnormals, the largest doubles, 2^53. */
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(5e-324, 2 ** -1070, 1e-310, Number.MAX_VALUE, 1e308, 2 ** 53, 2 ** 53 + 2, -0),
  fc.constantFrom(1 - 2 ** -53, 0.95, 1e-10, 0.5),
);
/** Anything at all, numbers of the hostile kind more often. */
const hostile = fc.oneof(
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.anything() },
  fc.constantFrom(null, undefined, '9', [], {}),
);
/** Mostly `valid`, so that the computation is reached with the extremes, sometimes `hostile`. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown> = hostile, weight = 4) =>
  fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: other });
const options = (keys: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(keys, { requiredKeys: [] }) },
    fc.record({ ...keys, misspelt: hostile }, { requiredKeys: [] }),
    hostile,
  );
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
