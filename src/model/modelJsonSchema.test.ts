import { describe, expect, it } from 'vitest';
import { modelJsonSchemaOf } from '../../scripts/modelJsonSchemaOf.js';
import { modelJsonSchema } from './modelJsonSchema.js';

describe('modelJsonSchema', () => {
  it('describes behaviours, decays of every kind and segments', () => {
    const text = JSON.stringify(modelJsonSchema());
    for (const kind of ['linear', 'exponential', 'step', 'permanent'])
      expect(text).toContain(`"${kind}"`);
    for (const field of ['boost', 'decay', 'cap', 'halfLife', 'cutoff', 'grace', 'high', 'low']) {
      expect(text).toContain(`"${field}"`);
    }
  });

  it("equals zod's toJSONSchema of the model schema with its descriptions (run npm run generate:schema when it does not)", () => {
    expect(modelJsonSchema()).toEqual(modelJsonSchemaOf());
  });

  it('describes every duration, both bands and behaviourIds (added at build time, not shipped)', () => {
    const text = JSON.stringify(modelJsonSchema());
    const count = (needle: string) => text.split(needle).length - 1;
    expect(count('"description":"Milliseconds, or a date-fns Duration')).toBe(6);
    expect(count('"description":"Hysteresis:')).toBe(2);
    expect(count('"description":"Written by engagekit when a model is serialised')).toBe(1);
  });

  it('is a fresh object each call', () => {
    expect(modelJsonSchema()).not.toBe(modelJsonSchema());
  });
});
