import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArbitrary } from '../../test/segmentArbitraries.js';
import { parseModel } from './parseModel.js';

describe('segment ladder properties', () => {
  it('a model with any ladder survives a JSON round trip through parseModel', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
      }),
    );
  });
});
