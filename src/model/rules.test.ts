import { describe, expect, it } from 'vitest';
import { EngagekitError } from '../errors/EngagekitError.js';
import { compileModel } from './compileModel.js';
import { defineModel } from './defineModel.js';
import { hasRules } from './hasRules.js';
import { linear } from './linear.js';
import { modelJsonSchema } from './modelJsonSchema.js';
import { parseModel } from './parseModel.js';

const decay = linear({ days: 7 });

function issuesOf(run: () => unknown): { code: string; paths: string[]; messages: string[] } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof EngagekitError)) throw error;
    return {
      code: error.code,
      paths: error.issues.map((issue) => issue.path.join('.')),
      messages: error.issues.map((issue) => issue.message),
    };
  }
  throw new Error('did not throw');
}

describe('model rules (issue 18)', () => {
  const model = defineModel({
    behaviours: {
      email: {
        boost: 10,
        decay,
        frequencyCap: { count: 20, per: 'day', timeZone: 'Europe/Amsterdam' },
      },
      visit: { boost: 5, decay, frequencyCap: { count: 3, window: { days: 30 } } },
      unsubscribe: { boost: 0, decay, resets: ['email'] },
      churn: { boost: 0, decay, resets: true },
    },
    groups: { mail: { behaviours: ['email', 'unsubscribe'], bounds: { max: 40 } } },
    bounds: { min: 0, max: 100 },
  });

  it('keeps the rules with durations in milliseconds', () => {
    expect(model.behaviours.visit?.frequencyCap).toEqual({ count: 3, window: 30 * 86_400_000 });
    expect(model.behaviours.email?.frequencyCap).toEqual({
      count: 20,
      per: 'day',
      timeZone: 'Europe/Amsterdam',
    });
    expect(model.bounds).toEqual({ min: 0, max: 100 });
    expect(model.groups).toEqual({
      mail: { behaviours: ['email', 'unsubscribe'], bounds: { max: 40 } },
    });
  });

  it('survives a JSON round trip through parseModel', () => {
    expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('compiles the rules into typed arrays and says the model has rules', () => {
    const compiled = compileModel(model);
    expect(hasRules(model)).toBe(true);
    expect(hasRules(compiled)).toBe(true);
    expect(Array.from(compiled.rules!.capKind)).toEqual([1, 2, 0, 0]);
    expect(Array.from(compiled.rules!.capCount)).toEqual([20, 3, Infinity, Infinity]);
    expect(Array.from(compiled.rules!.groupOf)).toEqual([0, -1, 0, -1]);
    expect(Array.from(compiled.rules!.resetTargets[2]!)).toEqual([1, 0, 0, 0]);
    expect(Array.from(compiled.rules!.resetTargets[3]!)).toEqual([1, 1, 1, 1]);
    expect(compiled.rules!.min).toBe(0);
    expect(compiled.rules!.max).toBe(100);
  });

  it('leaves a model without rules compiled exactly as before (no rules field)', () => {
    const compiled = compileModel(defineModel({ behaviours: { visit: { boost: 5, decay } } }));
    expect('rules' in compiled).toBe(false);
    expect(hasRules(compiled)).toBe(false);
  });

  it('reports every problem between the rules at once, each with its path', () => {
    const found = issuesOf(() =>
      parseModel({
        behaviours: {
          a: { boost: 1, decay: { kind: 'permanent' }, resets: ['ghost'] },
          b: { boost: 1, decay: { kind: 'permanent' } },
        },
        groups: {
          one: { behaviours: ['a', 'nobody'] },
          two: { behaviours: ['a', 'b'], bounds: { min: 5, max: 1 } },
        },
      }),
    );
    expect(found.code).toBe('INVALID_MODEL');
    // The field's own problem and the cross-field ones, all at once.
    expect(found.paths).toEqual([
      'groups.two.bounds.min',
      'groups.one.behaviours.1',
      'groups.two.behaviours.0',
      'behaviours.a.resets.0',
    ]);
    const cross = issuesOf(() =>
      parseModel({
        behaviours: {
          a: { boost: 1, decay: { kind: 'permanent' }, resets: ['ghost'] },
          b: { boost: 1, decay: { kind: 'permanent' } },
        },
        groups: { one: { behaviours: ['a', 'nobody'] }, two: { behaviours: ['a', 'b'] } },
      }),
    );
    // Every zod issue is in error.issues, each with its own path and message (src/errors).
    expect(cross.paths).toEqual([
      'groups.one.behaviours.1',
      'groups.two.behaviours.0',
      'behaviours.a.resets.0',
    ]);
    expect(cross.messages[0]).toMatch(/^parseModel: .*"nobody".*does not define/);
  });

  it('rejects a frequency cap without exactly one of per and window, a bad zone and a bad count', () => {
    const found = issuesOf(() =>
      parseModel({
        behaviours: {
          a: { boost: 1, decay: { kind: 'permanent' }, frequencyCap: { count: 2 } },
          b: { boost: 1, decay: { kind: 'permanent' }, frequencyCap: { count: 0.5, per: 'day' } },
          c: {
            boost: 1,
            decay: { kind: 'permanent' },
            frequencyCap: { count: 1, per: 'day', timeZone: 'Europe/Nowhere' },
          },
          d: {
            boost: 1,
            decay: { kind: 'permanent' },
            frequencyCap: { count: 1, window: 0 },
          },
        },
      }),
    );
    expect(found.paths).toEqual([
      'behaviours.a.frequencyCap.per',
      'behaviours.b.frequencyCap.count',
      'behaviours.c.frequencyCap.timeZone',
      'behaviours.d.frequencyCap.window',
    ]);
  });

  it('describes the rules in the JSON Schema', () => {
    const schema = modelJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['behaviours', 'segments', 'bounds', 'groups']),
    );
  });
});
