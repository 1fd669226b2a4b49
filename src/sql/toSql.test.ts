import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import NodeSqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byCustomer,
  openClickHouse,
  openDuckDb,
  openPglite,
  type SqlEngine,
  type SqlEventRow,
} from '../../test/sqlEngines.js';
import { GOLDEN_MODEL, GOLDEN_OPTIONS, GOLDEN_RULES_MODEL } from '../../test/sqlGoldenModel.js';
import { lexSql } from '../../test/sqlLexer.js';
import { HOSTILE } from '../../test/sqlParity.js';
import { EngagekitError } from '../errors/EngagekitError.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { scoreAt } from '../score/scoreAt.js';
import { segmentOf } from '../segment/segmentOf.js';
import { hasUnwritableCharacter, SQL_DIALECTS, type SqlDialect } from './dialects.js';
import { toSql } from './toSql.js';

const DAY = 86_400_000;
const AT = Date.parse('2026-11-01T00:00:00Z');

const model = defineModel({
  behaviours: {
    emailClick: { boost: 25, decay: linear({ days: 14 }) },
    purchase: { boost: 50, decay: linear({ days: 30 }, { grace: { days: 7 } }) },
    visit: { boost: 5, decay: exponential({ days: 3 }, { cutoff: { days: 30 } }), cap: 15 },
    trial: { boost: 10, decay: step({ days: 30 }) },
    signup: { boost: 10, decay: permanent() },
    complaint: { boost: -20, decay: linear({ days: 10 }), cap: 15 },
  },
});

const events = [
  // ann: emailClick 7 of 14 days old = 25 / 2 = 12.5; purchase exactly at the end of its 7-day
  // grace = 50. Total 62.5 (hand computation).
  { customer: 'ann', behaviour: 'emailClick', at: AT - 7 * DAY },
  { customer: 'ann', behaviour: 'purchase', at: AT - 7 * DAY },
  // ben: purchase 18.5 days old = 50 * (30 - 18.5) / (30 - 7) = 50 * 11.5 / 23 = 25; emailClick
  // exactly at `at` counts in full = 25; one 1 ms after `at` does not count. Total 50.
  { customer: 'ben', behaviour: 'purchase', at: AT - 18.5 * DAY },
  { customer: 'ben', behaviour: 'emailClick', at: AT },
  { customer: 'ben', behaviour: 'emailClick', at: AT + 1 },
  // cat: 4 visits one half-life old = 4 * 2.5 = 10, 4 visits at `at` = 20; 30 capped to 15.
  ...[1, 2, 3, 4].map(() => ({ customer: 'cat', behaviour: 'visit', at: AT - 3 * DAY })),
  ...[1, 2, 3, 4].map(() => ({ customer: 'cat', behaviour: 'visit', at: AT })),
  // dan: a trial exactly 30 days old = 0 (step: d < D only); one 1 ms younger = 10; a signup
  // 1000 days old (permanent) = 10. Total 20.
  { customer: 'dan', behaviour: 'trial', at: AT - 30 * DAY },
  { customer: 'dan', behaviour: 'trial', at: AT - 30 * DAY + 1 },
  { customer: 'dan', behaviour: 'signup', at: AT - 1000 * DAY },
  // eve: two complaints at `at` = -40, capped to -15; an emailClick at `at` with weight 2 = 50.
  // Total 35 with the weight column, -15 + 25 = 10 without it.
  { customer: 'eve', behaviour: 'complaint', at: AT },
  { customer: 'eve', behaviour: 'complaint', at: AT },
  { customer: 'eve', behaviour: 'emailClick', at: AT, weight: 2 },
  // fay: a behaviour not in the model, and a visit exactly at its 30-day cutoff: 0.
  { customer: 'fay', behaviour: 'refund', at: AT },
  { customer: 'fay', behaviour: 'visit', at: AT - 30 * DAY },
  // gus: only an event after `at`: 0.
  { customer: 'gus', behaviour: 'purchase', at: AT + DAY },
];

