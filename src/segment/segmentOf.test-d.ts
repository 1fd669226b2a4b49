import { describe, expectTypeOf, it } from 'vitest';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import type { DefaultSegment, Segment } from '../model/modelSchema.js';
import { parseModel } from '../model/parseModel.js';
import { forecast } from './forecast.js';
import { segmentAt } from './segmentAt.js';
import { segmentOf } from './segmentOf.js';

const behaviours = { purchase: { boost: 50, decay: linear({ days: 120 }) } };

describe('segment types', () => {
  it('the default ladder gives high | low | disengaged', () => {
    const model = defineModel({ behaviours });
    expectTypeOf(segmentOf(model, 1)).toEqualTypeOf<DefaultSegment>();
    expectTypeOf(segmentAt(model, [], 0)).toEqualTypeOf<DefaultSegment>();
    const thresholds = defineModel({ behaviours, segments: { high: 40, low: 20, band: 2 } });
    expectTypeOf(segmentOf(thresholds, 1)).toEqualTypeOf<DefaultSegment>();
  });

  it('a custom ladder gives its own names', () => {
    const model = defineModel({
      behaviours,
      segments: { levels: [{ name: 'vip', min: 50 }], below: 'rest' },
    });
    expectTypeOf(segmentOf(model, 1)).toEqualTypeOf<'vip' | 'rest'>();
    expectTypeOf(forecast(model, [], 0).segment).toEqualTypeOf<'vip' | 'rest'>();
  });

  it('a parsed model may have any ladder', () => {
    expectTypeOf(segmentOf(parseModel({ behaviours: {} }), 1)).toEqualTypeOf<Segment>();
  });
});
