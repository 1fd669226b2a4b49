import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainScore,
  type Model,
  scoreAt,
  scoreTimeline,
  segmentAt,
  transitions,
} from '../src/index.js';
import { historyCustomer } from './rulesFading.js';
import { sweptExactly } from './sweptExactly.js';

/** The ladder's levels from the top: names and least scores, and the band. */
function ladder(model: Model): { names: string[]; mins: number[]; band: number } {
  const segments = model.segments as { high: number; low: number; band?: number };
  return {
    names: ['high', 'low', 'disengaged'],
    mins: [segments.high, segments.low],
    band: segments.band ?? 0,
  };
}

/**
 * The segment of `score` for a customer in `previous` (the hysteresis rule written out: move up
 * at a level's least score, leave downwards only below it minus the band).
 */
function classify(model: Model, score: number, previous: string): string {
  const { names, mins, band } = ladder(model);
  let plain = 0;
  while (plain < mins.length && score < mins[plain]!) plain++;
  let index = names.indexOf(previous);
  if (plain <= index || band === 0) return names[plain]!;
  while (index < mins.length && score < mins[index]! - band) index++;
  return names[index]!;
}

/**
 * Checks a customer's transitions in `[from, to]` against scoreAt: at each change the score is
 * scoreAt's and moves the customer from `from` to `to` by the ladder's rule, the millisecond before
 * it keeps them in `from`, and at every event instant and random instant in between scoreAt keeps
 * them where the transitions say; segmentAt and scoreTimeline agree.
 */
function checkHistory(
  model: Model,
  events: Parameters<typeof scoreAt>[1],
  from: number,
  to: number,
  fractions: readonly number[],
): void {
  const changes = transitions(model, events, { from, to });
  // exact agreement with scoreAt, but where the sweep's budget ran out (the documented
  // exception): there an instant within the closed form's band of a threshold may go either way
  const exactly = sweptExactly(model, events, from, to);
  const { mins, band } = ladder(model);
  const levels = [...mins, ...mins.map((min) => min - band)];
  const tolerance =
    1e-12 *
    (1 +
      Math.max(...levels.map(Math.abs)) +
      events.reduce(
        (sum, event) =>
          sum + Math.abs((event.weight ?? 1) * model.behaviours[event.behaviour]!.boost),
        0,
      ));
  const near = (t: number) =>
    !exactly && levels.some((level) => Math.abs(scoreAt(model, events, t) - level) <= tolerance);
  let current = segmentAt(model, events, from);
  const instants = [
    ...events.map((event) => event.at as number),
    ...events.map((event) => (event.at as number) - 1),
    ...fractions.map((fraction) => Math.floor(from + (to - from) * fraction)),
  ]
    .filter((t) => t > from && t <= to)
    .sort((x, y) => x - y);
  let next = 0;
  for (const change of changes) {
    expect(change.from).toBe(current);
    expect(change.to).not.toBe(change.from);
    expect(change.at).toBeGreaterThan(from);
    expect(change.at).toBeLessThanOrEqual(to);
    // every sampled instant before the change keeps the customer in `current`
    while (next < instants.length && instants[next]! < change.at) {
      const t = instants[next++]!;
      if (near(t)) continue;
      expect(classify(model, scoreAt(model, events, t), current)).toBe(current);
    }
    if (Number.isInteger(change.at) && change.at - 1 > from && !near(change.at - 1)) {
      expect(classify(model, scoreAt(model, events, change.at - 1), current)).toBe(current);
    }
    if (exactly) expect(change.score).toBe(scoreAt(model, events, change.at));
    else {
      expect(Math.abs(change.score - scoreAt(model, events, change.at))).toBeLessThanOrEqual(
        tolerance,
      );
    }
    expect(classify(model, change.score, current)).toBe(change.to);
    // never a change scoreAt does not make
    if (!near(change.at)) expect(segmentAt(model, events, change.at)).toBe(change.to);
    current = change.to;
  }
  while (next < instants.length) {
    const t = instants[next++]!;
    if (t === changes.at(-1)?.at || near(t)) continue;
    expect(classify(model, scoreAt(model, events, t), current)).toBe(current);
  }
  if (!near(to)) expect(segmentAt(model, events, to)).toBe(current);
  const points = scoreTimeline(model, events, { from, to, step: Math.ceil((to - from) / 7) });
  for (const point of points) {
    const before = changes.filter((change) => change.at <= point.at).at(-1);
    if (!near(point.at)) {
      expect(point.segment).toBe(before === undefined ? segmentAt(model, events, from) : before.to);
    }
    expect(point.score).toBe(scoreAt(model, events, point.at));
  }
  if (!near(to)) expect(explainScore(model, events, to).segment).toBe(current);
}

// Issue 18: a model's rules change the counted events as the history goes (a reset discards the
// earlier events at its instant; a capped event never counts), and transitions replays them in
// one sweep; with a hysteresis band segmentAt, explainScore and scoreTimeline replay the path.
describe('transitions and band replay with the scoring rules (properties)', () => {
  it('every change is where scoreAt moves the customer, and nothing moves them in between', () => {
    fc.assert(
      fc.property(historyCustomer(false), ([model, events, from, to, fractions]) => {
        checkHistory(model, events, from, to, fractions);
      }),
      { numRuns: 200 },
    );
  });

  it('with a hysteresis band every change follows the band rule on scoreAt, and segmentAt replays the same path', () => {
    fc.assert(
      fc.property(historyCustomer(true), ([model, events, from, to, fractions]) => {
        checkHistory(model, events, from, to, fractions);
      }),
      { numRuns: 200 },
    );
  });
});