const expectedWeighted = { ann: 62.5, ben: 50, cat: 15, dan: 20, eve: 35, fay: 0, gus: 0 };
const expectedSegments = {
  ann: 'high',
  ben: 'high',
  cat: 'low',
  dan: 'low',
  eve: 'high',
  fay: 'disengaged',
  gus: 'disengaged',
};

const names = {
  table: 'events',
  customer: 'customer_id',
  behaviour: 'behaviour',
  at: 'occurred_at',
  weight: 'weight',
};

const engines: SqlEngine[] = [];

beforeAll(async () => {
  engines.push(await openDuckDb(), await openPglite(), await openClickHouse());
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.close();
}, 120_000);

type EngineName = 'duckdb' | 'postgres' | 'clickhouse';
const engine = (name: EngineName) => engines.find((each) => each.name === name)!;

/** The error a promise rejects with, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the query to fail, it returned rows');
}

describe.each(['duckdb', 'postgres', 'clickhouse'] as const)('toSql on %s (embedded)', (name) => {
  it('gives the hand-computed score and segment of every customer', async () => {
    await engine(name).load(names, events);
    const sql = toSql(model, {
      dialect: name,
      at: AT,
      columns: { weight: 'weight' },
      segment: true,
    });
    const rows = byCustomer(await engine(name).query(sql));
    expect(rows.size).toBe(7);
    for (const [customer, score] of Object.entries(expectedWeighted)) {
      expect(rows.get(customer)!.score, customer).toBeCloseTo(score, 9);
      expect(rows.get(customer)!.segment, customer).toBe(
        expectedSegments[customer as keyof typeof expectedSegments],
      );
      const mine = events.filter((event) => event.customer === customer);
      expect(scoreAt(model, mine, AT, { unknownBehaviour: 'ignore' }), customer).toBeCloseTo(
        score,
        9,
      );
    }
  });

  it('ignores the weight column unless it is named', async () => {
    await engine(name).load(names, events);
    const rows = byCustomer(await engine(name).query(toSql(model, { dialect: name, at: AT })));
    expect(rows.get('eve')!.score).toBeCloseTo(10, 9);
    expect(rows.get('eve')!.segment).toBeUndefined();
  });

  it('counts a NULL weight as 1', async () => {
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'signup', at: AT - DAY, weight: null },
      { customer: 'ann', behaviour: 'signup', at: AT - DAY, weight: 0.5 },
    ]);
    const sql = toSql(model, { dialect: name, at: AT, columns: { weight: 'weight' } });
    expect(byCustomer(await engine(name).query(sql)).get('ann')!.score).toBeCloseTo(15, 9);
  });

  it('leaves rows with a NULL time or behaviour out and still lists their customer with 0', async () => {
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'signup', at: null },
      { customer: 'ann', behaviour: null, at: AT - DAY },
      { customer: 'ann', behaviour: 'signup', at: AT - DAY },
      { customer: 'bob', behaviour: 'signup', at: null },
      { customer: 'cyd', behaviour: null, at: AT },
    ]);
    const rows = byCustomer(await engine(name).query(toSql(model, { dialect: name, at: AT })));
    expect(Object.fromEntries([...rows].map(([id, row]) => [id, row.score]))).toEqual({
      ann: 10,
      bob: 0,
      cyd: 0,
    });
  });

  it('reads an event time to the millisecond, rounded down, as a Date holds it', async () => {
    // 0.5 ms after `at` is the millisecond of `at`: it counts in full, as scoreAt(model, [{ at:
    // new Date(...) }]) counts it. 0.25 ms before the step's end is still inside it (10).
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'emailClick', at: AT + 0.5 },
      { customer: 'bob', behaviour: 'trial', at: AT - 30 * DAY + 0.25 },
      { customer: 'cyd', behaviour: 'emailClick', at: AT + 1 },
      { customer: 'dan', behaviour: 'emailClick', at: AT - 7 * DAY - 0.999 },
    ]);
    const rows = byCustomer(await engine(name).query(toSql(model, { dialect: name, at: AT })));
    expect(rows.get('ann')!.score).toBe(25);
    expect(rows.get('bob')!.score).toBe(0);
    expect(rows.get('cyd')!.score).toBe(0);
    // 7 days and 1 ms of 14 days: 25 * (14 days - 7 days - 1 ms) / 14 days.
    const dan = scoreAt(model, [{ behaviour: 'emailClick', at: AT - 7 * DAY - 1 }], AT);
    expect(rows.get('dan')!.score).toBeCloseTo(dan, 12);
  });

  it('sums huge whole boosts as floats and clamps to a fractional cap (ClickHouse types)', async () => {
    const big = defineModel({
      behaviours: {
        whale: { boost: 5e18, decay: permanent() },
        pass: { boost: 2, decay: step({ days: 1 }), cap: 2.5 },
      },
    });
    await engine(name).load(names, [
      ...[1, 2, 3, 4].map(() => ({ customer: 'ann', behaviour: 'whale', at: AT - DAY })),
      { customer: 'bob', behaviour: 'pass', at: AT },
      { customer: 'bob', behaviour: 'pass', at: AT },
    ]);
    const rows = byCustomer(await engine(name).query(toSql(big, { dialect: name, at: AT })));
    // 4 * 5e18 = 2e19 is beyond 2^64 (1.8e19): an integer sum would wrap.
    expect(rows.get('ann')!.score).toBe(2e19);
    expect(rows.get('bob')!.score).toBe(2.5);
  });

  it('writes a decayed boost too small for a float as 0 instead of failing on underflow', async () => {
    const tiny = defineModel({
      behaviours: { dust: { boost: 1e-300, decay: exponential({ days: 1 }) } },
    });
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'dust', at: AT - 90 * DAY },
      { customer: 'bob', behaviour: 'dust', at: AT - DAY },
    ]);
    const rows = byCustomer(await engine(name).query(toSql(tiny, { dialect: name, at: AT })));
    const ann = scoreAt(tiny, [{ behaviour: 'dust', at: AT - 90 * DAY }], AT);
    expect(ann).toBeLessThan(1e-320);
    expect(rows.get('ann')!.score).toBe(0);
    expect(rows.get('bob')!.score).toBeCloseTo(5e-301, 310);
  });

  it('fails the query, never returns Infinity or NaN, when a total is beyond a float', async () => {
    const huge = defineModel({
      behaviours: { whale: { boost: 1e308, decay: permanent(), cap: 10 } },
    });
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'whale', at: AT - DAY },
      { customer: 'ann', behaviour: 'whale', at: AT - DAY },
    ]);
    expect(() =>
      scoreAt(
        huge,
        [
          { behaviour: 'whale', at: 0 },
          { behaviour: 'whale', at: 0 },
        ],
        1,
      ),
    ).toThrow(expect.objectContaining({ code: 'OVERFLOW' }));
    const error = await rejection(engine(name).query(toSql(huge, { dialect: name, at: AT })));
    // PostgreSQL's float8 arithmetic raises its own error; the others fail with toSql's message.
    expect(error.message).toMatch(
      name === 'postgres'
        ? /value out of range: overflow/
        : /toSql: a behaviour's total or a score is beyond/,
    );
  });

  it('writes custom ladder names into the segment column', async () => {
    const laddered = defineModel({
      behaviours: { signup: { boost: 10, decay: permanent() } },
      segments: {
        levels: [
          { name: "it's gold", min: 20 },
          { name: 'silver\\', min: 10 },
        ],
        below: 'bronze',
      },
    });
    await engine(name).load(names, [
      { customer: 'ann', behaviour: 'signup', at: AT },
      { customer: 'ann', behaviour: 'signup', at: AT },
      { customer: 'bob', behaviour: 'signup', at: AT },
      { customer: 'cyd', behaviour: 'signup', at: AT + 1 },
    ]);
    const sql = toSql(laddered, { dialect: name, at: AT, segment: true });
    const rows = byCustomer(await engine(name).query(sql));
    expect(rows.get('ann')!.segment).toBe("it's gold");
    expect(rows.get('bob')!.segment).toBe('silver\\');
    expect(rows.get('cyd')!.segment).toBe('bronze');
  });

  describe('frequency caps (issue 18), worked by hand as in src/score/rules/rules.test.ts', () => {
    const MINUTE = 60_000;
    const HOUR = 60 * MINUTE;
    const scores = async (
      capped: ReturnType<typeof defineModel>,
      rows: SqlEventRow[],
      at: number,
    ) => {
      await engine(name).load(names, rows);
      const sql = toSql(capped, { dialect: name, at, columns: { weight: 'weight' } });
      const result = byCustomer(await engine(name).query(sql));
      return Object.fromEntries([...result].map(([id, row]) => [id, row.score]));
    };

    it('counts at most 20 page views a day over a 30-day step (the Marketo-like model)', async () => {
      const marketo = defineModel({
        behaviours: {
          pageView: {
            boost: 1,
            decay: step({ days: 30 }),
            frequencyCap: { count: 20, per: 'day' },
          },
        },
      });
      // 200 page views on day 0 (one a minute from midnight), 5 on day 1 at noon.
      const views: SqlEventRow[] = [
        ...Array.from({ length: 200 }, (_, m) => ({
          customer: 'ann',
          behaviour: 'pageView',
          at: m * MINUTE,
        })),
        ...Array.from({ length: 5 }, (_, m) => ({
          customer: 'ann',
          behaviour: 'pageView',
          at: DAY + 12 * HOUR + m,
        })),
      ];
      // Day 0: the first 20 of 200 count; day 1: all 5. 20 + 5 = 25. At day 30 + 6 h the day-0
      // views are 30 days old and more (step: 0), the day-1 views count: 5.
      expect(await scores(marketo, views, 2 * DAY)).toEqual({ ann: 25 });
      expect(await scores(marketo, views, 30 * DAY + 6 * HOUR)).toEqual({ ann: 5 });
      expect(
        scoreAt(
          marketo,
          views.map(({ behaviour, at }) => ({ behaviour: behaviour!, at: at! })),
          2 * DAY,
        ),
      ).toBe(25);
    });

    it('places local midnight in the cap zone, across a DST change and at a fixed offset', async () => {
      const capped = (timeZone: string) =>
        defineModel({
          behaviours: {
            visit: {
              boost: 1,
              decay: permanent(),
              frequencyCap: { count: 1, per: 'day', timeZone },
            },
          },
        });
      // Amsterdam, 29 March 2026: the day starts at 23:00Z on the 28th (CET) and, 23 hours long,
      // ends at 22:00Z on the 29th (CEST). 22:59:59.999Z is the 28th, 23:00Z and 21:59:59.999Z the
      // 29th (one counts), 22:00Z the 30th: 3 of 4 count.
      const amsterdam = [
        Date.parse('2026-03-28T22:59:59.999Z'),
        Date.parse('2026-03-28T23:00:00.000Z'),
        Date.parse('2026-03-29T21:59:59.999Z'),
        Date.parse('2026-03-29T22:00:00.000Z'),
      ].map((at) => ({ customer: 'ann', behaviour: 'visit', at }));
      const after = Date.parse('2026-04-01T00:00:00Z');
      expect(await scores(capped('Europe/Amsterdam'), amsterdam, after)).toEqual({ ann: 3 });
      // In UTC the middle two are on the 28th and 29th (22:59:59.999 and 23:00 on the 28th): 2
      // days with two events each, 2 count.
      expect(await scores(capped('UTC'), amsterdam, after)).toEqual({ ann: 2 });
      // At -00:30 midnight is 00:30Z: 00:29:59.999Z is May 31, 00:30Z June 1, 00:30Z on the 2nd
      // June 2: 3 days, 3 count. In UTC and Tokyo the first two share June 1: 2 count.
      const offset = [
        Date.parse('2026-06-01T00:29:59.999Z'),
        Date.parse('2026-06-01T00:30:00.000Z'),
        Date.parse('2026-06-02T00:30:00.000Z'),
      ].map((at) => ({ customer: 'bob', behaviour: 'visit', at }));
      expect(await scores(capped('-00:30'), offset, after + 90 * DAY)).toEqual({ bob: 3 });
      expect(await scores(capped('UTC'), offset, after + 90 * DAY)).toEqual({ bob: 2 });
      expect(await scores(capped('Asia/Tokyo'), offset, after + 90 * DAY)).toEqual({ bob: 2 });
    });

    it('counts an event in a rolling window iff fewer than count events precede it there', async () => {
      const windowed = defineModel({
        behaviours: {
          visit: { boost: 1, decay: permanent(), frequencyCap: { count: 2, window: 10 } },
        },
      });
      // Windows (at - 10, at]: 0 -> {} counts; 5 -> {0} counts; 9 -> {0, 5} no; 10 -> {5, 9} no;
      // 15 -> {9, 10} no; 20 -> {15} counts. Counted: 0, 5, 20; by 12 only 0 and 5.
      const rows = [20, 15, 10, 9, 5, 0].map((at) => ({
        customer: 'ann',
        behaviour: 'visit',
        at: AT + at,
      }));
      expect(await scores(windowed, rows, AT + 20)).toEqual({ ann: 3 });
      expect(await scores(windowed, rows, AT + 12)).toEqual({ ann: 2 });
    });

    it('takes the heavier of two events at one instant first, and a refused reset resets nothing', async () => {
      const ordered = defineModel({
        behaviours: {
          order: { boost: 10, decay: permanent(), frequencyCap: { count: 1, per: 'day' } },
          churn: {
            boost: 0,
            decay: permanent(),
            resets: ['order'],
            frequencyCap: { count: 1, window: DAY },
          },
        },
      });
      // ann: weights 1 and 3 at one instant, one counts: the heavier, 30. bob: an order (10), a
      // churn that resets it, an order the next day (10) and a second churn within a day of the
      // first, which the cap refuses: it resets nothing, 10 is left.
      const rows = [
        { customer: 'ann', behaviour: 'order', at: AT, weight: 1 },
        { customer: 'ann', behaviour: 'order', at: AT, weight: 3 },
        { customer: 'bob', behaviour: 'order', at: AT },
        { customer: 'bob', behaviour: 'churn', at: AT + HOUR },
        { customer: 'bob', behaviour: 'order', at: AT + DAY },
        { customer: 'bob', behaviour: 'churn', at: AT + DAY + 1 },
      ];
      expect(await scores(ordered, rows, AT + 2 * DAY)).toEqual({ ann: 30, bob: 10 });
    });
  });

  it("runs the checked-in golden query of the rules and gives every customer scoreAt's score", async () => {
    const at = GOLDEN_OPTIONS.at as number;
    const HOUR = 3_600_000;
    // ann: 30 email opens every 20 minutes across New York's midnight (04:00Z on 31 October), an
    // unsubscribe among them, 12 clicks across India's midnight (18:30Z); bob: 30 hourly page views
    // over two UTC days (24 on one: 20 count); cyd: 12 purchases 7 hours apart (2 count in 24 h).
    const rows: SqlEventRow[] = [];
    for (let i = 0; i < 30; i++) {
      rows.push({
        customer: 'ann',
        behaviour: 'emailOpen',
        at: at - DAY - 2 * HOUR + i * 20 * 60_000,
      });
      rows.push({ customer: 'bob', behaviour: 'pageView', at: at - 3 * DAY - 1 - i * HOUR });
    }
    for (let i = 0; i < 12; i++) {
      rows.push({
        customer: 'ann',
        behaviour: 'emailClick',
        at: at - DAY - 6.5 * HOUR + i * 15 * 60_000 - HOUR,
        weight: 1 + (i % 3),
      });
      rows.push({
        customer: 'cyd',
        behaviour: 'purchase',
        at: at - 10 * DAY + i * 7 * HOUR,
        weight: 0.1,
      });
    }
    rows.push({ customer: 'ann', behaviour: 'unsubscribe', at: at - DAY - HOUR });
    rows.push({ customer: 'dan', behaviour: 'pageView', at: at - 400 * DAY });
    await engine(name).load(names, rows);
    await engine(name).exec(
      name === 'clickhouse'
        ? 'DROP DATABASE IF EXISTS analytics'
        : 'DROP SCHEMA IF EXISTS analytics CASCADE',
    );
    await engine(name).exec(
      name === 'clickhouse'
        ? 'CREATE DATABASE analytics ENGINE = Atomic'
        : 'CREATE SCHEMA analytics',
    );
    await engine(name).exec(
      name === 'clickhouse'
        ? 'CREATE TABLE analytics.events ENGINE = Memory AS SELECT * FROM events'
        : 'CREATE TABLE analytics.events AS SELECT * FROM events',
    );
    const golden = readFileSync(new URL(`./golden/rules/${name}.sql`, import.meta.url), 'utf8');
    const result = byCustomer(await engine(name).query(golden));
    expect([...result.keys()].sort()).toEqual(['ann', 'bob', 'cyd', 'dan']);
    let belowUncapped = 0;
    for (const customer of ['ann', 'bob', 'cyd', 'dan']) {
      const mine = rows
        .filter((row) => row.customer === customer)
        .map((row) => ({
          behaviour: row.behaviour!,
          at: row.at!,
          ...(row.weight == null ? {} : { weight: row.weight }),
        }));
      const expected = scoreAt(GOLDEN_RULES_MODEL, mine, at);
      expect(result.get(customer)!.score, customer).toBeCloseTo(expected, 9);
      expect(result.get(customer)!.segment).toBe(segmentOf(GOLDEN_RULES_MODEL, expected));
      const uncapped = defineModel({
        ...GOLDEN_RULES_MODEL,
        behaviours: Object.fromEntries(
          GOLDEN_RULES_MODEL.behaviourIds.map((id) => {
            const { frequencyCap: _, ...behaviour } = GOLDEN_RULES_MODEL.behaviours[id]!;
            return [id, behaviour];
          }),
        ),
      } as Parameters<typeof defineModel>[0]);
      if (scoreAt(uncapped, mine, at) > expected + 1e-9) belowUncapped++;
    }
    // The caps refuse events for ann, bob and cyd: the query must have applied them.
    expect(belowUncapped).toBe(3);
  });

  it('keeps hostile table, column and behaviour names as data: nothing else runs', async () => {
    const hostileModel = defineModel({
      behaviours: Object.fromEntries(
        HOSTILE.map((id, index) => [id, { boost: index + 1, decay: permanent() }]),
      ),
    });
    const hostileNames = {
      table: 'events"; DROP TABLE sentinel; --',
      customer: "customer'); DROP TABLE sentinel; --",
      behaviour: 'behaviour` /* \\',
      at: 'at\\"; --',
      weight: 'weight $$ ; \u202E',
    };
    await engine(name).exec('DROP TABLE IF EXISTS sentinel');
    await engine(name).exec(
      `CREATE TABLE sentinel (id INTEGER)${name === 'clickhouse' ? ' ENGINE = Memory' : ''}`,
    );
    await engine(name).load(
      hostileNames,
      HOSTILE.map((behaviour) => ({ customer: "o'brien\\", behaviour, at: AT - DAY })),
    );
    const { table, ...columns } = hostileNames;
    const sql = toSql(hostileModel, { dialect: name, at: AT, table, columns });
    const rows = byCustomer(await engine(name).query(sql));
    // Each hostile id is its own behaviour with boost index + 1: 1 + 2 + ... + n = n (n + 1) / 2.
    expect(rows.get("o'brien\\")!.score).toBe((HOSTILE.length * (HOSTILE.length + 1)) / 2);
    expect(await engine(name).exec('SELECT COUNT(*) AS n FROM sentinel')).toHaveLength(1);
  });
});

describe('toSql golden queries', () => {
  const parser = new NodeSqlParser.Parser();
  /** node-sql-parser grammars: the dialect's own, or the closest one for ClickHouse and Spark. */
  const grammars: Partial<Record<SqlDialect, string>> = {
    bigquery: 'bigquery',
    snowflake: 'snowflake',
    spark: 'hive',
    clickhouse: 'mysql',
  };

  for (const dialect of SQL_DIALECTS) {
    const file = new URL(`./golden/${dialect}.sql`, import.meta.url);
    const query = toSql(GOLDEN_MODEL, { ...GOLDEN_OPTIONS, dialect });

    it(`${dialect}: toSql writes the checked-in query, below its documentation header`, () => {
      const text = readFileSync(file, 'utf8');
      const header = text
        .split('\n')
        .filter((line) => line.startsWith('--'))
        .join('\n');
      expect(header).toMatch(/https:\/\//);
      if (process.env.ENGAGEKIT_UPDATE_GOLDEN === '1') writeFileSync(file, `${header}\n${query}\n`);
      else expect(text).toBe(`${header}\n${query}\n`);
    });

    it(`${dialect}: docs/warehouse.md shows the same query`, () => {
      const guide = readFileSync(new URL('../../docs/warehouse.md', import.meta.url), 'utf8');
      expect(guide).toContain(`\`\`\`sql\n${query}\n\`\`\``);
    });

    const grammar = grammars[dialect];
    if (grammar !== undefined) {
      it(`${dialect}: the golden query parses as one SELECT with node-sql-parser (${grammar})`, () => {
        const ast = parser.astify(readFileSync(file, 'utf8'), { database: grammar });
        const statements = Array.isArray(ast) ? ast : [ast];
        expect(statements.map((statement) => statement.type)).toEqual(['select']);
      });
    }
  }
});

