import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { npsCategory } from './npsCategory.js';

describe('npsCategory', () => {
  it('puts 0-6 in detractors, 7-8 in passives and 9-10 in promoters', () => {
    expect(Array.from({ length: 11 }, (_, answer) => npsCategory(answer))).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it.each([[11], [-1], [8.5], [Number.NaN], ['9']])(
    'rejects %j with INVALID_RESPONSE naming the response',
    (answer) => {
      let error: unknown;
      try {
        npsCategory(answer as number);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(EngagekitError);
      expect((error as EngagekitError).code).toBe('INVALID_RESPONSE');
      expect((error as EngagekitError).path).toEqual(['response']);
      expect((error as EngagekitError).message).toMatch(/^npsCategory: response /);
    },
  );
});
