import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day } from '../../test/segmentArbitraries.js';
import { defineModel } from '../model/defineModel.js';
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
});