describe('toSql golden queries of a model with rules (issue 18)', () => {
  const parser = new NodeSqlParser.Parser();
  const grammars: Partial<Record<SqlDialect, string>> = {
    bigquery: 'bigquery',
    snowflake: 'snowflake',
    spark: 'hive',
    clickhouse: 'mysql',
  };

  for (const dialect of SQL_DIALECTS) {
    const file = new URL(`./golden/rules/${dialect}.sql`, import.meta.url);
    const query = toSql(GOLDEN_RULES_MODEL, { ...GOLDEN_OPTIONS, dialect });

    it(`${dialect}: toSql writes the checked-in query with caps, resets, groups and bounds, below its documentation header`, () => {
      const text = readFileSync(file, 'utf8');
      const header = text
        .split('\n')
        .filter((line) => line.startsWith('--'))
        .join('\n');
      expect(header).toMatch(/https:\/\//);
      if (process.env.ENGAGEKIT_UPDATE_GOLDEN === '1') writeFileSync(file, `${header}\n${query}\n`);
      else expect(text).toBe(`${header}\n${query}\n`);
      for (const part of ['ranked_events AS (', 'counted_events AS (', 'reset_events AS (']) {
        expect(query).toContain(part);
      }
    });

    const grammar = grammars[dialect];
    if (grammar !== undefined) {
      it(`${dialect}: the rules' golden query parses as one SELECT with node-sql-parser (${grammar})`, () => {
        const ast = parser.astify(readFileSync(file, 'utf8'), { database: grammar });
        const statements = Array.isArray(ast) ? ast : [ast];
        expect(statements.map((statement) => statement.type)).toEqual(['select']);
      });
    }
  }

  it('docs/warehouse.md shows the DuckDB query of the rules', () => {
    const guide = readFileSync(new URL('../../docs/warehouse.md', import.meta.url), 'utf8');
    const query = toSql(GOLDEN_RULES_MODEL, { ...GOLDEN_OPTIONS, dialect: 'duckdb' });
    expect(guide).toContain(`\`\`\`sql\n${query}\n\`\`\``);
  });
});

describe('toSql safety in every dialect', () => {
  const writable = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 12 })
    .filter((text) => !hasUnwritableCharacter(text) && text !== '__proto__');

  it('a hostile name only changes the quoted data, never the code around it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SQL_DIALECTS),
        fc.oneof(fc.constantFrom(...HOSTILE), writable),
        fc.oneof(fc.constantFrom(...HOSTILE), writable),
        (dialect, id, table) => {
          const plain = toSql(
            defineModel({ behaviours: { x: { boost: 1, decay: permanent() } } }),
            {
              dialect,
              at: AT,
              table: 't',
              columns: { customer: 'c', behaviour: 'b', at: 'a', weight: 'w' },
            },
          );
          const hostile = toSql(
            defineModel({ behaviours: { [id]: { boost: 1, decay: permanent() } } }),
            {
              dialect,
              at: AT,
              table,
              columns: { customer: table, behaviour: id, at: `${id}!`, weight: `${table}?` },
            },
          );
          const lexedPlain = lexSql(plain, dialect);
          const lexed = lexSql(hostile, dialect);
          expect(lexed.skeleton).toBe(lexedPlain.skeleton);
          expect(lexed.strings).toContain(id);
          expect(lexed.identifiers).toEqual(
            expect.arrayContaining([table, id, `${id}!`, `${table}?`]),
          );
        },
      ),
    );
  });

  it('rejects a behaviour id no dialect can write with INVALID_MODEL naming the behaviour', () => {
    const bad = defineModel({ behaviours: { 'nul\u0000': { boost: 1, decay: permanent() } } });
    const call = () => toSql(bad, { dialect: 'postgres', at: AT });
    expect(call).toThrow(EngagekitError);
    expect(call).toThrow(
      expect.objectContaining({
        code: 'INVALID_MODEL',
        path: ['model', 'behaviours', 'nul\u0000'],
      }),
    );
    expect(call).toThrow(/toSql: behaviour id "nul\\u0000"/);
  });
});

