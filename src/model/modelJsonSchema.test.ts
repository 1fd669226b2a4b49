import { describe, expect, it } from 'vitest';
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

  it('is a fresh object each call', () => {
    expect(modelJsonSchema()).not.toBe(modelJsonSchema());
  });
});
