import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import { defineModel } from './defineModel.js';
import type { ModelDefinition } from './modelSchema.js';

const KINDS = 'must be one of "linear", "exponential", "step", "permanent"';

function issuesOf(decay: unknown): { path: readonly (string | number)[]; message: string }[] {
  const error = thrown(() =>
    defineModel({ behaviours: { a: { boost: 1, decay } } } as unknown as ModelDefinition),
  );
  expect(error.code).toBe('INVALID_MODEL');
  return error.issues.map(({ path, message }) => ({ path, message }));
}

// The decay schema is a plain zod union tagged by `kind` (issue 17: z.discriminatedUnion costs
// about 0.5 kB min+brotli more); these are the messages it gave as a discriminated union.
describe('the decay union reads as a discriminated union', () => {
  it('an unknown or missing kind is reported at decay.kind with the kinds accepted', () => {
    for (const decay of [{ kind: 'nope' }, {}, { kind: 5 }, { duration: 3 }]) {
      expect(issuesOf(decay)).toEqual([
        {
          path: ['behaviours', 'a', 'decay', 'kind'],
          message: `defineModel: behaviours.a.decay.kind ${KINDS}`,
        },
      ]);
    }
  });

  it('a decay that is not an object is reported at decay with the kinds accepted', () => {
    expect(issuesOf(null)[0]?.message).toBe(`defineModel: behaviours.a.decay ${KINDS}, got null`);
    expect(issuesOf([])[0]?.message).toBe(`defineModel: behaviours.a.decay ${KINDS}, got an array`);
    expect(issuesOf(5)[0]?.message).toBe(`defineModel: behaviours.a.decay ${KINDS}, got 5`);
  });

  it('a known kind reports every problem of its own fields, and none of the other kinds', () => {
    expect(issuesOf({ kind: 'exponential', duration: 10 })).toEqual([
      {
        path: ['behaviours', 'a', 'decay', 'halfLife'],
        message: 'defineModel: behaviours.a.decay.halfLife is required',
      },
      {
        path: ['behaviours', 'a', 'decay'],
        message: 'defineModel: behaviours.a.decay has unknown field "duration"; check the spelling',
      },
    ]);
    expect(issuesOf({ kind: 'step', duration: { days: -1 } })).toEqual([
      {
        path: ['behaviours', 'a', 'decay', 'duration', 'days'],
        message: 'defineModel: behaviours.a.decay.duration.days must not be negative, got -1',
      },
    ]);
    expect(issuesOf({ kind: 'linear', duration: 10, grace: 20 })).toEqual([
      {
        path: ['behaviours', 'a', 'decay', 'grace'],
        message: 'defineModel: behaviours.a.decay.grace must be shorter than duration',
      },
    ]);
  });
});
