import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerArbitrary, day } from '../../test/segmentArbitraries.js';
import { scoreAt } from '../score/scoreAt.js';
import { explainScore } from './explainScore.js';
import { scoreTimeline } from './scoreTimeline.js';
import { segmentAt } from './segmentAt.js';

describe('scoreTimeline and explainScore properties', () => {
  it('every timeline point has the score of scoreAt and the segment of segmentAt, bands included', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        const points = scoreTimeline(model, events, {
          from: at,
          to: at + 30 * day,
          step: { days: 1.5 },
        });
        for (const point of points) {
          expect(point.score).toBe(scoreAt(model, events, point.at));
          expect(point.segment).toBe(segmentAt(model, events, point.at));
        }
      }),
    );
  });

  it('explainScore gives the segment of segmentAt, bands included', () => {
    fc.assert(
      fc.property(customerArbitrary, ({ model, events, at }) => {
        expect(explainScore(model, events, at).segment).toBe(segmentAt(model, events, at));
      }),
    );
  });
});
