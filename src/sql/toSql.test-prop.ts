import { afterAll, beforeAll, describe, it } from 'vitest';
import { openClickHouse, openDuckDb, openPglite, type SqlEngine } from '../../test/sqlEngines.js';
import { assertParity, assertRulesParity } from '../../test/sqlParity.js';

const engines: SqlEngine[] = [];

beforeAll(async () => {
  engines.push(await openDuckDb(), await openPglite(), await openClickHouse());
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.close();
}, 120_000);

describe.each(['duckdb', 'postgres', 'clickhouse'] as const)('toSql on %s (embedded)', (name) => {
  it('every customer scores what scoreAt gives, within 1e-6, with the segment segmentOf gives', {
    timeout: 300_000,
  }, async () => {
    await assertParity(engines.find((engine) => engine.name === name)!, 60);
  });

  it('a model with bounds, groups, resets and frequency caps (per day in DST zones and offsets, rolling windows) scores what scoreAt gives, within 1e-6 (issue 18)', {
    timeout: 300_000,
  }, async () => {
    await assertRulesParity(engines.find((engine) => engine.name === name)!, 60);
  });
});
