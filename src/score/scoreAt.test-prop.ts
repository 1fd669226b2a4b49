import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decayedValue } from '../model/decayedValue.js';
import { eventsArbitrary } from '../testing/eventsArbitrary.js';
import { modelArbitrary } from '../testing/modelArbitrary.js';
import { scoreAt } from './scoreAt.js';

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const instant = fc.integer({ min: FROM - 30 * 86_400_000, max: TO + 400 * 86_400_000 });
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

const modelAndEvents = (options: Parameters<typeof modelArbitrary>[0] = {}) =>
  modelArbitrary(options).chain((model) =>
    fc.tuple(fc.constant(model), eventsArbitrary(model, { from: FROM, to: TO })),
  );

describe('scoreAt properties', () => {
  it('the order of events never matters', () => {
    fc.assert(
      fc.property(
        modelAndEvents().chain(([model, events]) =>
          fc.tuple(
            fc.constant(model),
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length }),
          ),
        ),
        instant,
        ([model, events, shuffled], at) => {
          close(scoreAt(model, shuffled, at), scoreAt(model, events, at));
        },
      ),
    );
  });

  it('without caps, the score of a union of event sets is the sum of their scores', () => {
    fc.assert(
      fc.property(
        modelArbitrary({ caps: false }).chain((model) =>
          fc.tuple(fc.constant(model), eventsArbitrary(model), eventsArbitrary(model)),
        ),
        instant,
        ([model, a, b], at) => {
          close(scoreAt(model, [...a, ...b], at), scoreAt(model, a, at) + scoreAt(model, b, at));
        },
      ),
    );
  });

  it('shifting every event and the instant by the same time leaves the score unchanged', () => {
    fc.assert(
      fc.property(
        modelAndEvents(),
        instant,
        fc.integer({ min: -1e12, max: 1e12 }),
        ([model, events], at, shift) => {
          const moved = events.map((event) => ({ ...event, at: (event.at as number) + shift }));
          expect(scoreAt(model, moved, at + shift)).toBe(scoreAt(model, events, at));
        },
      ),
    );
  });

  it('each event contributes at most |boost x weight|, with its sign, shrinking with age', () => {
    fc.assert(
      fc.property(
        modelAndEvents(),
        instant,
        fc.integer({ min: 0, max: 1e10 }),
        ([model, events], at, later) => {
          for (const event of events) {
            const behaviour = model.behaviours[event.behaviour]!;
            const scale = behaviour.boost * (event.weight ?? 1);
            const now = scoreAt(model, [event], at);
            if (behaviour.cap === undefined) {
              expect(Math.abs(now)).toBeLessThanOrEqual(Math.abs(scale));
              expect(now * scale).toBeGreaterThanOrEqual(0);
            } else {
              expect(Math.abs(now)).toBeLessThanOrEqual(Math.min(Math.abs(scale), behaviour.cap));
            }
            if ((event.at as number) <= at) {
              expect(Math.abs(scoreAt(model, [event], at + later))).toBeLessThanOrEqual(
                Math.abs(now),
              );
            }
          }
        },
      ),
    );
  });

  it('events after the instant never count', () => {
    fc.assert(
      fc.property(modelAndEvents(), instant, ([model, events], at) => {
        const past = events.filter((event) => (event.at as number) <= at);
        expect(scoreAt(model, events, at)).toBe(scoreAt(model, past, at));
      }),
    );
  });

  it('a single uncapped event scores its decayed boost times its weight', () => {
    fc.assert(
      fc.property(modelAndEvents({ caps: false }), instant, ([model, events], at) => {
        for (const event of events) {
          const behaviour = model.behaviours[event.behaviour]!;
          const elapsed = at - (event.at as number);
          const expected =
            elapsed < 0
              ? 0
              : (event.weight ?? 1) * decayedValue(behaviour.boost, behaviour.decay, elapsed);
          close(scoreAt(model, [event], at), expected);
        }
      }),
    );
  });

  it('the score is always a finite number', () => {
    fc.assert(
      fc.property(modelAndEvents(), instant, ([model, events], at) => {
        expect(Number.isFinite(scoreAt(model, events, at))).toBe(true);
      }),
    );
  });
});
