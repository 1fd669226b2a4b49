import { describe, expect, it } from 'vitest';
import { defineModel } from './defineModel.js';
import { linear } from './linear.js';
import { parseModel } from './parseModel.js';

describe('parseModel', () => {
  it('lists every problem it counts in error.issues, each with a path and a message (issue 21)', () => {
    let caught: unknown;
    try {
      parseModel({ behaviours: { a: { boost: 'x', decay: 1 }, b: { boost: 'y', decay: 2 } } });
    } catch (error) {
      caught = error;
    }
    const error = caught as { message: string; issues: { path: unknown[]; message: string }[] };
    const more = Number(/\(and (\d+) more problems\)/.exec(error.message)?.[1]);
    expect(error.issues).toHaveLength(more + 1);
    expect(error.issues.map((issue) => issue.path)).toContainEqual(['behaviours', 'b', 'boost']);
    for (const issue of error.issues) {
      expect(issue.path.length).toBeGreaterThan(0);
      expect(issue.message).toMatch(/^parseModel: behaviours\.[ab]\./);
    }
  });

  it('parses JSON configuration with date-fns durations', () => {
    const model = parseModel(
      JSON.parse(
        '{"behaviours":{"emailClick":{"boost":25,"decay":{"kind":"linear","duration":{"days":14}}}},"segments":{"high":40,"low":15}}',
      ),
    );
    expect(model.behaviours.emailClick?.decay).toEqual({ kind: 'linear', duration: 1_209_600_000 });
    expect(model.segments).toEqual({ high: 40, low: 15 });
  });

  it('accepts the JSON of a model, behaviourIds included', () => {
    const model = defineModel({
      behaviours: { b: { boost: 1, decay: linear(10) }, a: { boost: 2, decay: linear(20) } },
    });
    expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('says "an array" when a field must be an array', () => {
    expect(() =>
      parseModel({
        behaviours: { a: { boost: 1, decay: { kind: 'permanent' } } },
        behaviourIds: 5,
      }),
    ).toThrowError('parseModel: behaviourIds must be an array, got 5');
  });

  it('rejects behaviourIds that do not list the behaviours in order', () => {
    expect(() =>
      parseModel({
        behaviours: { a: { boost: 1, decay: { kind: 'permanent' } } },
        behaviourIds: ['b'],
      }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_MODEL', path: ['behaviourIds'] }));
  });

  it('names itself in its error messages', () => {
    expect(() => parseModel({ behaviours: { a: { boost: 1 } } })).toThrowError(
      /^parseModel: behaviours\.a\.decay is required/,
    );
  });

  it('rejects a "__proto__" behaviour id instead of touching the prototype', () => {
    expect(() =>
      parseModel(
        JSON.parse('{"behaviours":{"__proto__":{"boost":1,"decay":{"kind":"permanent"}}}}'),
      ),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});
