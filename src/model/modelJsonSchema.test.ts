import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { modelJsonSchema } from './modelJsonSchema.js';
import { modelSchema } from './modelSchema.js';

describe('modelJsonSchema', () => {
  it('describes behaviours, decays of every kind and segments', () => {
    const text = JSON.stringify(modelJsonSchema());
    for (const kind of ['linear', 'exponential', 'step', 'permanent'])
      expect(text).toContain(`"${kind}"`);
    for (const field of ['boost', 'decay', 'cap', 'halfLife', 'cutoff', 'grace', 'high', 'low']) {
      expect(text).toContain(`"${field}"`);
    }
  });

  it("equals zod's toJSONSchema of the model schema (run npm run generate:schema when it does not)", () => {
    expect(modelJsonSchema()).toEqual(
      z.toJSONSchema(modelSchema, { io: 'input', unrepresentable: 'any' }),
    );
  });

  it('is a fresh object each call', () => {
    expect(modelJsonSchema()).not.toBe(modelJsonSchema());
  });
});
