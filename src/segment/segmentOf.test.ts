import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { permanent } from '../model/permanent.js';
import { segmentOf } from './segmentOf.js';

const behaviours = { signup: { boost: 10, decay: permanent() } };

describe('segmentOf', () => {
  it('puts exactly 30 in high and exactly 10 in low on the default ladder', () => {
    const model = defineModel({ behaviours });
    expect([30, 29.999, 10, 9.999].map((score) => segmentOf(model, score))).toEqual([
      'high',
      'low',
      'low',
      'disengaged',
    ]);
  });

  it('climbs a four-level custom ladder', () => {
    const model = defineModel({
      behaviours,
      segments: {
        levels: [
          { name: 'champion', min: 80 },
          { name: 'active', min: 30 },
          { name: 'casual', min: 10 },
        ],
        below: 'dormant',
      },
    });
    expect([100, 80, 79, 30, 10, 9, -5].map((score) => segmentOf(model, score))).toEqual([
      'champion',
      'champion',
      'active',
      'active',
      'casual',
      'dormant',
      'dormant',
    ]);
  });

  it('with a band of 5, leaves high below 25 and re-enters it only at 30', () => {
    // The worked example of the docs: 27 stays high, 24 is low, 29 stays low, 30 is high again.
    const model = defineModel({ behaviours, segments: { high: 30, low: 10, band: 5 } });
    let segment = segmentOf(model, 35);
    const path: string[] = [];
    for (const score of [27, 24, 29, 30, 26, 6, 4, 9, 10]) {
      segment = segmentOf(model, score, segment);
      path.push(segment);
    }
    expect(path).toEqual([
      'high',
      'low',
      'low',
      'high',
      'high',
      'low',
      'disengaged',
      'disengaged',
      'low',
    ]);
  });

  it('a fall through several levels stops where the band still holds', () => {
    const model = defineModel({
      behaviours,
      segments: {
        levels: [
          { name: 'a', min: 80 },
          { name: 'b', min: 50 },
          { name: 'c', min: 20 },
        ],
        below: 'd',
        band: 5,
      },
    });
    // from a straight to 47: below b's 50 but within its band, so b; to 16: below c - 5, so d
    expect(segmentOf(model, 47, 'a')).toBe('b');
    expect(segmentOf(model, 14, 'a')).toBe('d');
    expect(segmentOf(model, 16, 'a')).toBe('c');
  });

  it('rejects a score that is not finite with INVALID_OPTION naming score', () => {
    const error = thrown(() => segmentOf(defineModel({ behaviours }), Number.NaN));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['score']);
    expect(error.message).toMatch(/^segmentOf: score must be a finite number/);
  });

  it('rejects a previous segment that is not in the ladder with INVALID_OPTION naming previous', () => {
    const error = thrown(() => segmentOf(defineModel({ behaviours }), 5, 'gold' as 'high'));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.path).toEqual(['previous']);
    expect(error.message).toMatch(/^segmentOf: previous must be a segment of the model/);
  });
});
