import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day } from '../../test/segmentArbitraries.js';
import { sweptExactly } from '../../test/sweptExactly.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { scoreAt } from '../score/scoreAt.js';
import { segmentAt } from './segmentAt.js';
import { segmentOf } from './segmentOf.js';
import { transitions } from './transitions.js';

describe('transitions properties', () => {
  it('transitions agrees with sampling the timeline densely', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        const from = at;
        const to = at + 60 * day;
        const changes = transitions(model, events, { from, to });
        const start = segmentAt(model, events, from);
        const expected = (t: number): string => {
          let segment: string = start;
          for (const change of changes) if (change.at <= t) segment = change.to;
          return segment;
        };
        const instants = [from, to];
        for (let k = 1; k < 300; k++) instants.push(Math.floor(from + ((to - from) * k) / 300));
        for (const change of changes) instants.push(change.at - 1, change.at);
        for (const t of instants) expect(segmentAt(model, events, t)).toBe(expected(t));
      }),
    );
  });

  it("each transition's score is exactly scoreAt's at its instant (issue 21)", () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        for (const change of transitions(model, events, {
          from: at - 100 * day,
          to: at + 400 * day,
        })) {
          expect(change.score).toBe(scoreAt(model, events, change.at));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('transitions are in time order, inside (from, to], and each changes the segment', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        const changes = transitions(model, events, { from: at, to: at + 60 * day });
        let previous = at;
        let segment: string = segmentAt(model, events, at);
        for (const change of changes) {
          expect(change.at).toBeGreaterThan(previous);
          expect(change.from).toBe(segment);
          expect(change.to).not.toBe(change.from);
          previous = change.at;
          segment = change.to;
        }
        expect(previous).toBeLessThanOrEqual(at + 60 * day);
      }),
    );
  });

  it('with hysteresis, a score oscillating inside the band never changes segment', () => {
    const band = 5;
    const model = defineModel({
      behaviours: {
        base: { boost: 1, decay: permanent() },
        wobble: { boost: 1, decay: step({ days: 1 }) },
      },
      segments: { high: 30, low: 10, band },
    });
    fc.assert(
      fc.property(
        fc.double({ min: 30, max: 60, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 30 }),
        (base, wobbles) => {
          // a base in high, then one-day swings that keep the score within [30 - band, base + band]
          const events = [
            { behaviour: 'base', at: 0, weight: base },
            ...wobbles.map((share, i) => ({
              behaviour: 'wobble',
              at: (2 * i + 1) * day,
              weight: share * (share < 0 ? Math.min(band, base - 30 + band) * 0.999 : band),
            })),
          ];
          expect(transitions(model, events, { from: 0, to: 70 * day })).toEqual([]);
          let segment = segmentOf(model, base);
          for (const share of wobbles) {
            segment = segmentOf(model, 30 - band + (share + 1) * band * 0.999, segment);
            expect(segment).toBe('high');
          }
        },
      ),
    );
  });

  it('scores that sit exactly on a threshold (steps, permanent boosts, grace periods; integer or fractional boosts) change segment exactly where segmentAt does', () => {
    // Issue 21: the closed form cannot tell which side of a threshold such a score is on; the
    // sweep decides a constant stretch once, integers exactly, and must still agree with scoreAt.
    const decay = fc.constantFrom(
      step({ days: 3 }),
      step({ days: 10 }),
      permanent(),
      linear({ days: 20 }, { grace: { days: 5 } }),
    );
    const boost = fc.oneof(
      fc.integer({ min: -20, max: 20 }),
      fc.constantFrom(0.1, 0.2, 0.7, -0.1, -0.3, 1.5),
    );
    const stream = fc.array(
      fc.record({
        behaviour: fc.constantFrom('a', 'b', 'c'),
        at: fc.integer({ min: 0, max: 30 * day }),
        weight: fc.constantFrom(1, 1, 2, 0.5),
      }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(
        decay,
        decay,
        decay,
        boost,
        boost,
        boost,
        stream,
        fc.nat(24),
        fc.nat(24),
        (da, db, dc, ba, bb, bc, events, i, j) => {
          const plain = defineModel({
            behaviours: {
              a: { boost: ba, decay: da },
              b: { boost: bb, decay: db },
              c: { boost: bc, decay: dc },
            },
          });
          // thresholds at scores the customer has, so that it sits on them for days
          const reached = [
            scoreAt(plain, events, events[i % events.length]!.at),
            scoreAt(plain, events, events[j % events.length]!.at),
          ].sort((x, y) => y - x);
          if (!(reached[0]! > reached[1]!)) return;
          const model = defineModel({
            behaviours: plain.behaviours,
            segments: { high: reached[0]!, low: reached[1]! },
          });
          const from = -1;
          const to = 45 * day;
          const changes = transitions(model, events, { from, to });
          // exact agreement with scoreAt, but where the sweep's budget ran out (the documented
          // exception): there, within the closed form's band of a threshold, either side
          const exactly = sweptExactly(model, events, from, to);
          const band =
            1e-12 *
            events.reduce(
              (sum, e) => sum + Math.abs(e.weight * plain.behaviours[e.behaviour]!.boost),
              0,
            );
          const near = (t: number) =>
            !exactly &&
            reached.some((level) => Math.abs(scoreAt(model, events, t) - level) <= band);
          let segment: string = segmentAt(model, events, from);
          const instants = events.flatMap((event) => [event.at - 1, event.at, event.at + 1]);
          for (const change of changes) {
            // never a change scoreAt does not make
            expect(change.from).toBe(segment);
            expect(change.to).not.toBe(change.from);
            expect(segmentAt(model, events, change.at)).toBe(change.to);
            if (!near(change.at - 1)) {
              expect(segmentAt(model, events, change.at - 1)).toBe(segment);
            }
            if (exactly) expect(change.score).toBe(scoreAt(model, events, change.at));
            else
              expect(
                Math.abs(change.score - scoreAt(model, events, change.at)),
              ).toBeLessThanOrEqual(band);
            segment = change.to;
          }
          for (const t of instants.filter((x) => x > from && x <= to)) {
            if (near(t)) continue;
            const before = changes.filter((change) => change.at <= t).at(-1);
            expect(segmentAt(model, events, t)).toBe(
              before === undefined ? segmentAt(model, events, from) : before.to,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