describe('toSql options', () => {
  const expectError = (
    call: () => unknown,
    code: string,
    path: (string | number)[],
    text: RegExp,
  ) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngagekitError);
    const error = caught as EngagekitError;
    expect(error.code).toBe(code);
    expect(error.path).toEqual(path);
    expect(error.message).toMatch(text);
  };

  it('rejects an unknown dialect with INVALID_OPTION naming options.dialect', () => {
    expectError(
      () => toSql(model, { dialect: 'mysql' as SqlDialect, at: AT }),
      'INVALID_OPTION',
      ['options', 'dialect'],
      /^toSql: options\.dialect must be one of 'postgres'/,
    );
  });

  it('rejects an empty or unwritable identifier with INVALID_OPTION naming it', () => {
    expectError(
      () => toSql(model, { dialect: 'duckdb', at: AT, table: '' }),
      'INVALID_OPTION',
      ['options', 'table'],
      /^toSql: options\.table/,
    );
    expectError(
      () => toSql(model, { dialect: 'duckdb', at: AT, columns: { weight: 'w\u0000' } }),
      'INVALID_OPTION',
      ['options', 'columns', 'weight'],
      /^toSql: options\.columns\.weight must not contain control characters/,
    );
    expectError(
      () => toSql(model, { dialect: 'duckdb', at: AT, table: ['analytics', ''] }),
      'INVALID_OPTION',
      ['options', 'table', 1],
      /^toSql: options\.table\[1\] must not be empty/,
    );
  });

  it('rejects an unknown option with INVALID_OPTION naming it', () => {
    expectError(
      () => toSql(model, { dialect: 'duckdb', at: AT, tabel: 'x' } as never),
      'INVALID_OPTION',
      ['options'],
      /^toSql: options has unknown field "tabel"/,
    );
  });

  it('rejects an at that is not whole milliseconds in years 1 to 9999 with INVALID_INSTANT', () => {
    for (const at of [Number.NaN, AT + 0.5, Date.parse('+010000-01-01T00:00:00Z')]) {
      expectError(
        () => toSql(model, { dialect: 'duckdb', at }),
        'INVALID_INSTANT',
        ['options', 'at'],
        /^toSql: options\.at must/,
      );
    }
  });

  it('quotes each part of a qualified table name', () => {
    const sql = toSql(model, { dialect: 'bigquery', at: AT, table: ['project', 'data.set', 'ev'] });
    expect(sql).toContain('FROM `project`.`data.set`.`ev` AS src');
  });

  it('bounds the scan below only when every boost runs out', () => {
    const finite = toSql(GOLDEN_MODEL, { dialect: 'duckdb', at: AT });
    // The longest-lived behaviour is purchase, 120 days: events from 2026-07-04 on can count.
    expect(finite).toContain(`> TIMESTAMPTZ '2026-07-04 00:00:00.000+00:00'`);
    expect(toSql(model, { dialect: 'duckdb', at: AT })).not.toContain('occurred_at" >');
  });

  it('writes a negative number in parentheses so that it can never start a comment', () => {
    const sql = toSql(model, { dialect: 'postgres', at: AT });
    expect(sql).toContain('(-20) *');
    expect(sql).toContain('GREATEST((-15), ek_total)');
    expect(sql).not.toMatch(/--/);
  });
});
