import fc from 'fast-check';
import { expect } from 'vitest';
import type { DecaySpec } from '../src/model/decaySchema.js';
import { defineModel } from '../src/model/defineModel.js';
import { scoreAt } from '../src/score/scoreAt.js';
import { ladderOf } from '../src/segment/_lib/ladder.js';
import { segmentOf } from '../src/segment/segmentOf.js';
import { hasUnwritableCharacter } from '../src/sql/dialects.js';
import { toSql } from '../src/sql/toSql.js';
import { rulesEventsArbitrary, rulesModelArbitrary } from './rulesArbitraries.js';
import { byCustomer, type SqlEngine, type SqlEventRow, type SqlTableNames } from './sqlEngines.js';

const DAY = 86_400_000;

/**
 * Scoring instants: an ordinary one, one before 1970 (negative epoch milliseconds), one far ahead
 * (ClickHouse's DateTime64 ends in 2299), and the start of a DST change in Europe and the US.
 */
export const SCORING_INSTANTS = [
  Date.parse('2026-06-01T12:00:00.000Z'),
  Date.parse('1955-03-27T01:30:00.250Z'),
  Date.parse('2290-10-28T23:59:59.999Z'),
  Date.parse('2026-03-29T01:00:00.000Z'),
  Date.parse('2026-11-01T06:00:00.000Z'),
];

/** Plain, hostile and non-ASCII names; every one must stay data. */
export const HOSTILE = [
  "it's",
  'back\\slash',
  "end\\'",
  'semi;colon); DROP TABLE sentinel; --',
  '-- comment',
  '/* open',
  '"double"',
  '`tick`',
  '$$dollar$$',
  'tab\there',
  'new\nline',
  'ünïcødé 𝄞 数据',
  '\u202Eright-to-left',
];

const nameArb = fc.oneof(
  fc.constantFrom('visit', 'purchase', 'email_click', ...HOSTILE),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
    .filter((id) => id !== '__proto__' && !hasUnwritableCharacter(id)),
);

/** Realistic magnitudes: 0 or at least 1e-9 (PostgreSQL errors when a float product underflows). */
const amount = (max: number) =>
  fc.double({ min: -max, max, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-9);

const durationArb = fc.integer({ min: 1, max: 200 * DAY });

const decayArb: fc.Arbitrary<DecaySpec> = fc.oneof(
  fc
    .tuple(
      durationArb,
      fc.option(fc.double({ min: 0, max: 0.99, noNaN: true }), { nil: undefined }),
    )
    .map(
      ([duration, graceShare]): DecaySpec =>
        graceShare === undefined
          ? { kind: 'linear', duration }
          : { kind: 'linear', duration, grace: Math.floor(duration * graceShare) },
    ),
  fc
    .tuple(durationArb, fc.option(durationArb, { nil: undefined }))
    .map(
      ([halfLife, cutoff]): DecaySpec =>
        cutoff === undefined
          ? { kind: 'exponential', halfLife }
          : { kind: 'exponential', halfLife, cutoff },
    ),
  durationArb.map((duration): DecaySpec => ({ kind: 'step', duration })),
  fc.constant<DecaySpec>({ kind: 'permanent' }),
);

const behaviourArb = fc.record(
  {
    boost: amount(100),
    decay: decayArb,
    cap: amount(150).map(Math.abs),
  },
  { requiredKeys: ['boost', 'decay'] },
);

/** The ages at which a decay changes regime: exactly there is where an off-by-one would show. */
function breakpoints(decay: DecaySpec): number[] {
  switch (decay.kind) {
    case 'linear':
      return [decay.duration, decay.duration - 1, decay.grace ?? 0, (decay.grace ?? 0) + 1];
    case 'exponential':
      return decay.cutoff === undefined ? [decay.halfLife] : [decay.cutoff, decay.cutoff - 1];
    case 'step':
      return [decay.duration, decay.duration - 1];
    case 'permanent':
      return [0];
  }
}

const scenarioArb = fc
  .uniqueArray(fc.tuple(nameArb, behaviourArb), {
    minLength: 1,
    maxLength: 4,
    selector: ([id]) => id,
  })
  .chain((entries) => {
    const model = defineModel({ behaviours: Object.fromEntries(entries) });
    const ages = [0, ...entries.flatMap(([, behaviour]) => breakpoints(behaviour.decay))];
    const eventArb = fc.record({
      customer: fc.constantFrom('alice', 'bob', "o'brien", 'zoë\\'),
      behaviour: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...model.behaviourIds) },
        { weight: 1, arbitrary: fc.constant('not-in-the-model') },
      ),
      age: fc.oneof(
        fc.constantFrom(...ages),
        fc.integer({ min: -10 * DAY, max: 250 * DAY }),
        // A fraction of a millisecond around `at` and the breakpoints: the SQL rounds an event's
        // instant down to its millisecond, as a JavaScript Date holds it.
        fc
          .tuple(fc.constantFrom(...ages), fc.constantFrom(-0.5, -0.001, 0.25, 0.999))
          .map(([age, fraction]) => age + fraction),
      ),
      weight: fc.option(amount(5), { nil: null }),
    });
    return fc.record({
      model: fc.constant(model),
      at: fc.constantFrom(...SCORING_INSTANTS),
      events: fc.array(eventArb, { minLength: 1, maxLength: 40 }),
      useWeight: fc.boolean(),
      names: fc.record({
        table: fc.constantFrom('events', ...HOSTILE),
        customer: fc.constantFrom('customer_id', "cust'omer"),
        behaviour: fc.constantFrom('behaviour', 'be;ha--viour'),
        at: fc.constantFrom('occurred_at', 'at "time"'),
        weight: fc.constantFrom('weight', 'w\\eight'),
      }),
    });
  });

