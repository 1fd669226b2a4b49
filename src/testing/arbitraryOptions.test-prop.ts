import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/thrown.js';
import type { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { linear } from '../model/linear.js';
import { activityArbitrary } from './activityArbitrary.js';
import { customerStreamArbitrary } from './customerStreamArbitrary.js';
import { eventsArbitrary } from './eventsArbitrary.js';
import { decayArbitrary, modelArbitrary } from './modelArbitrary.js';
import { csatResponsesArbitrary, npsResponsesArbitrary } from './surveyArbitraries.js';

const visit = defineModel({ behaviours: { visit: { boost: 5, decay: linear({ days: 7 }) } } });

const paths = (error: EngagekitError) => error.issues.map((issue) => issue.path.join('.'));

describe('the testing arbitraries refuse bad options at the call (issue 21)', () => {
  it('every problem of the options is listed, each with its path, before fast-check draws', () => {
    const error = thrown(() =>
      eventsArbitrary(visit, {
        maxLength: -1,
        from: 1.5,
        magnitude: 'huge' as never,
        customers: ['ann', 3 as never],
      }),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(paths(error)).toEqual([
      'options.from',
      'options.maxLength',
      'options.magnitude',
      'options.customers.1',
    ]);
    expect(error.message).toMatch(/^eventsArbitrary: options\.from must be whole epoch/);
  });

  it('sizes must be whole numbers from 0 (1 for counts) to 1,000,000, minLength at most maxLength', () => {
    expect(paths(thrown(() => npsResponsesArbitrary({ minLength: 5, maxLength: 2 })))).toEqual([
      'options.maxLength',
    ]);
    expect(paths(thrown(() => activityArbitrary({ users: 0, maxLength: 1e9 })))).toEqual([
      'options.users',
      'options.maxLength',
    ]);
    expect(paths(thrown(() => customerStreamArbitrary(visit, { customers: Number.NaN })))).toEqual([
      'options.customers',
    ]);
    expect(paths(thrown(() => modelArbitrary({ maxBehaviours: 2 ** 32 })))).toEqual([
      'options.maxBehaviours',
    ]);
    // a minLength above the default maxLength raises the default instead of failing
    const [long] = fc.sample(npsResponsesArbitrary({ minLength: 300 }), { numRuns: 1, seed: 1 });
    expect(long!.length).toBeGreaterThanOrEqual(300);
  });

  it('refuses null options, unknown and prototype keys, and a to before from', () => {
    expect(thrown(() => modelArbitrary(null as never)).path).toEqual(['options']);
    const proto = thrown(() =>
      npsResponsesArbitrary(JSON.parse('{"__proto__": {"minLength": 3}}')),
    );
    expect(proto.message).toMatch(/unknown field "__proto__"/);
    expect(paths(thrown(() => activityArbitrary({ to: Date.UTC(2025, 0, 1) })))).toEqual([
      'options.to',
    ]);
    expect(paths(thrown(() => eventsArbitrary(visit, { from: 8.64e15 + 1 })))).toEqual([
      'options.from',
    ]);
  });

  it('refuses a model that is not one with INVALID_MODEL, a maxDuration of 1e300 or 0.5, a bad scale', () => {
    expect(thrown(() => eventsArbitrary({ behaviourIds: [] } as never)).code).toBe('INVALID_MODEL');
    expect(thrown(() => customerStreamArbitrary(null as never)).path).toEqual(['model']);
    expect(thrown(() => decayArbitrary(1e300)).path).toEqual(['maxDuration']);
    expect(thrown(() => modelArbitrary({ maxDuration: 0.5 })).path).toEqual([
      'options',
      'maxDuration',
    ]);
    expect(thrown(() => csatResponsesArbitrary([5, 1])).path).toEqual(['scale']);
    expect(thrown(() => csatResponsesArbitrary([1, 1e9])).path).toEqual(['scale']);
    expect(thrown(() => activityArbitrary({ userIds: 'u' as never })).path).toEqual([
      'options',
      'userIds',
    ]);
  });
});

describe('the testing arbitraries honour their magnitude and id options', () => {
  it('activityArbitrary draws at most `users` distinct ids from userIds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer(), (users, seed) => {
        const rows = fc
          .sample(activityArbitrary({ users, userIds: fc.uuid(), minLength: 1 }), {
            numRuns: 1,
            seed,
          })
          .flat();
        const ids = new Set(rows.map((row) => row.userId));
        expect(ids.size).toBeLessThanOrEqual(users);
        for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      }),
      { numRuns: 30 },
    );
  });

  it('an id arbitrary that repeats itself gives fewer ids, and never hangs', () => {
    const stream = fc
      .sample(customerStreamArbitrary(visit, { customers: 3, customerIds: fc.constant('a') }), {
        numRuns: 5,
        seed: 3,
      })
      .flat();
    expect(new Set(stream.map((event) => event.customerId))).toEqual(new Set(['a']));
    const models = fc.sample(
      modelArbitrary({ behaviourIds: fc.constantFrom('', '__proto__', 'ok') }),
      { numRuns: 20, seed: 3 },
    );
    for (const model of models) {
      expect(model.behaviourIds.every((id) => id === 'ok' || id === 'visit')).toBe(true);
    }
  });

  it("customerStreamArbitrary passes the magnitude on: realistic weights by default, 'extreme' on request", () => {
    const weightsOf = (magnitude?: 'realistic' | 'extreme') =>
      fc
        .sample(customerStreamArbitrary(visit, magnitude === undefined ? {} : { magnitude }), {
          numRuns: 60,
          seed: 5,
        })
        .flat()
        .flatMap((event) => (event.weight === undefined ? [] : [event.weight]));
    for (const weight of weightsOf()) {
      expect(weight === 0 || (Math.abs(weight) >= 0.001 && Math.abs(weight) <= 3)).toBe(true);
    }
    expect(weightsOf('extreme').some((weight) => Math.abs(weight) > 1e300)).toBe(true);
  });

  it('eventsArbitrary draws customer ids only from the list given, instants only in [from, to]', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -8.64e15, max: 8.64e15 - 1000 }),
        (customers, from) => {
          const to = from + 1000;
          const [events] = fc.sample(eventsArbitrary(visit, { customers, from, to }), {
            numRuns: 1,
            seed: from,
          });
          for (const event of events!) {
            expect(customers).toContain(event.customerId);
            expect(event.at).toBeGreaterThanOrEqual(from);
            expect(event.at).toBeLessThanOrEqual(to);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
