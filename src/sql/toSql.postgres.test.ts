import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCustomer, openPgServer, type SqlEngine } from '../../test/sqlEngines.js';
import { assertParity, assertRulesParity, HOSTILE } from '../../test/sqlParity.js';
import { defineModel } from '../model/defineModel.js';
import { permanent } from '../model/permanent.js';
import { toSql } from './toSql.js';

/**
 * Integration run on a real PostgreSQL server, as .ci/run starts one: set ENGAGEKIT_PG_URL, e.g.
 * `postgres://postgres@127.0.0.1:54329/postgres`. Without it these tests are reported as skipped,
 * with the reason in their title and on stderr, and `npm test` passes on a machine with no server.
 */
const url = process.env.ENGAGEKIT_PG_URL;
const reason =
  url === undefined
    ? ' (skipped: ENGAGEKIT_PG_URL is not set; .ci/run starts a server and sets it)'
    : '';
if (url === undefined) {
  console.warn(`toSql.postgres.test.ts${reason}`);
}

const AT = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

describe.skipIf(url === undefined)(`toSql on a PostgreSQL server${reason}`, () => {
  let engine: SqlEngine;

  beforeAll(async () => {
    engine = await openPgServer(url!, 'engagekit_test');
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('talks to a real server, not PGlite', async () => {
    const [row] = (await engine.exec('SELECT version() AS version')) as unknown as {
      version: string;
    }[];
    expect(row!.version).toMatch(/^PostgreSQL \d+/);
    expect(row!.version).not.toMatch(/PGlite/);
  });

  it('every customer scores what scoreAt gives, within 1e-6, with the segment segmentOf gives', async () => {
    await assertParity(engine);
  });

  it('a model with bounds, groups, resets and frequency caps scores what scoreAt gives, within 1e-6 (issue 18)', async () => {
    await assertRulesParity(engine);
  });

  it('means the same with standard_conforming_strings off, where backslashes escape', async () => {
    await engine.exec('SET standard_conforming_strings = off');
    try {
      await assertParity(engine, 30);
    } finally {
      await engine.exec('SET standard_conforming_strings = on');
    }
  });

  it('keeps hostile table, column and behaviour names as data: nothing else runs', async () => {
    const model = defineModel({
      behaviours: Object.fromEntries(
        HOSTILE.map((id, index) => [id, { boost: index + 1, decay: permanent() }]),
      ),
    });
    const names = {
      table: 'events"; DROP TABLE sentinel; --',
      customer: "customer'); DROP TABLE sentinel; --",
      behaviour: 'behaviour` /* \\',
      at: 'at\\"; --',
      weight: 'weight $$ ; \u202E',
    };
    await engine.exec('DROP TABLE IF EXISTS sentinel');
    await engine.exec('CREATE TABLE sentinel (id INTEGER)');
    await engine.load(
      names,
      HOSTILE.map((behaviour) => ({ customer: "o'brien\\", behaviour, at: AT - DAY })),
    );
    const { table, ...columns } = names;
    const rows = byCustomer(
      await engine.query(toSql(model, { dialect: 'postgres', at: AT, table, columns })),
    );
    expect(rows.get("o'brien\\")!.score).toBe((HOSTILE.length * (HOSTILE.length + 1)) / 2);
    expect(await engine.exec('SELECT COUNT(*) AS n FROM sentinel')).toHaveLength(1);
  });
});
