import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDuckDb, openPglite, type SqlEngine } from '../../test/sqlEngines.js';
import { assertParity } from '../../test/sqlParity.js';

const engines: SqlEngine[] = [];

beforeAll(async () => {
  engines.push(await openDuckDb(), await openPglite());
});

afterAll(async () => {
  for (const engine of engines) await engine.close();
});

describe.each(['duckdb', 'postgres'] as const)('toSql on %s (embedded)', (name) => {
  it('every customer scores what scoreAt gives, within 1e-6, with the segment segmentOf gives', async () => {
    await assertParity(engines.find((engine) => engine.name === name)!);
  });
});
