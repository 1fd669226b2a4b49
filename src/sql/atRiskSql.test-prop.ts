import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertAtRiskParity } from '../../test/atRiskSqlParity.js';
import { openClickHouse, openDuckDb, openPglite, type SqlEngine } from '../../test/sqlEngines.js';

const engines: SqlEngine[] = [];

beforeAll(async () => {
  engines.push(await openDuckDb(), await openPglite(), await openClickHouse());
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.close();
}, 120_000);

// ClickHouse analyses a long query slowly (seconds for a model with two kinds of moving terms):
// fewer runs there.
describe.each([
  ['duckdb', 60],
  ['postgres', 40],
  ['clickhouse', 15],
] as const)('atRiskSql on %s (embedded)', (name, runs) => {
  it("lists exactly atRisk's customers, with the same segments and drop instants within 1 ms", {
    timeout: 900_000,
  }, async () => {
    await assertAtRiskParity(engines.find((engine) => engine.name === name)!, runs);
  });
});
