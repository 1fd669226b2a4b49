import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertAtRiskParity } from '../../test/atRiskSqlParity.js';
import { openPgServer, type SqlEngine } from '../../test/sqlEngines.js';

/**
 * atRiskSql on a real PostgreSQL server, as .ci/run starts one: set ENGAGEKIT_PG_URL. Without it
 * the test is reported as skipped, with the reason in its title and on stderr.
 */
const url = process.env.ENGAGEKIT_PG_URL;
const reason =
  url === undefined
    ? ' (skipped: ENGAGEKIT_PG_URL is not set; .ci/run starts a server and sets it)'
    : '';
if (url === undefined) console.warn(`atRiskSql.postgres.test.ts${reason}`);

describe.skipIf(url === undefined)(`atRiskSql on a PostgreSQL server${reason}`, () => {
  let engine: SqlEngine;

  beforeAll(async () => {
    engine = await openPgServer(url!, 'engagekit_at_risk_test');
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('talks to a real server, not PGlite', async () => {
    const [row] = (await engine.exec('SELECT version() AS version')) as unknown as {
      version: string;
    }[];
    expect(row!.version).toMatch(/^PostgreSQL \d+/);
  });

  it("lists exactly atRisk's customers, with the same segments and drop instants within 1 ms", {
    timeout: 600_000,
  }, async () => {
    await assertAtRiskParity(engine, 60);
  });
});
