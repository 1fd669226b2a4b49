import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEngagekitError } from '../errors/EngagekitError.js';
import { scoreAt } from '../score/scoreAt.js';
import { eventsArbitrary } from '../testing/eventsArbitrary.js';
import { modelArbitrary } from '../testing/modelArbitrary.js';
import { backtest } from './backtest.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 3, 1);
const customers = ['a', 'b', 'c', 'd', 'e', 'f'];

const scenario = modelArbitrary({ maxBehaviours: 3 }).chain((model) =>
  fc.record({
    model: fc.constant(model),
    events: fc
      .tuple(
        eventsArbitrary(model, { from: FROM, to: TO, customers, maxLength: 80 }),
        fc.array(
          fc.record({
            customerId: fc.constantFrom(...customers),
            behaviour: fc.constantFrom(...model.behaviourIds),
            at: fc.integer({ min: FROM, max: TO }),
          }),
          { minLength: 20, maxLength: 60 },
        ),
      )
      .map(([mixed, plain]) => [...mixed, ...plain]),
    atEach: fc.array(fc.integer({ min: FROM + 20 * DAY, max: FROM + 45 * DAY }), {
      minLength: 1,
      maxLength: 4,
    }),
    horizonDays: fc.integer({ min: 1, max: 50 }),
    outcome: fc.constantFrom(...model.behaviourIds),
  }),
);

describe('backtest properties', () => {
  it('every kept window ends by the last event time, labels and scores match the definition', () => {
    fc.assert(
      fc.property(scenario, ({ model, events, atEach, horizonDays, outcome }) => {
        const horizon = horizonDays * DAY;
        let result: ReturnType<typeof backtest>;
        try {
          result = backtest(model, events, { atEach, outcome, horizon });
        } catch (error) {
          // Too little data (all censored, one class only) is a clear error, never a fake answer.
          expect(isEngagekitError(error, 'EMPTY_INPUT')).toBe(true);
          return;
        }
        const last = Math.max(...events.map((event) => Number(event.at)));
        expect(result.observedUntil).toBe(last);
        for (const t of result.censoredInstants) expect(t + horizon).toBeGreaterThan(last);
        for (const o of result.observations) {
          expect(o.at + horizon).toBeLessThanOrEqual(last);
          const own = events.filter((event) => event.customerId === o.customerId);
          expect(own.some((event) => Number(event.at) <= o.at)).toBe(true);
          expect(o.score).toBe(scoreAt(model, own, o.at));
          expect(o.outcome).toBe(
            own.some(
              (event) =>
                event.behaviour === outcome &&
                Number(event.at) > o.at &&
                Number(event.at) <= o.at + horizon,
            ),
          );
        }
        expect(result.n).toBe(result.observations.length);
        expect(result.segments.reduce((sum, row) => sum + row.n, 0)).toBe(result.n);
        expect(result.deciles.reduce((sum, row) => sum + row.n, 0)).toBe(result.n);
        expect(result.deciles.reduce((sum, row) => sum + row.positives, 0)).toBe(result.positives);
      }),
    );
  });
});
