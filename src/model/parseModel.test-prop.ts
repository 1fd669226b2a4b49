import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArbitrary } from '../testing/modelArbitrary.js';
import { parseModel } from './parseModel.js';

describe('parseModel properties', () => {
  it('a model survives a JSON round trip through parseModel', () => {
    fc.assert(
      fc.property(modelArbitrary(), (model) => {
        expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
      }),
    );
  });
});
