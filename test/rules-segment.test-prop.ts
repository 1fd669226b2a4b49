import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainScore,
  hasRules,
  scoreAt,
  scoreParts,
  scoreTimeline,
  segmentAt,
  segmentOf,
} from '../src/index.js';
import { rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';

const HOUR = 3_600_000;
const instant = fc.integer({ min: -1, max: 300 }).map((hours) => hours * HOUR);
const modelAndEvents = rulesModelArbitrary().chain((model) =>
  fc.tuple(fc.constant(model), rulesEventsArbitrary(model, 1), instant),
);

// Issue 18: explainScore, segmentAt and scoreTimeline score models with every rule as scoreAt and
// scoreParts do.
describe('explainScore, segmentAt and scoreTimeline with the scoring rules (properties)', () => {
  it('explainScore gives the score and groups of scoreAt and scoreParts, and accounts for every event', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        const explanation = explainScore(model, events, at);
        const parts = scoreParts(model, events, at);
        expect(explanation.score).toBe(scoreAt(model, events, at));
        expect(explanation.segment).toBe(segmentOf(model, explanation.score));
        // the arbitrary may draw a model without any rule: then there are no rules' parts
        expect(explanation.rules === undefined).toBe(!hasRules(model));
        if (explanation.rules === undefined) return;
        const rules = explanation.rules;
        expect(rules.ungrouped.raw).toBe(parts.ungrouped);
        expect(
          Object.fromEntries(
            rules.groups.map((g) => [g.group, { raw: g.raw, bounded: g.bounded }]),
          ),
        ).toEqual(parts.groups);
        // the model's bounds applied to the unbounded sum give the score
        const bounds = model.bounds ?? {};
        expect(
          Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? -Infinity, rules.unbounded)),
        ).toBeCloseTo(explanation.score, 9);
        // counted + future + removed by caps and resets = every event
        const removed = [...rules.groups.map((g) => g.removed), rules.ungrouped.removed].reduce(
          (sum, r) => sum + r.frequencyCap + r.reset,
          0,
        );
        expect(explanation.events.length + explanation.ignored.future + removed).toBe(
          events.length,
        );
        // each behaviour's counted events sum to its uncapped total
        for (const part of explanation.behaviours) {
          const sum = explanation.events
            .filter((event) => event.behaviour === part.behaviour)
            .reduce((total, event) => total + event.contribution, 0);
          expect(part.uncapped).toBeCloseTo(sum, 9);
          expect(part.events).toBe(
            explanation.events.filter((event) => event.behaviour === part.behaviour).length,
          );
        }
      }),
    );
  });

  it('segmentAt is the segment of scoreAt', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, at]) => {
        expect(segmentAt(model, events, at)).toBe(segmentOf(model, scoreAt(model, events, at)));
      }),
    );
  });

  it('every point of scoreTimeline equals scoreAt and its segment', () => {
    fc.assert(
      fc.property(modelAndEvents, ([model, events, from]) => {
        const points = scoreTimeline(model, events, {
          from,
          to: from + 240 * HOUR,
          step: { hours: 7 },
        });
        expect(points).toHaveLength(35);
        for (const point of points) {
          const score = scoreAt(model, events, point.at);
          expect(point.score).toBe(score);
          expect(point.segment).toBe(segmentOf(model, score));
        }
      }),
    );
  });
});
