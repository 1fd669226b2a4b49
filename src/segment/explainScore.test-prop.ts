import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAt } from '../score/scoreAt.js';
import { eventsArbitrary } from '../testing/eventsArbitrary.js';
import { modelArbitrary } from '../testing/modelArbitrary.js';
import { explainScore } from './explainScore.js';

const FROM = Date.UTC(2026, 0, 1);
const instant = fc.integer({ min: FROM, max: FROM + 500 * 86_400_000 });
const modelAndEvents = modelArbitrary().chain((model) =>
  fc.tuple(fc.constant(model), eventsArbitrary(model)),
);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('explainScore properties', () => {
  it('the behaviour parts sum to the score, which equals scoreAt', () => {
    fc.assert(
      fc.property(modelAndEvents, instant, ([model, events], at) => {
        const explanation = explainScore(model, events, at);
        expect(explanation.score).toBe(scoreAt(model, events, at));
        const parts = sum(explanation.behaviours.map((part) => part.contribution));
        expect(Math.abs(parts - explanation.score)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(parts)),
        );
      }),
    );
  });

  it("each behaviour's events sum to its uncapped total", () => {
    fc.assert(
      fc.property(modelAndEvents, instant, ([model, events], at) => {
        const explanation = explainScore(model, events, at);
        for (const part of explanation.behaviours) {
          const own = explanation.events.filter((event) => event.behaviour === part.behaviour);
          expect(own).toHaveLength(part.events);
          const total = sum(own.map((event) => event.contribution));
          expect(Math.abs(total - part.uncapped)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(total)),
          );
        }
      }),
    );
  });

  it('every event is either counted or accounted for as ignored', () => {
    fc.assert(
      fc.property(modelAndEvents, instant, ([model, events], at) => {
        const explanation = explainScore(model, events, at);
        expect(
          explanation.events.length +
            explanation.ignored.future +
            explanation.ignored.unknownBehaviour,
        ).toBe(events.length);
      }),
    );
  });

  it('parts are sorted by decreasing magnitude', () => {
    fc.assert(
      fc.property(modelAndEvents, instant, ([model, events], at) => {
        const { behaviours, events: parts } = explainScore(model, events, at);
        for (const list of [behaviours, parts]) {
          for (let i = 1; i < list.length; i++) {
            expect(Math.abs(list[i - 1]!.contribution)).toBeGreaterThanOrEqual(
              Math.abs(list[i]!.contribution),
            );
          }
        }
      }),
    );
  });
});
