import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAtRisk } from '../../test/atRiskSqlRows.js';
import {
  openClickHouse,
  openDuckDb,
  openPglite,
  type SqlEngine,
  type SqlTableNames,
} from '../../test/sqlEngines.js';
import { thrown } from '../../test/thrown.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { atRisk } from '../segment/atRisk.js';
import { atRiskSql } from './atRiskSql.js';
import { SQL_DIALECTS } from './dialects.js';

const DAY = 86_400_000;
const AT = Date.parse('2026-06-01T12:00:00.000Z');
const NAMES: SqlTableNames = {
  table: 'events',
  customer: 'customer_id',
  behaviour: 'behaviour',
  at: 'occurred_at',
  weight: 'weight',
};

const model = defineModel({
  behaviours: {
    purchase: { boost: 50, decay: linear({ days: 30 }, { grace: { days: 3 } }) },
    visit: { boost: 8, decay: exponential({ days: 3 }, { cutoff: { days: 20 } }), cap: 20 },
    trial: { boost: 12, decay: step({ days: 10 }) },
    signup: { boost: 5, decay: permanent() },
  },
});

const events = [
  // ann: purchase 20 of 30 days old, after a 3-day grace = 50 * 10 / 27 = 18.52; a visit one day
  // old = 8 * 2^(-1/3) = 6.35. Low (24.87), falling below 10 as both decay.
  { customerId: 'ann', behaviour: 'purchase', at: AT - 20 * DAY },
  { customerId: 'ann', behaviour: 'visit', at: AT - 1 * DAY },
  // bo: two trials (12 each, expiring 1 and 2 days from now) and a signup (5): 29, low; 17 after
  // one day, still low; 5 after two days, disengaged at exactly AT + 2 days.
  { customerId: 'bo', behaviour: 'trial', at: AT - 9 * DAY },
  { customerId: 'bo', behaviour: 'trial', at: AT - 8 * DAY },
  { customerId: 'bo', behaviour: 'signup', at: AT - 80 * DAY },
  // cy: four visits (capped at 20) and a purchase exactly at AT (50, in grace for 3 days): 70,
  // high; falls below 30 on the 14th day.
  ...[0.5, 0.5, 0.5, 0.2].map((days) => ({
    customerId: 'cy',
    behaviour: 'visit',
    at: AT - days * DAY,
  })),
  { customerId: 'cy', behaviour: 'purchase', at: AT },
  // dee: a signup only (5): disengaged already, never at risk.
  { customerId: 'dee', behaviour: 'signup', at: AT - DAY },
  // eve: a purchase after AT does not count: nothing, never at risk.
  { customerId: 'eve', behaviour: 'purchase', at: AT + 1 },
];

const engines: SqlEngine[] = [];

beforeAll(async () => {
  engines.push(await openDuckDb(), await openPglite(), await openClickHouse());
  for (const engine of engines) {
    await engine.load(
      NAMES,
      events.map((event) => ({
        customer: event.customerId,
        behaviour: event.behaviour,
        at: event.at,
        weight: null,
      })),
    );
  }
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.close();
}, 120_000);

describe.each(['duckdb', 'postgres', 'clickhouse'] as const)('atRiskSql on %s', (name) => {
  it('lists the customers atRisk lists, with their segments and drop instants', async () => {
    const engine = engines.find((candidate) => candidate.name === name)!;
    const within = { days: 30 };
    const rows = await engine.exec(atRiskSql(model, { dialect: name, at: AT, within }));
    const expected = atRisk(model, events, { at: AT, within });
    expect(expected.map((customer) => customer.customerId)).toEqual(['bo', 'ann', 'cy']);
    // bo drops when the second trial expires: exactly 2 days after AT (hand computation)
    expect(expected[0]!.drop.at).toBe(AT + 2 * DAY);
    expect(asAtRisk(rows)).toEqual(expected);
  });

  it('lists nobody when the window is too short for any drop', async () => {
    const engine = engines.find((candidate) => candidate.name === name)!;
    const rows = await engine.exec(atRiskSql(model, { dialect: name, at: AT, within: DAY }));
    expect(rows).toEqual([]);
  });
});