/**
 * Checks with fast-check that on `engine` every customer's score from the `toSql` query equals
 * `scoreAt` within 1e-6 (and the segment equals `segmentOf` away from the thresholds), for random
 * models, events, weights, and plain or hostile table, column and behaviour names.
 */
export async function assertParity(engine: SqlEngine, numRuns?: number): Promise<void> {
  const name = engine.name;
  await fc.assert(
    fc.asyncProperty(scenarioArb, async ({ model, at, events, useWeight, names }) => {
      const rows: SqlEventRow[] = events.map((event) => ({
        customer: event.customer,
        behaviour: event.behaviour,
        at: at - event.age,
        weight: event.weight,
      }));
      await engine.load(names as SqlTableNames, rows);
      const sql = toSql(model, {
        dialect: name,
        at,
        table: names.table,
        columns: {
          customer: names.customer,
          behaviour: names.behaviour,
          at: names.at,
          ...(useWeight ? { weight: names.weight } : {}),
        },
        segment: true,
      });
      const result = byCustomer(await engine.query(sql));
      const customers = new Set(rows.map((row) => row.customer));
      expect(result.size).toBe(customers.size);
      for (const customer of customers) {
        const mine = rows
          .filter((row) => row.customer === customer)
          .map((row) => ({
            // The scenario writes no NULL behaviour or time (the examples test those).
            behaviour: row.behaviour!,
            // Rounded down to the millisecond, as a Date read from the table would hold it.
            at: Math.floor(row.at!),
            ...(useWeight && row.weight !== null ? { weight: row.weight! } : {}),
          }));
        const expected = scoreAt(model, mine, at, { unknownBehaviour: 'ignore' });
        const row = result.get(customer)!;
        expect(
          Math.abs(row.score - expected),
          `${customer} at ${new Date(at).toISOString()}: ${row.score} vs ${expected}\n${sql}`,
        ).toBeLessThanOrEqual(1e-6);
        const nearThreshold = ladderOf(model).mins.some(
          (threshold) => Math.abs(expected - threshold) < 1e-6,
        );
        if (!nearThreshold) expect(row.segment).toBe(segmentOf(model, expected));
      }
    }),
    numRuns === undefined ? {} : { numRuns },
  );
}

/** A rule model (test/rulesArbitraries.ts) without its frequency caps, which toSql refuses. */
const rulesScenarioArb = rulesModelArbitrary()
  .map((ruled) =>
    defineModel({
      behaviours: Object.fromEntries(
        ruled.behaviourIds.map((id) => {
          const { frequencyCap: _, ...behaviour } = ruled.behaviours[id]!;
          return [id, behaviour];
        }),
      ),
      ...(ruled.groups === undefined ? {} : { groups: ruled.groups }),
      ...(ruled.bounds === undefined ? {} : { bounds: ruled.bounds }),
    }),
  )
  .chain((model) =>
    fc.record({
      model: fc.constant(model),
      events: rulesEventsArbitrary(model),
      at: fc.integer({ min: 0, max: 260 }).map((hours) => hours * 3_600_000),
    }),
  );

/**
 * Checks with fast-check that on `engine` the `toSql` query of a model with bounds, groups and
 * resets (issue 18) gives every customer the score `scoreAt` gives, within 1e-6.
 */
export async function assertRulesParity(engine: SqlEngine, numRuns?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(rulesScenarioArb, async ({ model, events, at }) => {
      const rows: SqlEventRow[] = events.map((event) => ({
        customer: event.customerId,
        behaviour: event.behaviour,
        at: event.at as number,
        weight: event.weight ?? null,
      }));
      const names: SqlTableNames = {
        table: 'events',
        customer: 'customer_id',
        behaviour: 'behaviour',
        at: 'occurred_at',
        weight: 'weight',
      };
      await engine.load(names, rows);
      const sql = toSql(model, { dialect: engine.name, at, columns: { weight: 'weight' } });
      const result = byCustomer(await engine.query(sql));
      const customers = new Set(rows.map((row) => row.customer));
      expect(result.size).toBe(customers.size);
      for (const customer of customers) {
        const mine = events.filter((event) => event.customerId === customer);
        const expected = scoreAt(model, mine, at);
        const row = result.get(customer)!;
        expect(
          Math.abs(row.score - expected),
          `${customer} at ${at}: ${row.score} vs ${expected}\n${JSON.stringify(model)}\n${sql}`,
        ).toBeLessThanOrEqual(1e-6);
      }
    }),
    numRuns === undefined ? {} : { numRuns },
  );
}