describe('atRiskSql where no exact answer can be written', () => {
  it('fails with atRiskSql: UNSUPPORTED rather than a different drop for a slope and two half-lives of mixed signs', async () => {
    const mixed = defineModel({
      behaviours: {
        purchase: { boost: 40, decay: linear({ days: 20 }) },
        visit: { boost: 30, decay: exponential({ days: 1 }) },
        complaint: { boost: -20, decay: exponential({ days: 7 }) },
      },
    });
    const mine = ['purchase', 'visit', 'complaint'].map((behaviour) => ({
      customerId: 'ann',
      behaviour,
      at: AT,
    }));
    // atRisk finds a drop (50 now, high; low within a day), which the query cannot isolate exactly
    expect(atRisk(mixed, mine, { at: AT, within: { days: 30 } })).toHaveLength(1);
    const engine = engines.find((candidate) => candidate.name === 'duckdb')!;
    await engine.load(
      { ...NAMES, table: 'mixed_events' },
      mine.map((event) => ({
        customer: event.customerId,
        behaviour: event.behaviour,
        at: event.at,
        weight: null,
      })),
    );
    const sql = atRiskSql(mixed, {
      dialect: 'duckdb',
      at: AT,
      within: { days: 30 },
      table: 'mixed_events',
    });
    await expect(engine.exec(sql)).rejects.toThrow(
      /atRiskSql: UNSUPPORTED: between two breakpoints/,
    );
  });
});

describe('atRiskSql validation', () => {
  it('refuses a model with a hysteresis band with UNSUPPORTED naming the band', () => {
    const banded = defineModel({
      behaviours: { visit: { boost: 5, decay: linear({ days: 3 }) } },
      segments: { high: 30, low: 10, band: 2 },
    });
    const error = thrown(() => atRiskSql(banded, { dialect: 'duckdb', at: AT, within: DAY }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.path).toEqual(['model', 'segments', 'band']);
    expect(error.message).toMatch(/^atRiskSql: a hysteresis band \(band 2\) is not supported/);
  });

  it('refuses a model with scoring rules with UNSUPPORTED naming them, as atRisk does', () => {
    const bounded = defineModel({
      behaviours: { visit: { boost: 5, decay: linear({ days: 3 }) } },
      bounds: { max: 100 },
    });
    const error = thrown(() => atRiskSql(bounded, { dialect: 'postgres', at: AT, within: DAY }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.path).toEqual(['model']);
    expect(error.message).toMatch(
      /^atRiskSql: does not support the model's scoring rules \(bounds/,
    );
  });

  it('reports a bad at and a bad within together', () => {
    const error = thrown(() =>
      atRiskSql(model, { dialect: 'duckdb', at: 0.5, within: -1 as unknown as number }),
    );
    expect(error.code).toBe('INVALID_INSTANT');
    expect(error.path).toEqual(['options', 'at']);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['options', 'at'],
      ['options', 'within'],
    ]);
    expect(error.message).toMatch(/^atRiskSql: options\.at must be whole milliseconds/);
  });

  it('rejects an unknown dialect and an unknown option with INVALID_OPTION', () => {
    const error = thrown(() =>
      atRiskSql(model, {
        dialect: 'oracle' as 'duckdb',
        at: AT,
        within: DAY,
        segment: true,
      } as Parameters<typeof atRiskSql>[1]),
    );
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/^atRiskSql: /);
    expect(error.issues.length).toBe(2);
  });

  it('writes one query in every dialect, ordered by drop instant', () => {
    for (const dialect of SQL_DIALECTS) {
      const sql = atRiskSql(model, { dialect, at: AT, within: { days: 7 } });
      expect(sql.split('\n').at(-1)).toBe('ORDER BY drop_at, customer_id');
    }
  });
});
